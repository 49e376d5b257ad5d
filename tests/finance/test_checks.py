"""Every plausibility rule at its boundary."""

from decimal import Decimal

import pytest

from finance.calc import PlanFigures, RegistryLine
from finance.checks import check_cost_plan
from finance.models import PersonnelCostLine
from tests import factories
from tests.finance import factories as finance_factories

pytestmark = pytest.mark.django_db

COSTS = Decimal("100000.00")


@pytest.fixture
def rate(db):
    phase, _ = finance_factories.phase_2025_2026()
    return finance_factories.funding_rate(phase)


def plain_figures(costs=COSTS) -> PlanFigures:
    return PlanFigures(
        personnel=costs,
        material=Decimal("0"),
        measures=Decimal("0"),
        eligible_personnel=costs,
        planned_fte=Decimal("1"),
    )


def run(rate, *, grant, own, third=Decimal("0"), personnel=(), registry=(), figures=None):
    return check_cost_plan(
        grant_requested=Decimal(grant),
        own_contribution=Decimal(own),
        third_party_funds=Decimal(third),
        personnel=list(personnel),
        figures=figures or plain_figures(),
        rate=rate,
        registry=list(registry),
    )


def fields(findings, severity="error"):
    return {f.field for f in findings if f.severity == severity}


def test_own_contribution_of_exactly_ten_percent_passes(rate):
    assert run(rate, grant="90000.00", own="10000.00") == []


def test_own_contribution_of_9_99_percent_fails(rate):
    findings = run(rate, grant="90000.00", own="9990.00", third="10.00")
    assert "own_contribution" in fields(findings)
    message = next(f.message for f in findings if f.field == "own_contribution")
    assert "9,99 %" in message and "10,00 %" in message


def test_own_contribution_one_cent_short_fails(rate):
    findings = run(rate, grant="90000.00", own="9999.99", third="0.01")
    assert "own_contribution" in fields(findings)


def test_grant_exactly_at_the_ceiling_passes_and_one_cent_above_fails(rate):
    assert "grant_requested" not in fields(run(rate, grant="90000.00", own="10000.00"))
    findings = run(rate, grant="90000.01", own="9999.99")
    assert "grant_requested" in fields(findings)


def test_grant_ceiling_uses_eligible_costs_only(rate):
    figures = PlanFigures(
        personnel=COSTS,
        material=Decimal("0"),
        measures=Decimal("0"),
        eligible_personnel=Decimal("80000.00"),
        planned_fte=Decimal("1"),
    )
    findings = run(rate, grant="80000.00", own="20000.00", figures=figures)
    assert "grant_requested" in fields(findings)  # 90 % of 80.000 € = 72.000 €
    assert "grant_requested" not in fields(run(rate, grant="72000.00", own="28000.00", figures=figures))


def test_financing_must_equal_costs_to_the_cent(rate):
    findings = run(rate, grant="90000.00", own="10000.01")
    assert "" in fields(findings)
    assert any("Differenz 0,01 €" in f.message for f in findings)


def test_grant_below_programme_minimum_fails(rate):
    small = plain_figures(Decimal("11000.00"))
    assert "grant_requested" in fields(run(rate, grant="9900.00", own="1100.00", figures=small))
    exact = plain_figures(Decimal("11111.12"))
    assert "grant_requested" not in fields(run(rate, grant="10000.00", own="1111.12", figures=exact))


def test_fte_different_from_registry_fails_at_the_line(rate, world):
    position = factories.PositionFactory(agency=world.agency, fte=Decimal("0.50"), pay_group="S 12")
    registry = [RegistryLine(position=position, title="IF", pay_group="S 12", fte=Decimal("0.50"), months=12)]
    line = PersonnelCostLine(
        position=position, pay_group="S 12", fte=Decimal("0.75"), months=12, annual_employer_costs=Decimal("1")
    )
    findings = run(rate, grant="90000.00", own="10000.00", personnel=[line], registry=registry)
    assert "personnel-0" in fields(findings)
    same = PersonnelCostLine(
        position=position, pay_group="S 12", fte=Decimal("0.50"), months=12, annual_employer_costs=Decimal("1")
    )
    assert "personnel-0" not in fields(run(rate, grant="90000.00", own="10000.00", personnel=[same], registry=registry))


def test_position_missing_from_plan_is_an_error(rate, world):
    position = factories.PositionFactory(agency=world.agency, fte=Decimal("0.50"), pay_group="S 12")
    registry = [RegistryLine(position=position, title="Neue Stelle", pay_group="S 12", fte=Decimal("0.50"), months=12)]
    findings = run(rate, grant="90000.00", own="10000.00", registry=registry)
    assert any("Neue Stelle" in f.message and f.is_error for f in findings)


def test_unknown_pay_group_is_an_error(rate):
    line = PersonnelCostLine(pay_group="E 99", fte=Decimal("1.00"), months=12, annual_employer_costs=Decimal("1"))
    assert "personnel-0" in fields(run(rate, grant="90000.00", own="10000.00", personnel=[line]))


def test_personnel_costs_above_ceiling_only_warn(rate):
    line = PersonnelCostLine(
        pay_group="S 12", fte=Decimal("1.00"), months=12, annual_employer_costs=Decimal("63000.00")
    )
    figures = PlanFigures(
        personnel=Decimal("63000.00"),
        material=Decimal("0"),
        measures=Decimal("0"),
        eligible_personnel=Decimal("62000.00"),
        planned_fte=Decimal("1"),
        line_ceilings={0: Decimal("62000.00")},
    )
    findings = run(rate, grant="55800.00", own="7200.00", personnel=[line], figures=figures)
    assert "personnel-0" in fields(findings, "warning")
    assert "personnel-0" not in fields(findings, "error")


def test_without_rates_the_plan_cannot_pass(db):
    findings = run(None, grant="90000.00", own="10000.00")
    assert findings and findings[0].is_error
