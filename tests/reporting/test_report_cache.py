"""The cached report is the computed report until a response changes; then it is computed again."""

import pytest
from django.urls import reverse

from reporting.services import report as report_service
from reporting.services import responses as response_service
from tests import factories
from tests.reporting.factories import answer

pytestmark = pytest.mark.django_db


def test_a_repeated_report_is_read_from_the_cache_in_one_query(sample, django_assert_num_queries):
    first = report_service.cached_compute(sample.survey, named=True)
    with django_assert_num_queries(1):  # the fingerprint of the responses
        again = report_service.cached_compute(sample.survey, named=True)
    assert again.respondent_count == first.respondent_count == 6


def test_a_new_submission_shows_at_once(sample):
    before = report_service.cached_compute(sample.survey)
    _a1, _a2, _a3, a4 = sample.a
    answer(sample.survey, a4, {"andere": "nein"})
    after = report_service.cached_compute(sample.survey)
    assert (before.respondent_count, after.respondent_count) == (6, 7)


def test_a_reopened_response_leaves_the_report_at_once(sample):
    response = sample.survey.responses.get(agency=sample.a[0])
    report_service.cached_compute(sample.survey)
    response_service.reopen_response(response=response, reason="Zahl falsch", by=factories.UserFactory())
    assert report_service.cached_compute(sample.survey).respondent_count == 5


def test_a_changed_draft_does_not_change_the_figures_but_is_not_served_stale(sample):
    draft = answer(sample.survey, sample.a[3], {"andere": "ja"}, submit=False)
    report_service.cached_compute(sample.survey)
    values = response_service.load_values(draft)
    response_service.submit_response(response=draft, values=values, version=draft.version, by=sample.survey.created_by)
    assert report_service.cached_compute(sample.survey).by_key()["andere"].base == 7


def test_filters_and_named_reports_are_cached_apart(sample):
    named = report_service.cached_compute(sample.survey, named=True)
    anonymous = report_service.cached_compute(sample.survey, named=False)
    assert named.named and not anonymous.named
    only_b = report_service.cached_compute(
        sample.survey, filters=report_service.Filters(association=sample.b[0].provider.district.welfare_association_id)
    )
    assert only_b.target_count == 4


def test_the_report_page_shows_a_new_submission_at_once(client, sample, state_level):
    client.force_login(state_level)
    url = reverse("reporting:report", args=[sample.survey.pk])
    assert "6 von 8 befragten Agenturen" in client.get(url).content.decode()
    answer(sample.survey, sample.a[3], {"andere": "nein"})
    assert "7 von 8 befragten Agenturen" in client.get(url).content.decode()


def test_the_cached_report_page_is_not_escaped_and_needs_fewer_queries(
    client, sample, state_level, django_assert_max_num_queries
):
    client.force_login(state_level)
    url = reverse("reporting:report", args=[sample.survey.pk])
    first = client.get(url).content.decode()
    with django_assert_max_num_queries(12):
        second = client.get(url).content.decode()
    body = first[first.index('<section aria-labelledby="quote"') :]
    assert body in second
