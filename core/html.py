"""What the template language does to a value, for the template tags that write table rows in Python."""

from html import escape


def text(value) -> str:
    """A value as `{{ value }}` shows it: escaped (html.escape is what Django's escape does, without its check for
    lazy strings); None, the result of a lookup through a missing relation, as nothing."""
    return "" if value is None else escape(str(value))


def choice_label(choices, value) -> str:
    """What get_FOO_display() gives: the label of `value` in the TextChoices `choices`, or the value itself. Without
    get_FOO_display's cost of translating every choice of the field on each call."""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)
