"""The cells of one row of "Mittel und Salden", written by a template tag."""

from decimal import Decimal

import pytest
from django.utils import translation

from finance.selectors.balances import Balance
from finance.templatetags.finance_tags import balance_cells


@pytest.fixture(autouse=True)
def _german():
    with translation.override("de"):
        yield


def test_the_figures_show_in_euro_with_german_separators():
    cells = balance_cells(Balance(granted=Decimal("80000"), reallocated=Decimal("212.5"), called=Decimal("1000")))

    assert cells.startswith('<td class="num">80.212,50 €</td><td class="num">1.000,00 €</td>')
    assert '<td class="num">80.212,50 €</td>\n<td></td>' in cells


def test_a_negative_remainder_is_marked_and_explained():
    cells = balance_cells(Balance(granted=Decimal("100"), called=Decimal("100"), spent=Decimal("150")))

    assert '<td class="num text-danger fw-semibold">-50,00 €</td>' in cells
    assert "⚠ Es wurde mehr ausgegeben als bewilligt." in cells


def test_warning_texts_are_escaped(monkeypatch):
    monkeypatch.setattr(Balance, "warnings", property(lambda self: ["<b>Abruf</b> & Rest"]))

    cells = balance_cells(Balance())

    assert "&lt;b&gt;Abruf&lt;/b&gt; &amp; Rest" in cells
    assert "<b>" not in cells
