"""German figures: grouped thousands, decimal comma, rounded half up."""

from decimal import Decimal

import pytest
from django.utils import translation

from core.numbers import euro, grouped


@pytest.fixture(autouse=True)
def _german():
    with translation.override("de"):
        yield


@pytest.mark.parametrize(
    ("number", "places", "text"),
    [
        (Decimal("1234567.5"), 2, "1.234.567,50"),
        (Decimal("15.25"), 2, "15,25"),
        (2026, 0, "2.026"),
        (12, 2, "12,00"),
        (Decimal("-1234.5"), 1, "-1.234,5"),
    ],
)
def test_thousands_are_grouped_with_a_decimal_comma(number, places, text):
    assert grouped(number, places) == text


def test_figures_are_rounded_half_up_not_cut_off():
    assert grouped(Decimal("66.665"), 2) == "66,67"
    assert grouped(Decimal("999.995"), 2) == "1.000,00"
    assert grouped(15.255, 2) == "15,26"


def test_a_tiny_negative_amount_shows_as_zero_without_a_sign():
    assert grouped(Decimal("-0.001"), 2) == "0,00"


def test_euro_marks_a_missing_amount_with_a_dash():
    assert euro(None) == "–"
    assert euro(Decimal("1200")) == "1.200,00 €"


def test_each_language_keeps_its_own_separators():
    assert grouped(Decimal("1234.5"), 2) == "1.234,50"
    with translation.override("en"):
        assert grouped(Decimal("1234.5"), 2) == "1,234.50"
    assert grouped(Decimal("1234.5"), 2) == "1.234,50"
