"""The one rounding rule for money in Agenturnetz.

Every amount is a `Decimal` with two places (cents), never a float. A computed line (e.g. annual employer costs
× fte × months / 12) is rounded once, commercially (ROUND_HALF_UP: 0,005 € → 0,01 €), at the cent; totals are
the exact sums of the rounded lines. So a total always equals the sum of the lines a reader sees.
"""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
MONEY_FIELD = {"max_digits": 12, "decimal_places": 2}


def cents(value) -> Decimal:
    """Rounds one computed line to the cent (ROUND_HALF_UP). Accepts Decimal, int or a numeric string."""
    if isinstance(value, float):
        raise TypeError("Geldbeträge werden nie als float gerechnet.")
    try:
        return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation as exc:
        raise ValueError(f"Kein Geldbetrag: {value!r}") from exc


def total(amounts: Iterable) -> Decimal:
    """The exact sum of already rounded lines (each line is rounded first, then summed)."""
    return sum((cents(amount) for amount in amounts if amount is not None), ZERO)


def pro_rata(annual, *, fte=Decimal("1"), months: int = 12) -> Decimal:
    """Annual amount for a full position → the share for `fte` and `months`, rounded at the cent."""
    return cents(Decimal(annual) * Decimal(fte) * Decimal(months) / Decimal(12))


def share(amount, percent) -> Decimal:
    """`percent` % of `amount`, rounded at the cent."""
    return cents(Decimal(amount) * Decimal(percent) / Decimal(100))


def percent_of(part, whole) -> Decimal | None:
    """part / whole in percent with two places (for display); None when whole is zero."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(CENT, rounding=ROUND_HALF_UP)
