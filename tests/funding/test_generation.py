"""Creating a phase generates the obligations; agencies opening or closing mid-phase; editing rules."""

from datetime import date

import pytest

from funding.models import DeadlineRule, DeadlineRuleChange, DocumentKind, Obligation, ObligationEvent
from funding.services.obligations import create_phase, sync_obligations, update_rule
from tests import factories
from tests.funding.factories import phase_2025

pytestmark = pytest.mark.django_db


def test_creating_a_phase_gives_every_district_the_rules_of_tabelle_3(world):
    phase = phase_2025()
    assert DeadlineRule.objects.filter(phase=phase, district=world.district).count() == 8
    assert phase.funding_years.count() == 2


def test_creating_a_phase_generates_obligations_per_agency_and_district(world, phase):
    own = Obligation.objects.filter(district=world.district)
    # per agency: controlling 2, activity report 2, analysis 1, task plan 2, spending forecast 2
    assert own.filter(agency=world.agency).count() == 9
    # the district itself: joint application, interim statement after year 1, final statement after year 2
    assert sorted(own.filter(agency__isnull=True).values_list("document_kind", "year")) == [
        (DocumentKind.FINAL_STATEMENT, 2026),
        (DocumentKind.FUNDING_APPLICATION, 2026),
        (DocumentKind.INTERIM_STATEMENT, 2025),
    ]
    assert own.count() == 2 * 9 + 3


def test_interim_statement_is_due_after_the_first_year_only(world, phase):
    interim = Obligation.objects.get(district=world.district, document_kind=DocumentKind.INTERIM_STATEMENT)
    assert (interim.district_due, interim.authority_due) == (date(2026, 4, 30), date(2026, 6, 30))


def test_phase_years_may_not_overlap(world, phase):
    with pytest.raises(Exception, match="gibt es schon"):
        create_phase(name="Doppelt", starts_on=date(2026, 1, 1), ends_on=date(2027, 12, 31))


def test_a_new_phase_copies_the_districts_edited_rules(world, phase, coordinator):
    rule = DeadlineRule.objects.get(phase=phase, district=world.district, document_kind=DocumentKind.ACTIVITY_REPORT)
    update_rule(rule=rule, values={"district_day": 15}, by=coordinator, today=date(2025, 1, 1))
    later = create_phase(name="Förderphase 2027–2028", starts_on=date(2027, 1, 1), ends_on=date(2028, 12, 31))
    copied = DeadlineRule.objects.get(phase=later, district=world.district, document_kind=DocumentKind.ACTIVITY_REPORT)
    assert copied.district_day == 15


def test_agency_opening_mid_phase_owes_only_what_falls_in_its_time(world, phase):
    newcomer = factories.AgencyFactory(provider=world.provider, active_since=date(2026, 3, 1))
    sync_obligations(phase=phase, today=date(2026, 3, 1))
    owed = set(Obligation.objects.filter(agency=newcomer).values_list("document_kind", "year"))
    assert (DocumentKind.ACTIVITY_REPORT, 2026) in owed
    assert (DocumentKind.ACTIVITY_REPORT, 2025) not in owed  # a year before it existed
    assert (DocumentKind.TASK_PLAN, 2026) not in owed  # due 15.11.2025, before it opened
    assert (DocumentKind.SOCIAL_SPACE_ANALYSIS, 2025) not in owed


def test_agency_closing_mid_phase_loses_future_obligations_but_keeps_the_past(world, phase):
    world.sibling_agency.closed_on = date(2025, 12, 31)
    world.sibling_agency.save()
    sync_obligations(phase=phase, today=date(2026, 1, 10))
    kept = Obligation.objects.filter(agency=world.sibling_agency, cancelled_on__isnull=True)
    assert set(kept.values_list("document_kind", "year")) >= {
        (DocumentKind.ACTIVITY_REPORT, 2025),  # the report on its last year is still owed
        (DocumentKind.TASK_PLAN, 2026),  # due 15.11.2025: past, never rewritten
    }
    cancelled = Obligation.objects.filter(agency=world.sibling_agency, cancelled_on__isnull=False)
    assert set(cancelled.values_list("document_kind", "year")) == {
        (DocumentKind.ACTIVITY_REPORT, 2026),
        (DocumentKind.CONTROLLING_REPORT, 2026),
        (DocumentKind.SPENDING_FORECAST, 2026),
    }
    assert ObligationEvent.objects.filter(action=ObligationEvent.Action.CANCELLED).count() == 3


def test_sync_twice_changes_nothing(world, phase):
    before = Obligation.objects.count()
    result = sync_obligations(phase=phase, today=date(2025, 6, 1))
    assert (result.created, result.moved, result.cancelled) == (0, 0, 0)
    assert Obligation.objects.count() == before


def test_editing_a_rule_moves_only_future_obligations(world, phase, coordinator):
    rule = DeadlineRule.objects.get(phase=phase, district=world.district, document_kind=DocumentKind.ACTIVITY_REPORT)
    change = update_rule(
        rule=rule,
        values={"district_day": 15, "district_month": 4},
        by=coordinator,
        today=date(2026, 6, 1),
        reason="Neuer Termin der Koordination",
    )
    past = Obligation.objects.get(agency=world.agency, document_kind=DocumentKind.ACTIVITY_REPORT, year=2025)
    future = Obligation.objects.get(agency=world.agency, document_kind=DocumentKind.ACTIVITY_REPORT, year=2026)
    assert past.district_due == date(2026, 4, 30)  # already due on 1 June 2026: unchanged
    assert future.district_due == date(2027, 4, 15)
    assert change.changes == {"district_day": [30, 15]}
    assert change.by == coordinator
    assert DeadlineRuleChange.objects.count() == 1
    assert future.events.filter(action=ObligationEvent.Action.DUE_CHANGED).exists()


def test_editing_a_rule_leaves_the_other_district_alone(world, phase, coordinator):
    rule = DeadlineRule.objects.get(phase=phase, district=world.district, document_kind=DocumentKind.ACTIVITY_REPORT)
    update_rule(rule=rule, values={"district_day": 15}, by=coordinator, today=date(2025, 1, 1))
    other = Obligation.objects.get(agency=world.other_agency, document_kind=DocumentKind.ACTIVITY_REPORT, year=2026)
    assert other.district_due == date(2027, 4, 30)


def test_switching_a_rule_off_cancels_its_future_obligations(world, phase, coordinator):
    rule = DeadlineRule.objects.get(phase=phase, district=world.district, document_kind=DocumentKind.SPENDING_FORECAST)
    update_rule(rule=rule, values={"is_active": False}, by=coordinator, today=date(2026, 1, 1))
    open_ones = Obligation.objects.filter(rule=rule, cancelled_on__isnull=True)
    assert set(open_ones.values_list("year", flat=True)) == {2025}
