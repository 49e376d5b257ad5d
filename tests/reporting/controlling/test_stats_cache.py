"""The cached dashboard figures are the computed figures until a counted report (or the agencies' organisation)
changes; then they are computed again. Suppression is cached per viewer, never shared with one who sees less."""

import dataclasses

import pytest
from django.core.cache import cache
from django.db.models import Max
from django.urls import reverse

from agencies.access import scope_for
from agencies.models import Agency, FieldOfAction
from core.workflow import State
from reporting.models import ControllingReport, KeyFigureValue
from reporting.services import controlling_stats, controlling_workflow
from reporting.services.controlling_stats import Filters, cached_figure_stats, counted_reports, figure_stats
from tests import factories
from tests.reporting.controlling.factories import report_with

pytestmark = pytest.mark.django_db


def figure(sample):
    return sample.template.key_figures.get(code="teilnehmende")


def cached(sample, user, **filters):
    return cached_figure_stats(figure=figure(sample), filters=Filters(**filters), scope=scope_for(user))


def computed(sample, user, **filters):
    return figure_stats(figure=figure(sample), filters=Filters(**filters), scope=scope_for(user))


def total_2026(stats):
    return dict(stats.over_years)[2026].total


@pytest.mark.parametrize("filters", [{}, {"association": True}, {"district": True}, {"field": True}])
def test_cached_figures_equal_the_computed_ones_for_each_viewer_and_filter(sample, state_level, filters):
    district = sample.b[0].provider.district
    chosen = {
        "association": {"association_id": district.welfare_association_id},
        "district": {"district_id": district.pk},
        "field": {"field_id": sample.a[0].fields_of_action.first().pk},
    }
    chosen = chosen[next(iter(filters))] if filters else {}
    for user in (state_level, factories.coordinator_of(district), factories.specialist_of(sample.a[0])):
        cached(sample, user, **chosen)  # fills the cache
        again = cached(sample, user, **chosen)
        assert again.cache_key
        assert dataclasses.replace(again, cache_key="") == computed(sample, user, **chosen)


def test_repeated_figures_are_read_from_the_cache_in_two_queries(sample, state_level, django_assert_num_queries):
    fields = list(FieldOfAction.objects.order_by("position", "pk"))
    scope, chosen = scope_for(state_level), figure(sample)
    first = cached_figure_stats(figure=chosen, filters=Filters(), scope=scope, fields=fields)
    with django_assert_num_queries(2):  # the agencies in reach and the fingerprint of the counted reports
        again = cached_figure_stats(figure=chosen, filters=Filters(), scope=scope, fields=fields)
    assert total_2026(again) == total_2026(first) == 120


def test_the_dashboard_reads_its_years_and_the_fingerprint_in_one_query(sample, state_level, django_assert_num_queries):
    fields = list(FieldOfAction.objects.order_by("position", "pk"))
    scope, chosen = scope_for(state_level), figure(sample)
    with django_assert_num_queries(1):
        reports = counted_reports()
    years = sorted(ControllingReport.objects.filter(state__in=[State.APPROVED, State.FORWARDED]).values_list("year"))
    assert [row[0] for row in reports] == sorted({year for (year,) in years}, reverse=True)  # newest first
    assert sum(row[1] for row in reports) == len(years)
    first = cached_figure_stats(figure=chosen, filters=Filters(), scope=scope, fields=fields, reports=reports)
    with django_assert_num_queries(1):  # the agencies in reach; the fingerprint came with the years
        again = cached_figure_stats(figure=chosen, filters=Filters(), scope=scope, fields=fields, reports=reports)
    assert again.cache_key == first.cache_key and total_2026(again) == 120


def test_the_fingerprint_holds_per_year_the_count_and_id_sum_of_counted_reports_and_the_highest_value_id(sample):
    counted = ControllingReport.objects.filter(state__in=[State.APPROVED, State.FORWARDED])
    highest_value = KeyFigureValue.objects.aggregate(highest=Max("pk"))["highest"]
    expected = [
        (year, counted.filter(year=year).count(), sum(counted.filter(year=year).values_list("pk", flat=True)))
        for year in (2026, 2025)
    ]
    reports = counted_reports()
    assert [(row[0], row[1], int(row[2])) for row in reports] == expected
    assert {row[6] for row in reports} == {highest_value}


def test_an_approved_report_counts_at_once(sample, state_level):
    submitted = report_with(sample.b[2], 2025, sample.template, {"teilnehmende": 7}, state=State.SUBMITTED)
    assert dict(cached(sample, state_level).over_years)[2025].n == 4
    coordinator = factories.coordinator_of(sample.b[2].provider.district)
    controlling_workflow.approve(report=submitted, by=coordinator)
    assert dict(cached(sample, state_level).over_years)[2025].n == 5
    assert dict(cached(sample, state_level).over_years)[2025].total == 63


