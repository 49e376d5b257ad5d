"""Bulk survey data for benchmarks: one edition of the state-level cooperation survey per year, asked of every
agency, answered by nearly all of them (the current edition is still open: some drafts, some not yet answered),
with partner agencies from the same municipality, so the report's network and bins have real work to do.
Written with bulk_create, a handful of statements per table and year."""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, Membership, Role
from reporting.demo import INTRODUCTION, OTHER_TEXTS, SUPPORT_TEXTS, TITLE, _questions
from reporting.models import (
    Answer,
    Audience,
    Option,
    Question,
    QuestionKind,
    Response,
    ResponseState,
    Survey,
    SurveyLogEntry,
    SurveyState,
    SurveyTarget,
)

BATCH = 2000
SERIES = "kooperation-skala"


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def _survey(year: int, today: date, owner_id: int) -> Survey:
    opens_on = date(year, 3, 1)
    current = year == today.year
    closes_on = max(today + timedelta(days=21), date(year, 4, 15)) if current else date(year, 4, 15)
    return Survey(
        series=SERIES,
        edition=str(year),
        title=TITLE,
        introduction=INTRODUCTION,
        audience=Audience.ALL,
        opens_on=opens_on,
        closes_on=closes_on,
        state=SurveyState.OPEN if current else SurveyState.CLOSED,
        created_by_id=owner_id,
        launched_at=_at(opens_on),
        closed_at=None if current else _at(closes_on),
    )


def _questions_of(survey: Survey) -> tuple[list[Question], dict[str, dict[str, Option]]]:
    questions, options, conditions = [], [], []
    for position, spec in enumerate(_questions(current=True), start=1):
        spec = dict(spec)
        choices = spec.pop("options", [])
        if spec["kind"] == QuestionKind.YES_NO:
            choices = [("ja", "ja"), ("nein", "nein")]
        condition, condition_value = spec.pop("condition", None), spec.pop("condition_value", "")
        question = Question(survey=survey, position=position, **spec)
        questions.append(question)
        options.append([(k, label) for k, label in choices])
        conditions.append((condition, condition_value))
    Question.objects.bulk_create(questions)
    by_key = {q.key: q for q in questions}
    rows = [
        Option(question=question, key=key, label=label, position=i)
        for question, choices in zip(questions, options, strict=True)
        for i, (key, label) in enumerate(choices)
    ]
    Option.objects.bulk_create(rows)
    for question, (condition, value) in zip(questions, conditions, strict=True):
        if condition:
            question.condition_question = by_key[condition]
            question.condition_option_key = value
            question.save(update_fields=["condition_question", "condition_option_key"])
    option_map: dict[str, dict[str, Option]] = {}
    for option in rows:
        option_map.setdefault(option.question.key, {})[option.key] = option
    return questions, option_map


@transaction.atomic
def seed(*, agencies: int, years: int, today: date) -> None:
    rng = random.Random(2013)
    owner = Membership.objects.filter(role=Role.STATE_LEVEL, user__username="skala-land").values_list(
        "user_id", flat=True
    )[:1]
    owner_id = owner[0]
    specialists = dict(
        Membership.objects.filter(role=Role.SPECIALIST, user__username__startswith="skala-").values_list(
            "agency_id", "user_id"
        )
    )
    rows = list(Agency.objects.filter(name__startswith="Skala-").values("pk", "municipality_id", "closed_on"))
    by_place: dict[int, list[int]] = {}
    place_of = {row["pk"]: row["municipality_id"] for row in rows}
    for row in rows:
        by_place.setdefault(row["municipality_id"], []).append(row["pk"])

    for year in range(today.year - years + 1, today.year + 1):
        survey = _survey(year, today, owner_id)
        survey.save()
        questions, options = _questions_of(survey)
        asked = [r for r in rows if r["closed_on"] is None or r["closed_on"] > survey.opens_on]
        SurveyTarget.objects.bulk_create(
            [SurveyTarget(survey=survey, agency_id=r["pk"]) for r in asked], batch_size=BATCH
        )
        current = survey.state == SurveyState.OPEN
        responses = []
        for r in asked:
            draw = rng.random()
            if draw > (0.75 if current else 0.93):
                continue  # not answered
            submitted = not current or draw < 0.6
            responses.append(
                Response(
                    survey=survey,
                    agency_id=r["pk"],
                    state=ResponseState.SUBMITTED if submitted else ResponseState.DRAFT,
                    updated_by_id=specialists.get(r["pk"]),
                    submitted_at=_at(survey.opens_on + timedelta(days=rng.randint(1, 40))) if submitted else None,
                    submitted_by_id=specialists.get(r["pk"]) if submitted else None,
                )
            )
        Response.objects.bulk_create(responses, batch_size=BATCH)
        by_key = {q.key: q for q in questions}
        answers, chosen, partners = [], [], []
        for response in responses:
            place = [pk for pk in by_place[place_of[response.agency_id]] if pk != response.agency_id]
            picked = rng.sample(place, k=min(len(place), rng.randint(0, 3)))
            wants_help = rng.random() < 0.4
            values = {
                "andere_verbaende": ["ja" if place else "nein"],
                "partner": [],
                "art": rng.sample(list(options["art"]), k=rng.randint(1, 3)),
                "regelmaessigkeit": [rng.choice(list(options["regelmaessigkeit"]))],
                "haeufigkeit": [rng.choice(list(options["haeufigkeit"]))],
                "unterstuetzung": ["ja" if wants_help else "nein"],
            }
            for key, keys in values.items():
                answer = Answer(
                    response=response,
                    question=by_key[key],
                    other_text=rng.choice(OTHER_TEXTS) if key == "art" and rng.random() < 0.15 else "",
                )
                answers.append(answer)
                chosen += [(answer, options[key][k]) for k in keys]
                if key == "partner":
                    partners += [(answer, pk) for pk in picked]
            if wants_help:
                answers.append(
                    Answer(response=response, question=by_key["unterstuetzung_welche"], text=rng.choice(SUPPORT_TEXTS))
                )
        Answer.objects.bulk_create(answers, batch_size=BATCH)
        Answer.options.through.objects.bulk_create(
            [Answer.options.through(answer_id=a.pk, option_id=o.pk) for a, o in chosen], batch_size=BATCH
        )
        Answer.partners.through.objects.bulk_create(
            [Answer.partners.through(answer_id=a.pk, agency_id=pk) for a, pk in partners], batch_size=BATCH
        )
        log = [SurveyLogEntry(survey=survey, action=SurveyLogEntry.Action.LAUNCHED, by_id=owner_id)]
        if not current:
            log.append(SurveyLogEntry(survey=survey, action=SurveyLogEntry.Action.CLOSED, by_id=owner_id))
        SurveyLogEntry.objects.bulk_create(log)
