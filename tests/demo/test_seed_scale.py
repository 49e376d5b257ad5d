"""The bulk data of `seed_scale` keeps the invariants the services keep: documents in the state of their
obligations with the transitions that led there, breakdowns and money that add up, meetings with their RSVPs and
protocols. Seeded small (14 agencies in one district, three years), on a fixed day."""

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Sum

from core.workflow import Revision, State, Transition
from demo.scale import SCALERS
from finance.models import (
    CostPlan,
    FundsCallLine,
    FundsTransfer,
    GrantedAmount,
    PartialStatement,
    Receipt,
    SpendingForecast,
    UseOfFundsStatement,
)
from finance.selectors.balances import balance_sheet
from funding.models import DocumentKind, FundingPhase, Obligation, ObligationState
from meetings.models import Attendance, Meeting, Member, Protocol, Response
from reporting.models import ControllingReport, KeyFigureValue, ValueStatus

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 24)
FOLLOWS = {
    ObligationState.SUBMITTED: State.SUBMITTED,
    ObligationState.RETURNED: State.RETURNED,
    ObligationState.APPROVED: State.APPROVED,
    ObligationState.FORWARDED: State.FORWARDED,
}


@pytest.fixture(scope="module")
def scaled(django_db_setup, django_db_blocker):
    """Seeded once for the module (the tests only read) and rolled back at its end."""
    travel = time_machine.travel(datetime(2026, 11, 24, 10, 0), tick=False)
    with django_db_blocker.unblock(), travel, transaction.atomic():
        for scaler in SCALERS:
            scaler(agencies=14, years=3, today=TODAY)
        yield
        transaction.set_rollback(True)


def _obligations(kind: str) -> dict[tuple, Obligation]:
    return {
        (o.agency_id or o.district_id, o.year): o
        for o in Obligation.objects.filter(document_kind=kind, cancelled_on__isnull=True)
    }


def test_every_controlling_report_is_in_the_state_of_its_obligation(scaled):
    obligations = _obligations(DocumentKind.CONTROLLING_REPORT)
    reports = list(ControllingReport.objects.all())
    assert State.FORWARDED in {r.state for r in reports}
    for report in reports:
        obligation = obligations[(report.agency_id, report.year)]
        expected = FOLLOWS.get(obligation.state, State.DRAFT)
        assert report.state == expected, (report.agency_id, report.year, obligation.state)
        assert report.year < TODAY.year


def test_controlling_reports_have_a_revision_per_submission_and_end_in_their_state(scaled):
    content_type = ContentType.objects.get_for_model(ControllingReport)
    last_step = {}
    for object_id, to_state in (
        Transition.objects.filter(content_type=content_type).order_by("at", "pk").values_list("object_id", "to_state")
    ):
        last_step[object_id] = to_state
    submissions = dict(
        Transition.objects.filter(content_type=content_type, to_state=State.SUBMITTED)
        .values_list("object_id")
        .annotate(n=Count("pk"))
    )
    revisions = dict(
        Revision.objects.filter(content_type=content_type).values_list("object_id").annotate(n=Count("pk"))
    )
    for report in ControllingReport.objects.exclude(state=State.DRAFT):
        assert last_step[report.pk] == report.state
        assert revisions[report.pk] == submissions[report.pk]


def test_controlling_breakdowns_add_up_and_submitted_values_are_confirmed(scaled):
    totals, parts = {}, defaultdict(Decimal)
    for value in KeyFigureValue.objects.filter(figure__by_field_of_action=True, value__isnull=False):
        key = (value.report_id, value.figure_id)
        if value.field_of_action_id is None:
            totals[key] = value.value
        else:
            parts[key] += value.value
    assert totals
    assert all(parts[key] == total for key, total in totals.items())
    unconfirmed = KeyFigureValue.objects.exclude(report__state=State.DRAFT).filter(status=ValueStatus.PREFILLED)
    assert not unconfirmed.exists()


