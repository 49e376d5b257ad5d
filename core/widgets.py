"""A select widget written in Python for the filter bars.

The Wirkungsdialog, the survey report and the document lists show a bar of selects with up to a hundred options on
every request. The form renderer (core/form_renderer.py) already writes a select's markup in Python, but Django's
`ChoiceWidget.optgroups` still builds a dict per option first. `Select` writes the options straight from the
choices: the markup Django's templates write, same attributes in the same order, same options, escaped the same way.
Grouped choices and multiple selects take Django's way. tests/core/test_widgets.py compares both.
"""

from html import escape

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from core.form_renderer import attributes


def _escaped(text) -> str:
    """`conditional_escape` (a safe string as it is, anything else escaped), without its lazy-string wrapper: it is
    called twice per option."""
    return text.__html__() if hasattr(text, "__html__") else escape(str(text))


class Select(forms.Select):
    """`forms.Select`, written in Python. Named like it: crispy and core's `filter_field` put the class name into the
    markup."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        # A model choice field's options: one query, as the templates make (list() would ask for a count first).
        choices = [*iter(self.choices)]
        if self.allow_multiple_selected or any(isinstance(label, (list, tuple)) for _value, label in choices):
            return super().render(name, value, attrs, renderer)
        values = self.format_value(value)
        options = []
        has_selected = False
        for option_value, label in choices:
            if option_value is None:
                option_value = ""
            selected = not has_selected and str(option_value) in values
            has_selected |= selected
            options.append(
                f'<option value="{_escaped(str(option_value))}"{" selected" if selected else ""}>'
                f"{_escaped(label)}</option>"
            )
        final_attrs = self.build_attrs(self.attrs, attrs)
        body = "\n".join(options)
        # Every value above is escaped (_escaped, conditional_escape), as the templates' autoescaping does.
        return mark_safe(f'<select name="{conditional_escape(name)}"{attributes(final_attrs)}>\n{body}\n</select>')
