"""Template helpers of the money pages: form controls with Bootstrap classes and plausibility findings."""

from django import template
from django.forms import CheckboxInput, RadioSelect, Select
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from core.numbers import euro

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


@register.simple_tag
def balance_cells(balance) -> SafeString:
    """The six cells of one balance row: available, called, forwarded, spent, remaining (in red when negative) and
    the warnings. Written here rather than in an included template because "Mittel und Salden" shows one such row per
    agency, year and provider, and an include per row cost more than the rest of the table."""
    remaining = balance.remaining
    return format_html(
        '<td class="num">{}</td><td class="num">{}</td><td class="num d-none d-md-table-cell">{}</td>'
        '<td class="num d-none d-sm-table-cell">{}</td><td class="num{}">{}</td>\n<td>{}</td>\n',
        euro(balance.available),
        euro(balance.called),
        euro(balance.forwarded),
        euro(balance.spent),
        " text-danger fw-semibold" if remaining < 0 else "",
        euro(remaining),
        format_html_join(
            "",
            '<span class="badge text-bg-warning d-block text-wrap text-start mb-1">⚠ {}</span>',
            ((warning,) for warning in balance.warnings),
        ),
    )


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
