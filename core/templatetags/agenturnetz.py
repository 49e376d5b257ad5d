"""Formatting helpers for German figures, shared by every template."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.html import format_html

register = template.Library()


def grouped(number: Decimal, places: int) -> str:
    """German digits with thousands grouped (1.234,50). Grouping is explicit here because the locale's automatic
    grouping is off, so that years and counts elsewhere print as 2026, not 2.026."""
    return numberformat.format(
        number,
        get_format("DECIMAL_SEPARATOR"),
        decimal_pos=places,
        grouping=3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )


@register.filter
def fte(value, places: int = 2) -> str:
    """15.25 → '15,25 VZÄ' (VZÄ = Vollzeitäquivalente, full-time equivalents)."""
    if value in (None, ""):
        return "–"
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    return f"{grouped(number, places)} VZÄ"


@register.filter
def de_decimal(value, places: int = 2) -> str:
    if value in (None, ""):
        return "–"
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    return grouped(number, int(places))


@register.filter
def euro(value) -> str:
    if value in (None, ""):
        return "–"
    return f"{de_decimal(value, 2)} €"


@register.simple_tag
def state_badge(document) -> str:
    return format_html('<span class="badge {}">{}</span>', document.state_badge_class, document.get_state_display())


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