def test_cost_plans_add_up_and_carry_the_granted_amount(scaled):
    granted = {(g.agency_id, g.funding_year_id): g.amount for g in GrantedAmount.objects.all()}
    plans = CostPlan.objects.annotate(lines=Sum("personnel_lines__amount"))
    assert plans.exists()
    for plan in plans:
        assert plan.lines == plan.personnel_total
        assert plan.personnel_total + plan.material_total + plan.measures_total == plan.total_costs
        assert plan.grant_requested + plan.own_contribution + plan.third_party_funds == plan.total_costs
        assert granted[(plan.agency_id, plan.funding_year_id)] == plan.granted_amount
        assert plan.granted_amount + plan.adjusted_own_contribution == plan.total_costs
        assert plan.state == State.FORWARDED


def test_calls_and_transfers_of_a_finished_year_add_up_to_the_grant(scaled):
    called = {
        (a, y): t
        for a, y, t in FundsCallLine.objects.filter(funds_call__funding_year__year__lt=TODAY.year)
        .values_list("agency_id", "funds_call__funding_year__year")
        .annotate(total=Sum("amount"))
    }
    forwarded = {
        (a, y): t
        for a, y, t in FundsTransfer.objects.filter(funding_year__year__lt=TODAY.year)
        .values_list("agency_id", "funding_year__year")
        .annotate(total=Sum("amount"))
    }
    granted = {
        (g.agency_id, g.funding_year.year): g.amount
        for g in GrantedAmount.objects.filter(funding_year__year__lt=TODAY.year).select_related("funding_year")
    }
    assert granted
    assert called == forwarded == granted


def test_no_balance_sheet_warns_about_the_scaled_money(scaled):
    district_ids = set(CostPlan.objects.values_list("agency__provider__district_id", flat=True))
    for phase in FundingPhase.objects.all():
        for district_id in district_ids:
            assert balance_sheet(district_id=district_id, phase=phase).warning_count == 0


def test_partial_statements_add_up_to_their_receipts_within_what_was_forwarded(scaled):
    receipts = dict(Receipt.objects.values_list("statement_id").annotate(total=Sum("amount")))
    forwarded = {
        (p, y): t
        for p, y, t in FundsTransfer.objects.values_list("contract__provider_id", "funding_year__year").annotate(
            total=Sum("amount")
        )
    }
    statements = list(PartialStatement.objects.select_related("funding_year"))
    assert statements
    for statement in statements:
        total = statement.actual_grant + statement.actual_own_contribution + statement.actual_third_party
        assert total == receipts[statement.pk]
        assert statement.actual_grant <= forwarded[(statement.provider_id, statement.funding_year.year)]


def test_district_statements_and_forecasts_follow_their_obligations(scaled):
    for kind in (UseOfFundsStatement.Kind.INTERIM, UseOfFundsStatement.Kind.FINAL):
        obligations = _obligations(kind)
        for statement in UseOfFundsStatement.objects.filter(kind=kind):
            year = statement.years[-1]
            obligation = obligations[(statement.district_id, year)]
            assert statement.state == FOLLOWS.get(obligation.state, State.DRAFT)
    obligations = _obligations(DocumentKind.SPENDING_FORECAST)
    forecasts = list(SpendingForecast.objects.select_related("funding_year"))
    assert forecasts
    for forecast in forecasts:
        assert forecast.state == FOLLOWS[obligations[(forecast.agency_id, forecast.funding_year.year)].state]


def test_past_meetings_have_a_published_protocol_and_one_rsvp_per_member(scaled):
    members = dict(Member.objects.values_list("group_id").annotate(n=Count("pk")))
    past = Meeting.objects.filter(date__lt=TODAY).annotate(answers=Count("attendances"))
    assert past.exists()
    for meeting in past:
        assert meeting.answers == members[meeting.group_id]
        assert meeting.attendance_recorded_at is not None
    assert Protocol.objects.filter(status=Protocol.Status.PUBLISHED).count() == past.count()
    assert not Protocol.objects.filter(meeting__date__gte=TODAY).exists()
    assert not Attendance.objects.filter(attended=True).exclude(response=Response.YES).exists()
