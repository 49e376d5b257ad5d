"""Fast rendering for select widgets (used by templates/django/forms/widgets/select.html) and filter bars.

Django renders every <option> through its own template include, which costs about 40 µs per option; a filter form
with a few selects spent more time there than the page spent on its rows. This tag writes the same markup in
Python: same values, labels and attributes, escaped the same way.
"""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


def _option(option: dict) -> str:
    return format_html(
        '<option value="{}"{}>{}</option>', str(option["value"]), flatatt(option["attrs"]), option["label"]
    )


@register.simple_tag
def select_options(optgroups) -> str:
    parts = []
    for group_name, options, _index in optgroups:
        if group_name:
            parts.append(format_html('<optgroup label="{}">', group_name))
        parts.extend(_option(option) for option in options)
        if group_name:
            parts.append("</optgroup>")
    return mark_safe("\n".join(parts))  # every part above is built by format_html, which escapes


_OWN_MARKUP = (forms.Select, forms.widgets.Input, forms.Textarea)
# Subclasses of the above (and the radios) whose markup crispy's pack writes differently.
_CRISPY_MARKUP = (forms.CheckboxInput, forms.RadioSelect, forms.FileInput, forms.SelectMultiple)


@register.simple_tag
def filter_field(field) -> str:
    """A field of a filter bar, in the markup crispy's Bootstrap 5 pack gives it (label, control, errors, help).

    A filter bar shows up to six plain inputs and selects on every list page; rendering them through crispy's
    template costs about 0.4 ms a field. Other widgets (checkboxes, radios, files, multi-widgets) still go through
    crispy, so they keep its markup.
    """
    widget = field.field.widget
    if field.is_hidden:
        return str(field)
    if not isinstance(widget, _OWN_MARKUP) or isinstance(widget, _CRISPY_MARKUP) or hasattr(widget, "widgets"):
        return as_crispy_field(field)
    class_name = widget.__class__.__name__.lower()
    css_class = widget.attrs.get("class", "")
    if class_name not in css_class:
        css_class = f"{css_class} {class_name}".strip()
    css_class += " form-select" if isinstance(widget, forms.Select) else " form-control"
    if field.errors:
        css_class += " is-invalid"
    required = field.field.required
    parts = [format_html('<div id="div_{}" class="mb-3{}">', field.auto_id, f" {field.css_classes()}".rstrip())]
    if field.label:
        parts.append(
            format_html(
                '<label for="{}" class="form-label{}">{}{}</label>',
                field.id_for_label,
                " requiredField" if required else "",
                field.label,
                mark_safe('<span class="asteriskField">*</span>') if required else "",
            )
        )
    parts.append(field.as_widget(attrs={"class": css_class}))
    if field.errors:
        parts.append(format_html('<div id="{}_error" class="invalid-feedback">', field.errors.field_id))
        parts.extend(
            format_html('<p id="error_{}_{}"><strong>{}</strong></p>', number, field.auto_id, error)
            for number, error in enumerate(field.errors, start=1)
        )
        parts.append("</div>")
    if field.help_text:
        help_text = mark_safe(field.help_text)  # written by us, shown unescaped as crispy and Django's forms do
        parts.append(format_html('<div id="{}_helptext" class="form-text">{}</div>', field.auto_id, help_text))
    parts.append("</div>")
    return mark_safe("".join(parts))  # every part is built by format_html or by Django's widget rendering
