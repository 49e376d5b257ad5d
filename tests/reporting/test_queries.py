"""Lists, the questionnaire and the report use a bounded number of queries, whatever the number of agencies,
surveys or responses."""

import itertools

import pytest
from django.urls import reverse

from reporting.models import Cooperation
from tests import factories
from tests.reporting.factories import answer, cooperation_survey, launch

pytestmark = pytest.mark.django_db


def grow_district(world, count: int) -> list:
    return [factories.AgencyFactory(provider=world.provider) for _ in range(count)]


def district_survey(world, coordinator):
    return launch(
        cooperation_survey(
            owner_district=world.district, audience="district", audience_district=world.district, created_by=coordinator
        )
    )


def answer_all(survey, agencies, partners):
    for index, agency in enumerate(agencies):
        answer(
            survey,
            agency,
            {
                "andere": "ja" if index % 3 else "nein",
                "partner": partners[index % 5 : index % 5 + index % 4],
                "art": ["information", ("sonstiges", f"Text {index}")] if index % 2 else ["events", "area"],
            },
        )


@pytest.mark.parametrize("size", [2, 60])
@pytest.mark.parametrize("role", ["coordinator", "state_level", "specialist"])
def test_survey_list_queries_do_not_grow(client, world, request, role, size, django_assert_max_num_queries):
    for index in range(size):
        survey = cooperation_survey(
            owner_district=world.district, audience="district", audience_district=world.district, edition=str(index)
        )
        if index % 2:
            launch(survey)
    client.force_login(request.getfixturevalue(role))
    with django_assert_max_num_queries(10):
        assert client.get(reverse("reporting:surveys")).status_code == 200


@pytest.mark.parametrize("size", [3, 200])
def test_questionnaire_queries_do_not_grow_with_agencies(
    client, world, coordinator, specialist, size, django_assert_max_num_queries
):
    agencies = grow_district(world, size)
    survey = district_survey(world, coordinator)
    answer(survey, world.agency, {"partner": agencies[:10], "art": ["events"]}, submit=False)
    client.force_login(specialist)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("reporting:respond", args=[survey.pk])).status_code == 200


@pytest.mark.parametrize("size", [3, 200])
def test_report_queries_do_not_grow_with_responses(
    client, world, coordinator, state_level, size, django_assert_max_num_queries
):
    agencies = grow_district(world, size)
    survey = district_survey(world, coordinator)
    answer_all(survey, agencies, agencies[:20])
    for user in (coordinator, state_level):  # the owner (names) and an aggregate viewer
        client.force_login(user)
        with django_assert_max_num_queries(17):  # 16 + the cache fingerprint
            response = client.get(reverse("reporting:report", args=[survey.pk]))
        assert response.status_code == 200
        assert f"{size} von {size + 2} befragten Agenturen" in response.content.decode()


@pytest.mark.parametrize("size", [3, 200])
def test_owner_detail_with_response_rate_does_not_grow(client, world, coordinator, size, django_assert_max_num_queries):
    agencies = grow_district(world, size)
    survey = district_survey(world, coordinator)
    answer_all(survey, agencies[:5], agencies[:5])
    client.force_login(coordinator)
    with django_assert_max_num_queries(16):
        assert client.get(survey.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("size", [3, 200])
def test_network_page_does_not_grow(client, world, coordinator, size, django_assert_max_num_queries):
    agencies = grow_district(world, size)
    user = factories.UserFactory()
    Cooperation.objects.bulk_create(
        [Cooperation(agency=a, partner_agency=b, updated_by=user) for a, b in itertools.pairwise(agencies)]
    )
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reporting:network"))
    assert response.status_code == 200
    assert "<title>Kooperationen zwischen Integrationsagenturen</title>" in response.content.decode()


def test_report_with_an_empty_survey(client, coordinator, world):
    survey = district_survey(world, coordinator)
    client.force_login(coordinator)
    assert "0 von 2" in client.get(reverse("reporting:report", args=[survey.pk])).content.decode()
