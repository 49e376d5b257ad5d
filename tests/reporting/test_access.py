"""Who sees what: per role one allowed and one refused case; foreign objects answer 404."""

import pytest
from django.urls import reverse

from reporting.services import surveys as survey_service
from tests import factories
from tests.reporting.factories import answer, cooperation_survey, launch

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world, coordinator):
    return cooperation_survey(
        owner_district=world.district, audience="district", audience_district=world.district, created_by=coordinator
    )


@pytest.fixture
def running(draft, world):
    launch(draft)
    answer(draft, world.agency, {"andere": "ja", "art": [("sonstiges", "Geheimer Freitext")]})
    return draft


def get(client, user, name, *args, **query):
    client.force_login(user)
    url = reverse(f"reporting:{name}", args=args)
    return client.get(url, query)


def test_owner_sees_own_draft(client, coordinator, draft):
    assert get(client, coordinator, "survey", draft.pk).status_code == 200


@pytest.mark.parametrize("role", ["other_coordinator", "state_level", "specialist", "authority"])
def test_others_never_see_a_draft(client, request, role, draft):
    user = request.getfixturevalue(role)
    assert get(client, user, "survey", draft.pk).status_code == 404
    assert draft.title not in get(client, user, "surveys").content.decode()


@pytest.mark.parametrize("role", ["other_coordinator", "state_level"])
def test_state_level_and_other_districts_see_aggregates_only(client, request, role, running, world):
    user = request.getfixturevalue(role)
    report = get(client, user, "report", running.pk)
    assert report.status_code == 200
    content = report.content.decode()
    assert "Geheimer Freitext" in content and world.agency.name not in content
    response = running.responses.get()
    assert get(client, user, "response", running.pk, response.pk).status_code == 404
    assert get(client, user, "responses_csv", running.pk).status_code == 404
    assert get(client, user, "import", running.pk).status_code == 404
    assert get(client, user, "survey_edit", running.pk).status_code == 404


def test_owner_sees_single_answers_with_the_agency(client, coordinator, running, world):
    content = get(client, coordinator, "report", running.pk).content.decode()
    assert "Geheimer Freitext" in content and world.agency.name in content
    response = running.responses.get()
    assert get(client, coordinator, "response", running.pk, response.pk).status_code == 200
    assert get(client, coordinator, "responses_csv", running.pk).status_code == 200


def test_specialist_answers_for_own_agency_only(client, specialist, running, world):
    own = running.responses.get(agency=world.agency)
    assert get(client, specialist, "respond", running.pk).url == own.get_absolute_url()  # sent: read-only
    assert get(client, specialist, "response", running.pk, own.pk).status_code == 200
    sibling = answer(running, world.sibling_agency, {"andere": "nein"})
    assert get(client, specialist, "response", running.pk, sibling.pk).status_code == 404


def test_specialist_of_an_agency_not_asked_gets_404(client, world, running):
    outsider = factories.specialist_of(world.other_agency)
    assert get(client, outsider, "survey", running.pk).status_code == 404
    assert get(client, outsider, "respond", running.pk).status_code == 404


def test_specialist_sees_the_report_only_after_closing(client, specialist, running, coordinator):
    assert get(client, specialist, "report", running.pk).status_code == 404
    survey_service.close_survey(survey=running, by=coordinator)
    content = get(client, specialist, "report", running.pk).content.decode()
    assert "Geheimer Freitext" in content


def test_provider_manager_reads_own_agencys_response_but_cannot_answer(client, provider_manager, running, world):
    own = running.responses.get(agency=world.agency)
    assert get(client, provider_manager, "response", running.pk, own.pk).status_code == 200
    assert get(client, provider_manager, "respond", running.pk).status_code == 404


def test_funding_authority_sees_no_surveys(client, authority, running):
    assert get(client, authority, "survey", running.pk).status_code == 404
    assert get(client, authority, "report", running.pk).status_code == 404


def test_state_level_owns_surveys_without_district(client, state_level, coordinator, world):
    survey = cooperation_survey(created_by=state_level)
    assert get(client, state_level, "survey_edit", survey.pk).status_code == 200
    assert get(client, coordinator, "survey", survey.pk).status_code == 404


def test_reopen_is_for_the_owner_only(client, running, specialist, state_level, coordinator):
    response = running.responses.get()
    url = reverse("reporting:response_reopen", args=[running.pk, response.pk])
    for user in (specialist, state_level):
        client.force_login(user)
        assert client.post(url, {"reason": "x"}).status_code == 404
    client.force_login(coordinator)
    assert client.post(url, {"reason": "Zahl vertauscht"}).status_code == 302
    response.refresh_from_db()
    assert response.state == "draft"


def test_network_page_names_agencies_for_coordinators_only(client, coordinator, state_level, specialist, world):
    content = get(client, coordinator, "network").content.decode()
    assert world.agency.name in content
    content = get(client, state_level, "network").content.decode()
    assert world.agency.name not in content and "ohne Namen einzelner Agenturen" in content
    assert get(client, specialist, "network").status_code == 403


def test_network_of_another_district_is_404_for_a_coordinator(client, coordinator, world):
    assert get(client, coordinator, "network", bezirk=world.other_district.pk).status_code == 404
