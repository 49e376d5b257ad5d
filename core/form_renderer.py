"""The form renderer: Django's TemplatesSetting, with the plain widgets written in Python.

Every text field, number field, select and textarea on a page goes through three or four template files
(text.html → input.html → attrs.html), about 0.5 ms a widget. A filter bar with four fields spent more time there
than the page spent on its rows, and long forms have dozens of widgets. `FastWidgetRenderer` writes the markup of
these templates directly: same attributes in the same order, escaped the same way. Any other template (checkboxes,
radios, files, multi-widgets, crispy's own templates) still renders through the template engine.

The writers copy what the templates say, so a project override of one of these template names must change its
writer too; `tests/core/test_form_renderer.py` renders every name both ways and fails when they differ.
"""

from collections.abc import Callable

from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData

from core.templatetags.form_widgets import select_options


def _formatted(value) -> str:
    """`{{ value|stringformat:'s' }}` in an autoescaping template: a safe value stays as it is."""
    text = str(value)  # what stringformat:'s' gives, tuples included
    return text if isinstance(value, SafeData) else escape(text)


def attributes(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: True writes the bare name, False leaves the attribute out."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(
            f" {conditional_escape(name)}" if value is True else f' {conditional_escape(name)}="{_formatted(value)}"'
        )
    return "".join(parts)


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_formatted(widget["value"])}"'
    kind, name = conditional_escape(widget["type"]), conditional_escape(widget["name"])
    return f'<input type="{kind}" name="{name}"{value}{attributes(widget["attrs"])}>'


def _select(widget: dict) -> str:
    """templates/django/forms/widgets/select.html (the project's own, with the options written by a tag)."""
    return (
        f'<select name="{conditional_escape(widget["name"])}"{attributes(widget["attrs"])}>\n'
        f"{select_options(widget['optgroups'])}\n</select>"
    )


def _textarea(widget: dict) -> str:
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{conditional_escape(widget["name"])}"{attributes(widget["attrs"])}>\n{value}</textarea>'


_INPUTS = ("color", "date", "datetime", "email", "hidden", "input", "number", "password", "search", "tel", "text")
WRITERS: dict[str, Callable[[dict], str]] = {
    **{f"django/forms/widgets/{name}.html": _input for name in (*_INPUTS, "time", "url")},
    "django/forms/widgets/select.html": _select,
    "django/forms/widgets/textarea.html": _textarea,
}


class FastWidgetRenderer(TemplatesSetting):
    def render(self, template_name: str, context: dict, request=None) -> str:
        write = WRITERS.get(template_name)
        if write is None or "widget" not in context:
            return super().render(template_name, context, request=request)
        return write(context["widget"])
