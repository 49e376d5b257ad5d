"""The rounding rule: each line rounded at the cent (ROUND_HALF_UP), then summed exactly."""

from decimal import Decimal

import pytest

from finance.calc import figures
from finance.models import MaterialMode, PersonnelCostLine
from finance.money import cents, pro_rata, share, total


def test_cents_rounds_half_up():
    assert cents(Decimal("0.005")) == Decimal("0.01")
    assert cents(Decimal("0.004999")) == Decimal("0.00")
    assert cents(Decimal("2.675")) == Decimal("2.68")


def test_floats_are_refused():
    with pytest.raises(TypeError):
        cents(0.1)


def test_pro_rata_rounds_each_line():
    # 61.234,57 € × 0,33 VZÄ × 7 / 12 = 11.787,654725 → 11.787,65 €
    assert pro_rata(Decimal("61234.57"), fte=Decimal("0.33"), months=7) == Decimal("11787.65")


def test_share_is_exact_at_the_cent():
    assert share(Decimal("99999.99"), Decimal("90.00")) == Decimal("89999.99")


def test_sum_of_many_lines_equals_sum_of_rounded_lines_to_the_cent():
    lines = [
        PersonnelCostLine(
            pay_group="S 12", fte=Decimal("0.33"), months=(index % 12) + 1, annual_employer_costs=Decimal("61234.57")
        )
        for index in range(500)
    ]
    result = figures(material_mode=MaterialMode.ITEMISED, personnel=lines, cost_lines=[], rate=None)
    expected = sum((cents(Decimal("61234.57") * Decimal("0.33") * ((i % 12) + 1) / 12) for i in range(500)), Decimal(0))
    assert result.personnel == expected
    assert result.personnel == total(line.computed_amount() for line in lines)
    assert result.personnel.as_tuple().exponent == -2
