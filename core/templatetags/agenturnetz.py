"""Formatting helpers for German figures, shared by every template."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.html import format_html

from core.numbers import grouped

register = template.Library()


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
