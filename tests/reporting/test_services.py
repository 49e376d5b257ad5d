"""Survey operations: snapshot at launch, frozen questions, one response per agency, drafts, submission,
reopening, editions, taking answers over into cooperation records."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from agencies.models import Agency
from reporting.models import Cooperation, QuestionKind, Response, ResponseState, SurveyLogEntry, SurveyState
from reporting.models.surveys import parse_bins
from reporting.services import cooperation as cooperation_service
from reporting.services import responses as response_service
from reporting.services import surveys as survey_service
from reporting.services.answers import AnswerValue
from tests import factories
from tests.reporting.factories import SurveyFactory, add_question, answer, cooperation_survey, launch

pytestmark = pytest.mark.django_db


def test_launch_takes_a_snapshot_of_active_agencies_of_the_audience(world):
    factories.AgencyFactory(provider=world.provider, closed_on=date(2020, 1, 1))
    survey = cooperation_survey(audience="district", audience_district=world.district)
    launch(survey)
    assert set(survey.targets.values_list("agency_id", flat=True)) == {world.agency.pk, world.sibling_agency.pk}
    factories.AgencyFactory(provider=world.provider)  # opens later: not asked
    assert survey.targets.count() == 2
    assert survey.state == SurveyState.OPEN
    assert survey.log.filter(action=SurveyLogEntry.Action.LAUNCHED).exists()


def test_audience_of_a_welfare_association(world):
    survey = cooperation_survey(
        audience="association", audience_association=world.other_agency.provider.district.welfare_association
    )
    launch(survey)
    assert list(survey.targets.values_list("agency_id", flat=True)) == [world.other_agency.pk]


def test_survey_without_questions_cannot_be_launched(world):
    survey = SurveyFactory()
    with pytest.raises(survey_service.SurveyError):
        survey_service.launch_survey(survey=survey, by=survey.created_by)


def test_launching_twice_fails(world):
    survey = launch(cooperation_survey())
    with pytest.raises(survey_service.SurveyError):
        survey_service.launch_survey(survey=survey, by=survey.created_by)


def test_questions_of_a_launched_survey_are_frozen(world):
    survey = launch(cooperation_survey())
    with pytest.raises(survey_service.SurveyError):
        add_question(survey, "neu", QuestionKind.TEXT)
    with pytest.raises(survey_service.SurveyError):
        survey_service.delete_question(question=survey.questions.first(), by=survey.created_by)


def test_choice_question_needs_options(world):
    survey = SurveyFactory()
    with pytest.raises(ValidationError):
        add_question(survey, "leer", QuestionKind.SINGLE)


def test_yes_no_question_gets_ja_and_nein(world):
    question = add_question(SurveyFactory(), "jn", QuestionKind.YES_NO)
    assert list(question.options.values_list("key", flat=True)) == ["ja", "nein"]


def test_one_response_per_agency(world):
    survey = launch(cooperation_survey())
    first = response_service.start_response(survey=survey, agency=world.agency, by=survey.created_by)
    second = response_service.start_response(survey=survey, agency=world.agency, by=survey.created_by)
    assert first.pk == second.pk
    assert Response.objects.filter(survey=survey, agency=world.agency).count() == 1


def test_draft_keeps_answers_and_a_stale_save_is_refused(world):
    survey = launch(cooperation_survey())
    draft = answer(survey, world.agency, {"andere": "ja"}, submit=False)
    values = response_service.load_values(draft)
    assert values[survey.questions.get(key="andere").pk].option_keys == ["ja"]
    with pytest.raises(response_service.ResponseError):
        response_service.save_draft(response=draft, values={}, version=1, by=survey.created_by)


def test_submit_requires_the_required_questions(world):
    survey = launch(cooperation_survey())
    response = response_service.start_response(survey=survey, agency=world.agency, by=survey.created_by)
    with pytest.raises(ValidationError) as error:
        response_service.submit_response(response=response, values={}, version=1, by=survey.created_by)
    assert "Pflichtfrage" in str(error.value)


def test_second_submit_of_the_same_version_loses(world):
    survey = launch(cooperation_survey())
    response = response_service.start_response(survey=survey, agency=world.agency, by=survey.created_by)
    values = {survey.questions.get(key="andere").pk: AnswerValue(option_keys=["ja"])}
    stale = Response.objects.get(pk=response.pk)
    response_service.submit_response(response=response, values=values, version=1, by=survey.created_by)
    with pytest.raises(response_service.ResponseError):
        response_service.submit_response(response=stale, values=values, version=1, by=survey.created_by)
    assert survey.log.filter(action=SurveyLogEntry.Action.SUBMITTED).count() == 1


def test_unknown_option_and_two_choices_for_single_choice_are_refused(world):
    survey = SurveyFactory()
    add_question(survey, "eins", QuestionKind.SINGLE, options=("a", "b"))
    launch(survey)
    question = survey.questions.get()
    response = response_service.start_response(survey=survey, agency=world.agency, by=survey.created_by)
    for keys in (["x"], ["a", "b"]):
        with pytest.raises(ValidationError):
            response_service.save_draft(
                response=response, values={question.pk: AnswerValue(option_keys=keys)}, version=1, by=survey.created_by
            )


def test_answers_to_hidden_conditional_questions_are_not_stored(world):
    survey = SurveyFactory()
    wish = add_question(survey, "wunsch", QuestionKind.YES_NO, position=1)
    add_question(survey, "details", QuestionKind.TEXT, position=2, condition_question=wish, condition_option_key="ja")
    launch(survey)
    response = answer(survey, world.agency, {"wunsch": "nein", "details": "alt"})
    assert set(response.answers.values_list("question__key", flat=True)) == {"wunsch"}


def test_submitted_response_is_reopened_by_the_owner_with_a_reason(world):
    survey = launch(cooperation_survey())
    response = answer(survey, world.agency, {"andere": "ja"})
    with pytest.raises(ValidationError):
        response_service.reopen_response(response=response, reason=" ", by=survey.created_by)
    response_service.reopen_response(response=response, reason="Tippfehler", by=survey.created_by)
    response.refresh_from_db()
    assert response.state == ResponseState.DRAFT
    assert survey.log.get(action=SurveyLogEntry.Action.REOPENED).note == "Tippfehler"


def test_closed_survey_takes_no_more_answers(world):
    survey = launch(cooperation_survey())
    response = response_service.start_response(survey=survey, agency=world.agency, by=survey.created_by)
    survey_service.close_survey(survey=survey, by=survey.created_by)
    with pytest.raises(response_service.ResponseError):
        response_service.save_draft(response=response, values={}, version=1, by=survey.created_by)


def test_new_edition_copies_questions_options_and_conditions_with_their_keys(world):
    survey = SurveyFactory()
    wish = add_question(survey, "wunsch", QuestionKind.YES_NO, position=1)
    add_question(survey, "details", QuestionKind.TEXT, position=2, condition_question=wish, condition_option_key="ja")
    launch(survey)
    copy = survey_service.new_edition(
        survey=survey, edition="2026", opens_on=date(2026, 1, 1), closes_on=date(2026, 2, 1), by=survey.created_by
    )
    assert copy.is_draft and copy.series == survey.series
    details = copy.questions.get(key="details")
    assert details.condition_question.survey_id == copy.pk and details.condition_question.key == "wunsch"
    assert list(copy.questions.get(key="wunsch").options.values_list("key", flat=True)) == ["ja", "nein"]
    with pytest.raises(ValidationError):
        survey_service.new_edition(
            survey=survey, edition="2026", opens_on=date(2026, 1, 1), closes_on=date(2026, 2, 1), by=survey.created_by
        )


def test_partner_answers_are_taken_over_into_cooperation_records(world):
    survey = launch(cooperation_survey())
    answer(survey, world.agency, {"andere": "ja", "partner": [world.other_agency], "art": ["information", "events"]})
    answer(survey, world.other_agency, {"andere": "ja", "partner": [world.agency]})
    assert cooperation_service.adopt_from_survey(survey=survey, by=survey.created_by) == 2
    record = Cooperation.objects.get(agency=world.agency)
    assert record.partner_agency == world.other_agency and record.kinds == ["events", "information"]
    assert cooperation_service.adopt_from_survey(survey=survey, by=survey.created_by) == 0  # idempotent


def test_cooperation_network_marks_confirmed_links_and_isolated_agencies(world):
    world.sibling_agency.municipality = world.agency.municipality
    world.sibling_agency.save()
    by = factories.UserFactory()
    Cooperation.objects.create(agency=world.agency, partner_agency=world.other_agency, updated_by=by)
    Cooperation.objects.create(agency=world.other_agency, partner_agency=world.agency, updated_by=by)
    graph = cooperation_service.network_for(Agency.objects.all())
    assert graph.link_count == 1 and graph.mutual_count == 1 and graph.across_count == 1
    assert [node.name for node in graph.isolated] == ["Duisburg-Laar"]


def test_cooperation_with_itself_or_without_partner_is_invalid(world):
    by = factories.UserFactory()
    with pytest.raises(ValidationError):
        cooperation_service.save_cooperation(
            cooperation=Cooperation(agency=world.agency, partner_agency=world.agency), by=by
        )
    with pytest.raises(ValidationError):
        cooperation_service.save_cooperation(cooperation=Cooperation(agency=world.agency), by=by)


def test_survey_dates_and_reminder_days_are_validated(world):
    survey = SurveyFactory.build(closes_on=date(2025, 1, 1), reminder_days="7, x")
    with pytest.raises(ValidationError) as error:
        survey.full_clean(exclude=["created_by"])
    assert {"closes_on", "reminder_days"} <= set(error.value.message_dict)


def test_bins_must_ascend(world):
    assert parse_bins("0, 1, 2, 3, 4-6, 7-10")[-1] == (7, 10)
    with pytest.raises(ValidationError):
        parse_bins("4-6, 2")
