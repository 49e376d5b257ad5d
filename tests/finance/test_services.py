"""The money operations: prefill from the registry, recomputation, workflow, joint application, grant, funds."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core import mail

from agencies.models import Position
from core.services import TransitionError, stored_documents_of
from core.workflow import State, StoredDocument
from finance.models import CostPlan, JointApplication
from finance.selectors.balances import balance_sheet
from finance.selectors.joint import COLUMNS, application_totals
from finance.services.cost_plans import adjust_cost_plans_to_grant, create_cost_plan, recompute_from_registry
from finance.services.district import (
    record_funds_call,
    record_grant_decision,
    record_transfer,
    save_forwarding_contract,
)
from finance.services.workflow import move
from tests import factories
from tests.finance import factories as finance_factories

pytestmark = pytest.mark.django_db


def test_new_plan_is_prefilled_from_the_registry_and_passes_the_checks(money, world, provider_manager):
    from finance.checks_for import cost_plan_findings

    plan = create_cost_plan(agency=world.agency, funding_year=money.year1, by=provider_manager)
    lines = list(plan.personnel_lines.order_by("fte"))
    assert [line.fte for line in lines] == [Decimal("0.50"), Decimal("1.00")]
    assert all(line.months == 12 and line.pay_group == "S 12" for line in lines)
    assert plan.personnel_total == Decimal("90000.00")
    assert plan.material_total == Decimal("9000.00")  # 6.000 € flat rate × 1,50 VZÄ
    assert plan.total_costs == Decimal("99000.00")
    assert plan.grant_requested == Decimal("89100.00") and plan.own_contribution == Decimal("9900.00")
    assert [f for f in cost_plan_findings(plan) if f.is_error] == []


def test_months_follow_the_position_validity_in_the_year(money, world, provider_manager):
    factories.PositionFactory(
        agency=world.sibling_agency, fte=Decimal("0.50"), pay_group="S 12", valid_from=date(2025, 4, 15)
    )
    plan = create_cost_plan(agency=world.sibling_agency, funding_year=money.year1, by=provider_manager)
    new_line = plan.personnel_lines.get(fte=Decimal("0.50"))
    assert new_line.months == 9  # April (from the 15th) to December
    assert new_line.amount == Decimal("22500.00")


def test_recompute_after_a_position_change_shows_the_difference(money, world, provider_manager):
    plan = create_cost_plan(agency=world.agency, funding_year=money.year2, by=provider_manager)
    half = Position.objects.get(agency=world.agency, fte=Decimal("0.50"))
    half.valid_to = date(2026, 6, 30)
    half.save()
    factories.PositionFactory(agency=world.agency, fte=Decimal("0.25"), pay_group="S 12", valid_from=date(2026, 7, 1))
    from finance.calc import registry_changes

    changes = registry_changes(plan)
    assert {c.kind for c in changes} == {"added", "changed"}
    result = recompute_from_registry(plan=plan, by=provider_manager)
    # 0,50 VZÄ for 6 months = 15.000 €, 0,25 VZÄ for 6 months = 7.500 €: personnel 82.500 € instead of 90.000 €;
    # flat material 6.000 € × (1,00 + 0,25 + 0,125) = 8.250 € instead of 9.000 €.
    assert result.before == Decimal("99000.00")
    assert result.after == Decimal("90750.00")
    assert result.difference == Decimal("-8250.00")
    plan.refresh_from_db()
    assert plan.total_costs == Decimal("90750.00") and plan.version == 2
    assert registry_changes(plan) == []
    from finance.checks_for import cost_plan_findings

    assert any("Finanzierung" in f.message for f in cost_plan_findings(plan))  # financing no longer matches


def test_submission_with_plausibility_errors_is_refused(money, world, provider_manager):
    plan = create_cost_plan(agency=world.agency, funding_year=money.year1, by=provider_manager)
    CostPlan.objects.filter(pk=plan.pk).update(own_contribution=Decimal("9000.00"))
    plan.refresh_from_db()
    with pytest.raises(TransitionError, match="Eigenanteil"):
        move(document=plan, to=State.SUBMITTED, by=provider_manager)
    plan.refresh_from_db()
    assert plan.state == State.DRAFT


def test_submission_notifies_the_coordination_after_commit(
    money, world, provider_manager, coordinator, django_capture_on_commit_callbacks
):
    plan = create_cost_plan(agency=world.agency, funding_year=money.year1, by=provider_manager)
    with django_capture_on_commit_callbacks(execute=True):
        move(document=plan, to=State.SUBMITTED, by=provider_manager)
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "Eingereicht" in mail.outbox[0].subject


def approve_all(money, world, provider_manager, coordinator):
    return [
        finance_factories.approved_plan(agency, year, by_provider=provider_manager, by_coordinator=coordinator)
        for agency in (world.agency, world.sibling_agency)
        for year in (money.year1, money.year2)
    ]


def test_joint_application_totals_equal_the_sum_of_its_parts(money, world, provider_manager, coordinator):
    plans = approve_all(money, world, provider_manager, coordinator)
    application = JointApplication.objects.create(
        district=world.district, phase=money.phase, funding_authority=money.authority
    )
    totals = application_totals(application)
    assert totals.missing == []
    for column in COLUMNS:
        assert totals.grand[column] == sum(getattr(plan, column) for plan in plans)
        assert totals.grand[column] == sum(group.totals[column] for group in totals.groups)
        assert totals.grand[column] == sum(row[column] for row in totals.per_year.values())


def test_joint_application_cannot_be_submitted_with_missing_plans(money, world, provider_manager, coordinator):
    finance_factories.approved_plan(world.agency, money.year1, by_provider=provider_manager, by_coordinator=coordinator)
    application = JointApplication.objects.create(
        district=world.district, phase=money.phase, funding_authority=money.authority
    )
    with pytest.raises(TransitionError, match="Duisburg-Laar"):
        move(document=application, to=State.SUBMITTED, by=coordinator)


def test_forwarding_stores_pdf_and_xlsx_with_the_totals_and_forwards_the_plans(
    money, world, provider_manager, coordinator
):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    plans = approve_all(money, world, provider_manager, coordinator)
    application = finance_factories.forwarded_application(world.district, money.phase, money.authority, by=coordinator)
    grand = sum(plan.total_costs for plan in plans)
    pdf = stored_documents_of(application, StoredDocument.Kind.FORWARDED_PDF).get()
    text = "".join(page.extract_text() for page in PdfReader(pdf.file.open("rb")).pages)
    assert f"{grand:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") in text  # 388.080,00 €
    assert "Gesamtantrag" in text
    xlsx = stored_documents_of(application, StoredDocument.Kind.EXPORT).get()
    sheet = load_workbook(io.BytesIO(xlsx.file.open("rb").read())).active
    total_row = [row for row in sheet.iter_rows(values_only=True) if row[0] == "Gesamtantrag"][-1]
    assert Decimal(str(total_row[6])) == grand
    assert set(CostPlan.objects.values_list("state", flat=True)) == {State.FORWARDED}


def test_grant_decision_differences_and_adjustment(money, world, provider_manager, coordinator):
    plans = approve_all(money, world, provider_manager, coordinator)
    application = finance_factories.forwarded_application(world.district, money.phase, money.authority, by=coordinator)
    cut = plans[0]
    amounts = {(p.agency_id, p.funding_year_id): p.grant_requested for p in plans}
    amounts[(cut.agency_id, cut.funding_year_id)] -= Decimal("1000.00")
    record_grant_decision(
        application=application,
        decided_on=date(2024, 12, 18),
        reference="AZ 1",
        conditions="",
        amounts=amounts,
        by=coordinator,
    )
    from finance.selectors.joint import grant_comparison

    differences = {(row.agency.pk, row.year): row.difference for row in grant_comparison(application)}
    assert differences[(cut.agency_id, cut.year)] == Decimal("-1000.00")
    assert adjust_cost_plans_to_grant(application=application, by=coordinator) == 4
    cut.refresh_from_db()
    assert cut.granted_amount == cut.grant_requested - Decimal("1000.00")
    assert cut.adjusted_own_contribution == cut.own_contribution + Decimal("1000.00")
    assert cut.state == State.FORWARDED  # the frozen plan stays as submitted


def test_grant_decision_needs_a_forwarded_application(money, world, coordinator):
    application = JointApplication.objects.create(
        district=world.district, phase=money.phase, funding_authority=money.authority
    )
    with pytest.raises(TransitionError):
        record_grant_decision(
            application=application,
            decided_on=date(2025, 1, 1),
            reference="x",
            conditions="",
            amounts={},
            by=coordinator,
        )


def test_balance_goes_negative_only_with_a_warning(money, world, provider_manager, coordinator):
    plans = approve_all(money, world, provider_manager, coordinator)
    application = finance_factories.forwarded_application(world.district, money.phase, money.authority, by=coordinator)
    amounts = {(p.agency_id, p.funding_year_id): Decimal("1000.00") for p in plans}
    record_grant_decision(
        application=application,
        decided_on=date(2024, 12, 18),
        reference="AZ",
        conditions="",
        amounts=amounts,
        by=coordinator,
    )
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
    contract = save_forwarding_contract(
        provider=world.provider,
        phase=money.phase,
        signed_on=date(2025, 1, 1),
        amount=Decimal("4000"),
        file=None,
        notes="",
        by=coordinator,
    )
    record_transfer(
        contract=contract,
        agency=world.agency,
        funding_year=money.year1,
        transferred_on=date(2025, 1, 5),
        amount=Decimal("1200.00"),
        reference="",
        by=coordinator,
    )
    sheet = balance_sheet(district_id=world.district.pk, phase=money.phase)
    row = next(r for r in sheet.rows if r.agency == world.agency and r.year == 2025)
    assert (row.balance.granted, row.balance.called, row.balance.forwarded) == (
        Decimal("1000.00"),
        Decimal("1500.00"),
        Decimal("1200.00"),
    )
    assert row.balance.not_called == Decimal("-500.00")
    assert "Es wurde mehr abgerufen als bewilligt." in row.balance.warnings
    untouched = next(r for r in sheet.rows if r.agency == world.sibling_agency and r.year == 2025)
    assert untouched.balance.warnings == []
    assert sheet.total.called == Decimal("1500.00") and sheet.warning_count == 1