def test_a_returned_report_never_counts_and_a_forwarded_one_still_does(sample, state_level):
    submitted = report_with(sample.b[2], 2025, sample.template, {"teilnehmende": 7}, state=State.SUBMITTED)
    coordinator = factories.coordinator_of(sample.b[2].provider.district)
    cached(sample, state_level)
    controlling_workflow.return_report(report=submitted, by=coordinator, comment="Bitte prüfen")
    assert dict(cached(sample, state_level).over_years)[2025].n == 4
    approved = ControllingReport.objects.get(agency=sample.a[0], year=2026)
    controlling_workflow.forward(report=approved, by=factories.coordinator_of(sample.a[0].provider.district))
    assert total_2026(cached(sample, state_level)) == 120


def test_a_report_leaving_the_counted_states_leaves_the_figures_at_once(sample, state_level):
    cached(sample, state_level)
    ControllingReport.objects.filter(agency=sample.a[3], year=2026).update(state=State.SUBMITTED)
    assert total_2026(cached(sample, state_level)) == 80
    ControllingReport.objects.filter(agency=sample.a[2], year=2026).delete()
    assert total_2026(cached(sample, state_level)) == 50


def test_a_counted_report_created_directly_counts_at_once(sample, state_level):
    cached(sample, state_level)
    report_with(factories.AgencyFactory(provider=sample.a[0].provider), 2026, sample.template, {"teilnehmende": 80})
    assert total_2026(cached(sample, state_level)) == 200


def test_a_small_group_suppressed_for_the_state_level_stays_visible_to_its_own_coordination(sample, state_level):
    own = factories.coordinator_of(sample.b[0].provider.district)
    assert dict(cached(sample, own).groups)["Caritas"].total == 20
    assert dict(cached(sample, state_level).groups)["Caritas"].suppressed
    assert dict(cached(sample, own).groups)["Caritas"].total == 20


def test_an_agency_moved_to_another_association_is_regrouped_at_once(sample, state_level):
    assert dict(cached(sample, state_level).groups)["AWO"].n == 4
    Agency.objects.filter(pk=sample.b[0].pk).update(provider=sample.a[0].provider)
    groups = dict(cached(sample, state_level).groups)
    assert groups["Caritas"].n == 1 and groups["Caritas"].suppressed
    assert groups["AWO"].n == 5 and groups["AWO"].complement  # the only other group, or B1 follows by subtraction


def test_the_minimum_group_size_is_part_of_the_key(sample, state_level, settings):
    assert dict(cached(sample, state_level).groups)["AWO"].complement
    settings.AGENTURNETZ_CONTROLLING_MIN_GROUP = 2
    assert dict(cached(sample, state_level).groups)["Caritas"].total == 20


def test_the_page_shows_an_approved_report_at_once(client, sample, state_level):
    client.force_login(state_level)
    url = reverse("reporting:controlling_dashboard")
    query = {"kennzahl": "teilnehmende", "jahr": 2025}
    row = '<th scope="row">2025</th><td class="num text-end">{}</td><td class="num text-end">{}</td>'
    assert row.format(4, 56) in client.get(url, query).content.decode()
    assert row.format(4, 56) in client.get(url, query).content.decode()  # now from the cache
    submitted = report_with(sample.b[2], 2025, sample.template, {"teilnehmende": 7}, state=State.SUBMITTED)
    controlling_workflow.approve(report=submitted, by=factories.coordinator_of(sample.b[2].provider.district))
    html = client.get(url, query).content.decode()
    assert row.format(5, 63) in html and row.format(4, 56) not in html


def test_a_page_with_its_tables_cached_does_not_read_the_figures(client, sample, state_level, monkeypatch):
    """The tables and charts are kept under the figures' key: while they are cached, the page needs the key only,
    neither the cached figures nor a computation."""
    client.force_login(state_level)
    url = reverse("reporting:controlling_dashboard")
    query = {"kennzahl": "teilnehmende", "jahr": 2025}
    first = client.get(url, query)
    key = first.context["stats_key"]
    assert key and first.context["stats"].cache_key == key
    cache.delete(key)  # the figures are gone; the rendered tables are still there

    def must_not_compute(**_arguments):
        raise AssertionError("the figures were computed")

    monkeypatch.setattr(controlling_stats, "figure_stats", must_not_compute)
    again = client.get(url, query)
    html = again.content.decode()
    assert '<th scope="row">2025</th><td class="num text-end">4</td><td class="num text-end">56</td>' in html
    heading = f"{figure(sample).label} ({figure(sample).unit})"
    assert heading in html and cache.get(key) is None  # the heading came from the key figure itself
