"""The rules directly: owner, aggregate viewers, the agency's own people."""

import pytest

from reporting import rules
from reporting.services import surveys as survey_service
from tests.reporting.factories import answer, cooperation_survey, launch

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(world, coordinator):
    return cooperation_survey(owner_district=world.district, audience="district", audience_district=world.district)


def test_only_the_district_coordination_manages_a_district_survey(survey, coordinator, other_coordinator, state_level):
    assert rules.can_manage_survey(coordinator, survey)
    assert not rules.can_manage_survey(other_coordinator, survey)
    assert not rules.can_manage_survey(state_level, survey)


def test_report_of_a_draft_is_the_owners_only(survey, coordinator, state_level):
    assert rules.can_view_report(coordinator, survey)
    assert not rules.can_view_report(state_level, survey)
    launch(survey)
    assert rules.can_view_report(state_level, survey)


def test_single_response_is_seen_by_own_people_and_owner(
    survey, world, specialist, provider_manager, coordinator, other_coordinator, state_level
):
    launch(survey)
    response = answer(survey, world.agency, {"andere": "ja"})
    assert rules.can_view_response(specialist, response)
    assert rules.can_view_response(provider_manager, response)
    assert rules.can_view_response(coordinator, response)
    assert not rules.can_view_response(other_coordinator, response)
    assert not rules.can_view_response(state_level, response)


def test_specialist_edits_a_draft_while_the_survey_is_open(survey, world, specialist, provider_manager, coordinator):
    launch(survey)
    response = answer(survey, world.agency, {"andere": "ja"}, submit=False)
    assert rules.can_edit_response(specialist, response)
    assert not rules.can_edit_response(provider_manager, response)
    survey_service.close_survey(survey=survey, by=coordinator)
    response.survey.refresh_from_db()
    assert not rules.can_edit_response(specialist, response)


def test_create_survey_needs_coordination_or_state_level(coordinator, state_level, specialist, authority):
    assert rules.can_create_survey(coordinator) and rules.can_create_survey(state_level)
    assert not rules.can_create_survey(specialist) and not rules.can_create_survey(authority)


def test_cooperations_are_edited_by_the_agencys_specialists(world, specialist, coordinator):
    assert rules.can_edit_cooperations(specialist, world.agency)
    assert not rules.can_edit_cooperations(specialist, world.sibling_agency)
    assert not rules.can_edit_cooperations(coordinator, world.agency)
