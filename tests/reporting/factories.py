"""Factories for surveys: a survey with questions in one call, and answers given by key."""

from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from reporting.models import Audience, Question, QuestionKind, Survey
from reporting.services import responses as response_service
from reporting.services import surveys as survey_service
from reporting.services.answers import AnswerValue
from tests import factories


class SurveyFactory(DjangoModelFactory):
    class Meta:
        model = Survey

    series = factory.Sequence(lambda n: f"reihe-{n}")
    edition = "2025"
    title = factory.Sequence(lambda n: f"Umfrage {n}")
    audience = Audience.ALL
    opens_on = date(2025, 3, 1)
    closes_on = date(2025, 4, 30)
    reminder_days = "7, 1"
    created_by = factory.SubFactory(factories.UserFactory)


def add_question(survey: Survey, key: str, kind: str, *, options=(), by=None, **fields) -> Question:
    question = Question(survey=survey, key=key, kind=kind, text=fields.pop("text", f"Frage {key}?"), **fields)
    return survey_service.save_question(
        question=question, options=[(o, o.capitalize()) for o in options], by=by or survey.created_by
    )


def cooperation_survey(**kwargs) -> Survey:
    """The 2013 questionnaire in small: yes/no, agency picker with bins, multiple choice with „Sonstiges“."""
    survey = SurveyFactory(**kwargs)
    add_question(survey, "andere", QuestionKind.YES_NO, required=True, position=1)
    add_question(survey, "partner", QuestionKind.AGENCY, bins="0, 1, 2, 3, 4-6, 7-10", position=2)
    add_question(
        survey,
        "art",
        QuestionKind.MULTIPLE,
        options=("information", "events", "area"),
        allow_other=True,
        position=3,
    )
    return survey


def launch(survey: Survey) -> Survey:
    survey_service.launch_survey(survey=survey, by=survey.created_by)
    survey.refresh_from_db()
    return survey


def value(question: Question, raw) -> AnswerValue:
    if question.kind == QuestionKind.NUMBER:
        return AnswerValue(number=Decimal(str(raw)))
    if question.kind == QuestionKind.TEXT:
        return AnswerValue(text=raw)
    if question.kind == QuestionKind.AGENCY:
        return AnswerValue(partner_ids=[agency.pk for agency in raw])
    keys = [raw] if isinstance(raw, str) else list(raw)
    other = ""
    if keys and isinstance(keys[-1], tuple):  # ("sonstiges", "text")
        other = keys.pop()[1]
    return AnswerValue(option_keys=keys, other_text=other)


def answer(survey: Survey, agency, answers: dict, *, submit: bool = True, by=None):
    """Answers `survey` for `agency` with {question key: raw value} and submits it."""
    by = by or survey.created_by
    questions = {question.key: question for question in response_service.questions_of(survey)}
    values = {questions[key].pk: value(questions[key], raw) for key, raw in answers.items()}
    response = response_service.start_response(survey=survey, agency=agency, by=by)
    action = response_service.submit_response if submit else response_service.save_draft
    return action(response=response, values=values, version=response.version, by=by)


def agencies(count: int, **kwargs) -> list:
    return [factories.AgencyFactory(**kwargs) for _ in range(count)]
