"""German numbers for people: 1.234,50 € and 15,25 VZÄ.

The locale's automatic grouping is off (config/formats/de/formats.py), so that years, ids and counts print as 2026
rather than 2.026. Amounts and figures that need thousands grouped go through `grouped` here — in templates through
the filters in core/templatetags/agenturnetz.py, in Python (messages, PDFs, exports) directly.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.formats import get_format
from django.utils.translation import get_language

_STEPS = {places: Decimal(1).scaleb(-places) for places in range(7)}


def separators() -> tuple[str, str]:
    """The active language's decimal and thousands separators."""
    return _separators_of(get_language())


@cache
def _separators_of(language: str | None) -> tuple[str, str]:
    # A page formats hundreds of figures; Django's get_format costs two lookups per call, the language's
    # separators cannot change while the process runs (only tests change settings, see below).
    return get_format("DECIMAL_SEPARATOR", language), get_format("THOUSAND_SEPARATOR", language)


@receiver(setting_changed)
def _forget_separators(*, setting: str, **kwargs) -> None:
    if setting in {"LANGUAGE_CODE", "LANGUAGES", "FORMAT_MODULE_PATH", "DECIMAL_SEPARATOR", "THOUSAND_SEPARATOR"}:
        _separators_of.cache_clear()


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
