"""Balance sheets for several districts come from the same grouped queries as one district's sheet."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from finance.models import Reallocation
from finance.selectors.balances import balance_sheet, balance_sheets
from finance.services.district import record_funds_call

pytestmark = pytest.mark.django_db


def _movements(money, world, coordinator, other_coordinator):
    record_funds_call(
        district=world.district,
        funding_year=money.year1,
        called_on=date(2025, 1, 2),
        period_from=date(2025, 1, 1),
        period_to=date(2025, 3, 31),
        reference="",
        amounts={world.agency.pk: Decimal("1500.00")},
        by=coordinator,
    )
    record_funds_call(
        district=world.other_district,
        funding_year=money.year2,
        called_on=date(2026, 1, 2),
        period_from=date(2026, 1, 1),
        period_to=date(2026, 3, 31),
        reference="",
        amounts={world.other_agency.pk: Decimal("700.00")},
        by=other_coordinator,
    )
    Reallocation.objects.create(
        district=world.district,
        funding_year=money.year1,
        from_agency=world.agency,
        to_agency=world.sibling_agency,
        amount=Decimal("250.00"),
        reason="Umverteilung nach der Prüfung zum 30.09.",
        created_by=coordinator,
    )


def _figures(sheet):
    return [(row.agency.pk, row.year, row.balance.called, row.balance.reallocated) for row in sheet.rows]


def test_each_district_gets_the_sheet_it_would_get_alone(money, world, coordinator, other_coordinator):
    _movements(money, world, coordinator, other_coordinator)
    both = balance_sheets(district_ids=[world.district.pk, world.other_district.pk], phase=money.phase)
    for district in (world.district, world.other_district):
        alone = balance_sheet(district_id=district.pk, phase=money.phase)
        assert _figures(both[district.pk]) == _figures(alone)
    assert both[world.district.pk].total.called == Decimal("1500.00")
    assert both[world.other_district.pk].total.called == Decimal("700.00")
    sibling_2025 = next(r for r in both[world.district.pk].rows if r.agency == world.sibling_agency and r.year == 2025)
    assert sibling_2025.balance.reallocated == Decimal("250.00")


def test_more_districts_cost_no_more_queries(money, world, coordinator, other_coordinator):
    _movements(money, world, coordinator, other_coordinator)
    with CaptureQueriesContext(connection) as one:
        balance_sheets(district_ids=[world.district.pk], phase=money.phase)
    with CaptureQueriesContext(connection) as two:
        balance_sheets(district_ids=[world.district.pk, world.other_district.pk], phase=money.phase)
    assert len(two) == len(one)
