"""German numbers for people: 1.234,50 € and 15,25 VZÄ.

The locale's automatic grouping is off (config/formats/de/formats.py), so that years, ids and counts print as 2026
rather than 2.026. Amounts and figures that need thousands grouped go through `grouped` here — in templates through
the filters in core/templatetags/agenturnetz.py, in Python (messages, PDFs, exports) directly.
"""

from decimal import Decimal

from django.utils import numberformat
from django.utils.formats import get_format


def grouped(number: Decimal | int | float, places: int = 2) -> str:
    return numberformat.format(
        number,
        get_format("DECIMAL_SEPARATOR"),
        decimal_pos=places,
        grouping=3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )


def euro(value: Decimal | int | None) -> str:
    return "–" if value is None else f"{grouped(value, 2)} €"
