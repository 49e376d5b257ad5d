"""Due dates computed from the rules: offsets, year selections, leap days and year ends."""

from datetime import date

import pytest

from funding.models import Anchor, DeadlineRule, Obligation, ObligationState, Tier, YearSelection
from funding.models.deadlines import clamped_date
from tests.funding.factories import DeadlineRuleFactory, ObligationFactory

pytestmark = pytest.mark.django_db


def test_activity_report_is_due_in_the_following_year():
    rule = DeadlineRule(district_month=4, district_day=30, authority_month=6, authority_day=30, year_offset=1)
    assert rule.due_dates(2026) == (date(2027, 4, 30), date(2027, 6, 30))


def test_task_plan_is_due_on_15_november_of_the_year_before():
    rule = DeadlineRule(district_month=11, district_day=15, authority_month=11, authority_day=15, year_offset=-1)
    assert rule.due_dates(2027) == (date(2026, 11, 15), date(2026, 11, 15))


def test_29_february_falls_on_28_february_outside_leap_years():
    rule = DeadlineRule(district_month=2, district_day=29, year_offset=0)
    assert rule.due_dates(2028) == (date(2028, 2, 29), None)
    assert rule.due_dates(2027) == (date(2027, 2, 28), None)


def test_authority_date_before_district_date_moves_into_the_next_year():
    rule = DeadlineRule(district_month=12, district_day=15, authority_month=1, authority_day=15, year_offset=0)
    assert rule.due_dates(2026) == (date(2026, 12, 15), date(2027, 1, 15))


def test_clamped_date_keeps_valid_days():
    assert clamped_date(2026, 4, 30) == date(2026, 4, 30)


@pytest.mark.parametrize(
    ("years", "expected"),
    [
        (YearSelection.ALL, [2025, 2026, 2027]),
        (YearSelection.FIRST, [2025]),
        (YearSelection.ALL_BUT_LAST, [2025, 2026]),
        (YearSelection.LAST, [2027]),
    ],
)
def test_year_selection_picks_the_years_of_the_phase(years, expected):
    assert DeadlineRule(anchor=Anchor.YEAR, years=years).reference_years([2025, 2026, 2027]) == expected


def test_phase_anchors_create_one_obligation_per_phase():
    assert DeadlineRule(anchor=Anchor.PHASE_END).reference_years([2025, 2026]) == [2026]
    assert DeadlineRule(anchor=Anchor.PHASE_START).reference_years([2025, 2026]) == [2025]


def test_rule_refuses_31_april():
    rule = DeadlineRuleFactory.build(district_month=4, district_day=31)
    with pytest.raises(Exception, match="Diesen Tag gibt es"):
        rule.clean()


def test_rule_needs_both_authority_day_and_month():
    rule = DeadlineRuleFactory.build(authority_month=6, authority_day=None)
    with pytest.raises(Exception, match="Tag und Monat"):
        rule.clean()


def test_open_obligation_is_late_at_district_tier_the_day_after_its_date():
    obligation = ObligationFactory.build(district_due=date(2026, 4, 30), authority_due=date(2026, 6, 30))
    assert obligation.overdue_tier(date(2026, 4, 30)) == ""
    assert obligation.overdue_tier(date(2026, 5, 1)) == Tier.DISTRICT


def test_submitted_obligation_is_late_at_authority_tier_when_not_forwarded():
    obligation = ObligationFactory.build(state=ObligationState.APPROVED, submitted_on=date(2026, 4, 20))
    assert obligation.overdue_tier(date(2026, 6, 30)) == ""
    assert obligation.overdue_tier(date(2026, 7, 1)) == Tier.AUTHORITY


def test_forwarded_obligation_is_fulfilled_and_never_late():
    obligation = Obligation(state=ObligationState.FORWARDED, district_due=date(2026, 4, 30))
    obligation.authority_due = date(2026, 6, 30)
    assert obligation.is_fulfilled
    assert obligation.overdue_tier(date(2030, 1, 1)) == ""


def test_obligation_without_authority_tier_is_fulfilled_when_approved():
    obligation = Obligation(state=ObligationState.APPROVED, district_due=date(2026, 9, 30), authority_due=None)
    assert obligation.is_fulfilled
