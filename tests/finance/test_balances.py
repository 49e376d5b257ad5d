"""Balance sheets for several districts come from the same grouped queries as one district's sheet."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from finance.models import PartialStatement, Reallocation, Receipt, SpendingForecast
from finance.selectors.balances import balance_sheet, balance_sheets
from finance.services.district import record_funds_call
from finance.services.provider import create_forecast, create_partial_statement, replace_receipts

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


def test_a_providers_sheet_has_the_figures_of_its_agencies_in_the_district_sheet(
    money, world, coordinator, other_coordinator
):
    """The provider's sums filter by its agencies' ids rather than by the selection as a subquery: same figures."""
    _movements(money, world, coordinator, other_coordinator)
    provider_id = world.agency.provider_id
    own = balance_sheet(district_id=world.district.pk, phase=money.phase, provider_ids={provider_id})
    district = balance_sheet(district_id=world.district.pk, phase=money.phase)
    expected = [row for row in _figures(district) if row[0] in {r.agency.pk for r in own.rows}]
    assert own.rows and _figures(own) == expected
    assert {row.agency.provider_id for row in own.rows} == {provider_id}


def _row(sheet, agency, year: int):
    return next(row for row in sheet.rows if row.agency == agency and row.year == year)


def test_spent_is_the_forecasts_figure_until_a_partial_statement_exists(money, world, provider_manager):
    forecast = create_forecast(
        agency=world.agency, funding_year=money.year2, as_of=date(2026, 9, 30), by=provider_manager
    )
    SpendingForecast.objects.filter(pk=forecast.pk).update(spent_to_date=Decimal("4321.09"))

    sheet = balance_sheet(district_id=world.district.pk, phase=money.phase)

    assert _row(sheet, world.agency, 2026).balance.spent == Decimal("4321.09")
    assert _row(sheet, world.sibling_agency, 2026).balance.spent == Decimal("0")


def test_spent_is_the_agencys_share_of_the_grant_in_the_receipts_once_the_provider_filed_its_statement(
    money, world, provider_manager
):
    forecast = create_forecast(
        agency=world.agency, funding_year=money.year1, as_of=date(2025, 9, 30), by=provider_manager
    )
    SpendingForecast.objects.filter(pk=forecast.pk).update(spent_to_date=Decimal("999.99"))
    statement = create_partial_statement(provider=world.provider, funding_year=money.year1, by=provider_manager)
    receipts = [
        Receipt(
            agency=agency,
            number=str(number),
            paid_on=date(2025, 6, 1),
            payee="p",
            purpose="p",
            cost_type="material",
            amount=Decimal(amount),
        )
        for number, (agency, amount) in enumerate([(world.agency, "1000.00"), (world.sibling_agency, "2000.00")])
    ]
    replace_receipts(statement=statement, receipts=receipts, source="test", by=provider_manager)
    PartialStatement.objects.filter(pk=statement.pk).update(actual_grant=Decimal("1000.00"))

    sheet = balance_sheet(district_id=world.district.pk, phase=money.phase)

    # a third of the actual costs is grant: 333,33 € and 666,67 €, each rounded at the cent
    assert _row(sheet, world.agency, 2025).balance.spent == Decimal("333.33")
    assert _row(sheet, world.sibling_agency, 2025).balance.spent == Decimal("666.67")
