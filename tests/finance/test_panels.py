"""The coordination's money panel on the dashboard."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from core.workflow import State
from finance.models import CostPlan, SpendingForecast
from finance.services.cost_plans import create_cost_plan
from finance.services.provider import create_forecast

pytestmark = pytest.mark.django_db


def _shortfall(agency, year, by, *, available: str, expected: str) -> None:
    forecast = create_forecast(agency=agency, funding_year=year, as_of=date(2026, 9, 30), by=by)
    SpendingForecast.objects.filter(pk=forecast.pk).update(
        available=Decimal(available), spent_to_date=Decimal("0"), expected_until_year_end=Decimal(expected)
    )


def test_coordinator_panel_counts_plans_to_review_and_sums_shortfalls_of_the_own_district_only(
    client, money, world, provider_manager, coordinator
):
    for agency in (world.agency, world.sibling_agency):
        plan = create_cost_plan(agency=agency, funding_year=money.year2, by=provider_manager)
        CostPlan.objects.filter(pk=plan.pk).update(state=State.SUBMITTED)
    create_cost_plan(agency=world.agency, funding_year=money.year1, by=provider_manager)  # a draft: not to review
    other = create_cost_plan(agency=world.other_agency, funding_year=money.year2, by=provider_manager)
    CostPlan.objects.filter(pk=other.pk).update(state=State.SUBMITTED)
    _shortfall(world.agency, money.year2, provider_manager, available="1000", expected="1500")
    _shortfall(world.sibling_agency, money.year2, provider_manager, available="1000", expected="1250")
    _shortfall(world.sibling_agency, money.year1, provider_manager, available="1000", expected="900")  # enough
    _shortfall(world.other_agency, money.year2, provider_manager, available="1000", expected="9000")

    client.force_login(coordinator)
    content = client.get(reverse("reporting:dashboard")).content.decode()

    assert "2 Kostenpläne warten auf Prüfung" in content
    assert "2 Agenturen melden Mehrbedarf: zusammen 750,00 €." in content


def test_coordinator_panel_without_plans_or_shortfalls(client, money, world, coordinator):
    client.force_login(coordinator)
    content = client.get(reverse("reporting:dashboard")).content.decode()

    assert "0 Kostenpläne warten auf Prüfung" in content
    assert "Mehrbedarf" not in content
