"""The deadline calendar follows the money documents: the district's own documents (joint application, interim and
final statement) move the district's obligations of Tabelle 3, an agency's documents move that agency's."""

from datetime import date
from decimal import Decimal

import pytest

from core.workflow import State
from finance.models import PartialStatement, Receipt, UseOfFundsStatement
from finance.services.district import create_district_statement
from finance.services.provider import create_partial_statement, replace_receipts
from finance.services.workflow import move
from funding.models import DeadlineRule, Debtor, DocumentKind, Obligation, ObligationState
from funding.services.obligations import create_phase, ensure_rules, sync_obligations
from tests.finance import factories as finance_factories

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 24)  # the money tests' frozen clock


@pytest.fixture
def previous_phase(world):
    """Phase 2023–2024 with its obligations: its Förderantrag (year 2024) is the application for 2025–2026."""
    return create_phase(name="Förderphase 2023–2024", starts_on=date(2023, 1, 1), ends_on=date(2024, 12, 31))


@pytest.fixture
def obligations(money):
    """The money fixture's phase 2025–2026 with the Tabelle 3 obligations of every district."""
    ensure_rules(phase=money.phase)
    sync_obligations(phase=money.phase, today=money.phase.starts_on, include_past=True)


def district_obligation(district, kind, year) -> Obligation:
    return Obligation.objects.get(district=district, agency__isnull=True, document_kind=kind, year=year)


def test_forwarding_the_joint_application_fulfils_the_districts_application_of_the_phase_before(
    money, world, provider_manager, coordinator, previous_phase
):
    for agency in (world.agency, world.sibling_agency):
        for year in (money.year1, money.year2):
            finance_factories.approved_plan(agency, year, by_provider=provider_manager, by_coordinator=coordinator)
    finance_factories.forwarded_application(world.district, money.phase, money.authority, by=coordinator)

    application = district_obligation(world.district, DocumentKind.FUNDING_APPLICATION, 2024)
    assert application.state == ObligationState.FORWARDED
    assert (application.submitted_on, application.forwarded_on) == (TODAY, TODAY)
    assert application.is_fulfilled
    other = district_obligation(world.other_district, DocumentKind.FUNDING_APPLICATION, 2024)
    assert other.state == ObligationState.OPEN


def approved_partial_statement(world, funding_year, *, provider_manager, coordinator) -> PartialStatement:
    statement = create_partial_statement(provider=world.provider, funding_year=funding_year, by=provider_manager)
    receipt = Receipt(
        agency=world.agency,
        number="1",
        paid_on=date(funding_year.year, 3, 1),
        payee="Druckerei",
        purpose="Plakate",
        cost_type="measures",
        amount=Decimal("100.00"),
    )
    replace_receipts(statement=statement, receipts=[receipt], source="test", by=provider_manager)
    PartialStatement.objects.filter(pk=statement.pk).update(
        actual_grant=Decimal("90.00"), actual_own_contribution=Decimal("10.00"), justification_measures="Fest"
    )
    statement.refresh_from_db()
    move(document=statement, to=State.SUBMITTED, by=provider_manager)
    move(document=statement, to=State.APPROVED, by=coordinator)
    return statement


@pytest.mark.parametrize(
    ("kind", "year"),
    [(UseOfFundsStatement.Kind.INTERIM, 2025), (UseOfFundsStatement.Kind.FINAL, 2026)],
)
def test_the_district_statement_moves_the_districts_statement_obligation(
    money, world, provider_manager, coordinator, obligations, kind, year
):
    for funding_year in (money.year1, money.year2):
        approved_partial_statement(world, funding_year, provider_manager=provider_manager, coordinator=coordinator)
    statement = create_district_statement(
        district=world.district, phase=money.phase, kind=kind, funding_authority=money.authority, by=coordinator
    )
    move(document=statement, to=State.SUBMITTED, by=coordinator)
    obligation = district_obligation(world.district, kind, year)
    assert (obligation.state, obligation.submitted_on) == (ObligationState.SUBMITTED, TODAY)

    move(document=statement, to=State.APPROVED, by=coordinator)
    move(document=statement, to=State.FORWARDED, by=coordinator)
    obligation.refresh_from_db()
    assert obligation.state == ObligationState.FORWARDED and obligation.is_fulfilled
    untouched = Obligation.objects.filter(agency__isnull=True).exclude(pk=obligation.pk)
    assert set(untouched.values_list("state", flat=True)) == {ObligationState.OPEN}


def test_a_cost_plan_moves_its_agencys_application_when_the_district_made_it_an_agency_obligation(
    money, world, provider_manager, coordinator, previous_phase
):
    DeadlineRule.objects.filter(
        phase=previous_phase, district=world.district, document_kind=DocumentKind.FUNDING_APPLICATION
    ).update(debtor=Debtor.AGENCY)
    sync_obligations(phase=previous_phase, today=previous_phase.starts_on, include_past=True)

    finance_factories.approved_plan(world.agency, money.year1, by_provider=provider_manager, by_coordinator=coordinator)

    owed = Obligation.objects.get(agency=world.agency, document_kind=DocumentKind.FUNDING_APPLICATION)
    assert (owed.year, owed.state, owed.approved_on) == (2024, ObligationState.APPROVED, TODAY)
    sibling = Obligation.objects.get(agency=world.sibling_agency, document_kind=DocumentKind.FUNDING_APPLICATION)
    assert sibling.state == ObligationState.OPEN
