"""One response per agency: start it, save drafts (optimistic locking), submit it once, reopen it."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency
from reporting.models import (
    Answer,
    Question,
    Response,
    ResponseSource,
    ResponseState,
    Survey,
    SurveyLogEntry,
    SurveyState,
)
from reporting.services.answers import OTHER_KEY, AnswerValue, check_answers, strip_hidden
from reporting.services.surveys import log


class ResponseError(Exception):
    """The response cannot be changed (already submitted, survey closed, or someone else saved first)."""


def start_response(*, survey: Survey, agency: Agency, by) -> Response:
    """The agency's one response to the survey, created on first use (safe under concurrent first visits)."""
    try:
        with transaction.atomic():
            response, _created = Response.objects.get_or_create(
                survey=survey, agency=agency, defaults={"updated_by": by}
            )
    except IntegrityError:
        response = Response.objects.get(survey=survey, agency=agency)
    return response


def questions_of(survey: Survey) -> list[Question]:
    return list(survey.questions.prefetch_related("options").order_by("position", "pk"))


def load_values(response: Response) -> dict[int, AnswerValue]:
    """The stored answers of a response, keyed by question id (three queries)."""
    values: dict[int, AnswerValue] = {}
    answers = list(response.answers.all())
    for answer in answers:
        values[answer.question_id] = AnswerValue(other_text=answer.other_text, number=answer.number, text=answer.text)
    by_answer = {answer.pk: answer.question_id for answer in answers}
    for answer_id, key in Answer.options.through.objects.filter(answer__response=response).values_list(
        "answer_id", "option__key"
    ):
        values[by_answer[answer_id]].option_keys.append(key)
    for answer_id, agency_id in Answer.partners.through.objects.filter(answer__response=response).values_list(
        "answer_id", "agency_id"
    ):
        values[by_answer[answer_id]].partner_ids.append(agency_id)
    for value in values.values():
        if value.other_text and OTHER_KEY not in value.option_keys:
            value.option_keys.append(OTHER_KEY)
    return values


def write_answers(*, response: Response, questions: list[Question], values: dict[int, AnswerValue]) -> None:
    """Replaces the stored answers of `response` (bulk, a fixed number of queries)."""
    values = strip_hidden(questions, values)
    response.answers.all().delete()
    by_id = {question.pk: question for question in questions}
    options = {(o.question_id, o.key): o.pk for q in questions for o in q.options.all()}
    rows = []
    for question_id, value in values.items():
        if value.is_empty:
            continue
        rows.append(
            Answer(
                response=response,
                question_id=question_id,
                other_text=value.other_text.strip()[:500],
                number=value.number,
                text=value.text.strip(),
            )
        )
    Answer.objects.bulk_create(rows)
    if rows and rows[0].pk is None:  # databases without RETURNING for bulk inserts
        rows = list(response.answers.all())
    option_links, partner_links = [], []
    for answer in rows:
        value = values[answer.question_id]
        question = by_id[answer.question_id]
        for key in value.option_keys:
            if (question.pk, key) in options:
                option_links.append(Answer.options.through(answer_id=answer.pk, option_id=options[(question.pk, key)]))
        partner_links.extend(
            Answer.partners.through(answer_id=answer.pk, agency_id=agency_id)
            for agency_id in dict.fromkeys(value.partner_ids)
            if agency_id != response.agency_id
        )
    Answer.options.through.objects.bulk_create(option_links)
    Answer.partners.through.objects.bulk_create(partner_links)


def _require_open(response: Response) -> None:
    """Checked apart from the conditional UPDATE below: a join in that UPDATE would become a subquery, which
    PostgreSQL does not re-check after waiting for a concurrent writer's lock (two submits could both win)."""
    if not Survey.objects.filter(pk=response.survey_id, state=SurveyState.OPEN).exists():
        raise ResponseError(_("Diese Umfrage nimmt keine Antworten mehr an."))


@transaction.atomic
def save_draft(*, response: Response, values: dict[int, AnswerValue], version: int, by) -> Response:
    """Saves the answers of a draft. Conditional UPDATE on `version`: if another specialist of the agency saved
    in the meantime, nothing is written and ResponseError is raised (the form keeps the user's input)."""
    questions = questions_of(response.survey)
    errors = check_answers(questions, values, require=False)
    if errors:
        raise ValidationError(errors)
    _require_open(response)
    changed = Response.objects.filter(pk=response.pk, version=version, state=ResponseState.DRAFT).update(
        version=F("version") + 1, updated_by=by, updated_at=timezone.now()
    )
    if changed != 1:
        raise ResponseError(
            _(
                "Die Antwort wurde inzwischen von jemand anderem gespeichert oder abgeschickt. "
                "Ihre Eingaben sind unten erhalten; bitte prüfen Sie den neuen Stand."
            )
        )
    write_answers(response=response, questions=questions, values=values)
    response.version = version + 1
    return response


@transaction.atomic
def submit_response(*, response: Response, values: dict[int, AnswerValue], version: int, by) -> Response:
    """Saves and sends the response. Required questions must be answered. Of two concurrent submits only one
    wins (conditional UPDATE on state and version); the response is read-only afterwards."""
    questions = questions_of(response.survey)
    errors = check_answers(questions, values, require=True)
    if errors:
        raise ValidationError(errors)
    _require_open(response)
    now = timezone.now()
    changed = Response.objects.filter(pk=response.pk, version=version, state=ResponseState.DRAFT).update(
        state=ResponseState.SUBMITTED,
        version=F("version") + 1,
        submitted_at=now,
        submitted_by=by,
        updated_by=by,
        updated_at=now,
    )
    if changed != 1:
        raise ResponseError(_("Diese Antwort wurde bereits abgeschickt oder inzwischen geändert."))
    write_answers(response=response, questions=questions, values=values)
    response.state, response.submitted_at, response.submitted_by, response.version = (
        ResponseState.SUBMITTED,
        now,
        by,
        version + 1,
    )
    log(survey=response.survey, action=SurveyLogEntry.Action.SUBMITTED, by=by, agency=response.agency)
    return response


@transaction.atomic
def reopen_response(*, response: Response, reason: str, by) -> Response:
    """The owner lets the agency change a submitted response again (e.g. a mistake). The reason is logged."""
    if not reason.strip():
        raise ValidationError({"reason": _("Bitte begründen Sie, warum die Antwort wieder geöffnet wird.")})
    changed = Response.objects.filter(pk=response.pk, state=ResponseState.SUBMITTED).update(
        state=ResponseState.DRAFT, version=F("version") + 1, submitted_at=None, submitted_by=None
    )
    if changed != 1:
        raise ResponseError(_("Diese Antwort ist nicht abgeschickt."))
    response.refresh_from_db()
    log(
        survey=response.survey,
        action=SurveyLogEntry.Action.REOPENED,
        by=by,
        agency=response.agency,
        note=reason.strip(),
    )
    return response


def store_imported(*, survey: Survey, agency_id: int, values: dict[int, AnswerValue], questions, by) -> Response:
    """Writes one imported row as a submitted response (called inside the import's transaction)."""
    now = timezone.now()
    response, _created = Response.objects.update_or_create(
        survey=survey,
        agency_id=agency_id,
        defaults={
            "state": ResponseState.SUBMITTED,
            "source": ResponseSource.IMPORT,
            "submitted_at": now,
            "submitted_by": by,
            "updated_by": by,
        },
    )
    write_answers(response=response, questions=questions, values=values)
    return response
