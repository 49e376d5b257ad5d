"""Template helpers of the money pages: form controls with Bootstrap classes and plausibility findings."""

from django import template
from django.forms import CheckboxInput, RadioSelect, Select

register = template.Library()


@register.filter
def control(field, findings=None):
    """Renders a bound field's widget with Bootstrap classes, marking it invalid on errors or error findings and
    pointing aria-describedby at the help text and the messages."""
    widget = field.field.widget
    css = (
        "form-select"
        if isinstance(widget, Select)
        else "form-check-input"
        if isinstance(widget, (CheckboxInput, RadioSelect))
        else "form-control"
    )
    has_problem = bool(field.errors) or any(f.is_error for f in (findings or []))
    if has_problem:
        css += " is-invalid"
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_hilfe")
    if field.errors or findings:
        described.append(f"{field.auto_id}_meldung")
    attrs = {"class": css}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if has_problem:
        attrs["aria-invalid"] = "true"
    if isinstance(widget, RadioSelect):
        return field.as_widget(attrs={"class": "form-check-input"})
    return field.as_widget(attrs=attrs)


@register.filter
def findings_for(by_field, name):
    return (by_field or {}).get(name, [])


@register.filter
def negative(value) -> bool:
    return value is not None and value < 0


@register.filter
def cost_type_label(value) -> str:
    from finance.models import CostType

    return CostType(value).label if value in CostType.values else value


@register.filter
def is_amount(value) -> bool:
    from decimal import Decimal

    return isinstance(value, Decimal)
