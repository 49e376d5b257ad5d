"""Aggregation and small-group suppression on a hand-computed data set (the `sample` fixture in conftest.py)."""

from decimal import Decimal

import pytest

from agencies.access import scope_for
from reporting.services.controlling_stats import Filters, figure_stats
from tests import factories
from tests.reporting.controlling.factories import report_with

pytestmark = pytest.mark.django_db


def stats(sample, user, **filters):
    figure = sample.template.key_figures.get(code="teilnehmende")
    return figure_stats(figure=figure, filters=Filters(**filters), scope=scope_for(user))


def test_state_wide_sum_mean_and_quartiles(sample, state_level):
    result = stats(sample, state_level)
    assert result.years == [2025, 2026]
    cell = dict(result.over_years)[2026]
    assert (cell.n, cell.total, cell.mean) == (6, 120, 20)
    assert (cell.q1, cell.median, cell.q3) == (Decimal("11.25"), Decimal("17.5"), Decimal("27.5"))
    assert dict(result.over_years)[2025].total == 56


def test_groups_by_association_suppress_the_small_one_for_the_state_level(sample, state_level):
    groups = dict(stats(sample, state_level).groups)
    assert groups["Caritas"].suppressed and groups["Caritas"].total is None and groups["Caritas"].n == 2
    assert not groups["Caritas"].complement


def test_the_only_other_group_is_hidden_too_or_the_small_one_follows_from_the_total(sample, state_level):
    groups = dict(stats(sample, state_level).groups)
    assert groups["AWO"].suppressed and groups["AWO"].complement and groups["AWO"].total is None
    assert dict(stats(sample, state_level).over_years)[2026].total == 120  # the total itself stays visible


def test_secondary_suppression_hides_the_smallest_shown_group_only(sample, state_level, template):
    diakonie = factories.WelfareAssociationFactory(short_name="Diakonie")
    provider = factories.ProviderFactory(district=factories.DistrictAssociationFactory(welfare_association=diakonie))
    for index, value in enumerate((7, 8, 9), start=1):
        agency = factories.AgencyFactory(name=f"D{index}", provider=provider)
        report_with(agency, 2026, template, {"teilnehmende": value})
    groups = dict(stats(sample, state_level).groups)
    assert groups["Caritas"].suppressed and not groups["Caritas"].complement
    assert groups["Diakonie"].complement  # 3 agencies: the smallest shown group
    assert groups["AWO"].shown and (groups["AWO"].n, groups["AWO"].total, groups["AWO"].median) == (4, 100, 25)
    assert (groups["AWO"].q1, groups["AWO"].q3) == (Decimal("17.5"), Decimal("32.5"))


def test_the_small_groups_own_coordination_sees_it(sample):
    coordinator = factories.coordinator_of(sample.b[0].provider.district)
    groups = dict(stats(sample, coordinator).groups)
    assert not groups["Caritas"].suppressed and groups["Caritas"].total == 20


def test_another_districts_coordination_does_not_see_the_small_group(sample):
    coordinator = factories.coordinator_of(sample.a[0].provider.district)
    assert dict(stats(sample, coordinator).groups)["Caritas"].suppressed


def test_filtering_to_the_small_district_suppresses_everything_for_the_state_level(sample, state_level):
    result = stats(sample, state_level, district_id=sample.b[0].provider.district_id)
    cell = dict(result.over_years)[2026]
    assert cell.suppressed and cell.total is None and cell.median is None


def test_specialists_see_only_their_districts_aggregates(sample):
    specialist = factories.specialist_of(sample.a[0])
    result = stats(sample, specialist)
    assert dict(result.over_years)[2026].n == 4
    assert dict(result.over_years)[2026].total == 100


def test_sub_goal_achievement_rates(sample, state_level):
    year, item = stats(sample, state_level).achievement[-1]
    assert year == 2026
    assert item["counts"] == [12, 4, 0]
    assert [round(share) for share in item["shares"]] == [75, 25, 0]


def test_output_per_fte(sample, state_level):
    year, cell, ratio = stats(sample, state_level).per_fte[-1]
    assert year == 2026
    assert cell.n == 4 and cell.median == 15
    assert ratio.quantize(Decimal("0.01")) == Decimal("16.67")


def test_by_field_of_action_uses_the_primary_field_without_breakdown(sample, state_level):
    by_field = {field.code: cell for field, cell in stats(sample, state_level).by_field}
    assert by_field["interkulturelle-oeffnung"].total == 120
    assert by_field["antidiskriminierungsarbeit"].n == 0


def test_minimum_group_size_is_configurable(sample, state_level, settings):
    settings.AGENTURNETZ_CONTROLLING_MIN_GROUP = 5
    groups = dict(stats(sample, state_level).groups)
    assert groups["AWO"].suppressed
