"""German figures for survey reports: percentages rounded half-up (one decimal in tables, whole in text)."""

from django import template
from django.utils.formats import number_format

from reporting.services.stats import round_half_up

register = template.Library()


@register.filter
def pct(value, places: int = 1) -> str:
    """Decimal('33.35') → '33,4 %' (half-up, German); None → '–'."""
    if value is None or value == "":
        return "–"
    return f"{number_format(round_half_up(value, int(places)), decimal_pos=int(places))} %"


@register.filter
def pct0(value) -> str:
    return pct(value, 0)


@register.filter
def num(value, places: int = 1) -> str:
    if value is None or value == "":
        return "–"
    return number_format(round_half_up(value, int(places)), decimal_pos=int(places))
