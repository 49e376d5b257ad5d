"""German numbers for people: 1.234,50 € and 15,25 VZÄ.

The locale's automatic grouping is off (config/formats/de/formats.py), so that years, ids and counts print as 2026
rather than 2.026. Amounts and figures that need thousands grouped go through `grouped` here — in templates through
the filters in core/templatetags/agenturnetz.py, in Python (messages, PDFs, exports) directly.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import get_format

_STEPS = {places: Decimal(1).scaleb(-places) for places in range(7)}


def separators() -> tuple[str, str]:
    """The active language's decimal and thousands separators, for callers that format many figures at once."""
    return get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR")


def grouped(number: Decimal | int | float, places: int = 2, *, seps: tuple[str, str] | None = None) -> str:
    """Rounded half up (kaufmännisch) to `places`, thousands grouped; never "-0,00". Only digits, a sign and the
    two separators, so the text needs no HTML escaping."""
    if not isinstance(number, Decimal):
        number = Decimal(str(number)) if isinstance(number, float) else Decimal(number)
    try:
        value = number.quantize(_STEPS.get(places) or Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # more digits than the context holds: show what there is
        value = number
    if not value:
        value = abs(value)
    # Python formats with "," and "."; swap in the locale's separators through a placeholder.
    decimal_sep, thousand_sep = seps or separators()
    return f"{value:,f}".replace(",", "\x00").replace(".", decimal_sep).replace("\x00", thousand_sep)


def euro(value: Decimal | int | None) -> str:
    return "–" if value is None else f"{grouped(value, 2)} €"
