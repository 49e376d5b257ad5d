"""Template helpers of the Online-Controlling."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def input_number(value, places: int = 2) -> str:
    """The value of a number input: German decimal comma without grouping; the user's own text when it is not a
    number (so wrong input is shown back as typed); empty for no value."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        return value
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    if int(places) == 0 or number == number.to_integral_value():
        number = number.quantize(Decimal(1)) if number == number.to_integral_value() else number
        return number_format(number, decimal_pos=0 if number == number.to_integral_value() else 2, use_l10n=True)
    return number_format(number, decimal_pos=int(places), use_l10n=True)
