"""Operations on surveys: build (while a draft), launch, close, repeat as a new edition."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from agencies.models import Agency
from reporting.models import (
    Audience,
    Option,
    Question,
    QuestionKind,
    Survey,
    SurveyLogEntry,
    SurveyState,
    SurveyTarget,
)
from reporting.models.surveys import YES_NO_OPTIONS, validate_key


class SurveyError(Exception):
    """The requested change is not possible in the survey's current state."""


def log(*, survey: Survey, action: str, by, agency=None, note: str = "") -> SurveyLogEntry:
    return SurveyLogEntry.objects.create(survey=survey, action=action, by=by, agency=agency, note=note)


def audience_agencies(survey: Survey, *, day: date):
    agencies = Agency.objects.active_on(day)
    if survey.audience == Audience.DISTRICT:
        return agencies.filter(provider__district_id=survey.audience_district_id)
    if survey.audience == Audience.ASSOCIATION:
        return agencies.filter(provider__district__welfare_association_id=survey.audience_association_id)
    return agencies


@transaction.atomic
def create_survey(*, survey: Survey, by) -> Survey:
    """Saves a new draft survey and logs who created it."""
    survey.created_by = by
    survey.state = SurveyState.DRAFT
    survey.full_clean()
    survey.save()
    log(survey=survey, action=SurveyLogEntry.Action.CREATED, by=by)
    return survey


def parse_options(text: str) -> list[tuple[str, str]]:
    """One option per line, 'key: label' or just 'label' (the key is derived). Raises ValidationError."""
    options: list[tuple[str, str]] = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        if ":" in line and re.match(r"^[a-z0-9_-]+\s*:", line):
            key, label = (part.strip() for part in line.split(":", 1))
        else:
            key, label = slugify(line).replace("-", "_")[:40] or "option", line
        validate_key(key)
        if key in {existing for existing, _label in options}:
            raise ValidationError(_("Der Schlüssel „%(key)s“ kommt doppelt vor.") % {"key": key})
        options.append((key, label[:200]))
    return options


def _require_draft(survey: Survey) -> None:
    if not survey.is_draft:
        raise SurveyError(_("Die Fragen einer gestarteten Umfrage sind eingefroren."))


@transaction.atomic
def save_question(*, question: Question, options: list[tuple[str, str]], by) -> Question:
    """Creates or changes a question of a draft survey with its options (yes/no gets „ja“/„nein“)."""
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    _require_draft(survey)
    if question.kind == QuestionKind.YES_NO:
        options = [(key, str(label)) for key, label in YES_NO_OPTIONS]
    elif question.is_choice and not options:
        raise ValidationError({"options": _("Bitte nennen Sie mindestens eine Antwortmöglichkeit.")})
    elif not question.is_choice:
        options = []
    if not question.pk and not question.position:
        question.position = (survey.questions.aggregate(m=Max("position"))["m"] or 0) + 1
    question.full_clean()
    question.save()
    kept = []
    for position, (key, label) in enumerate(options, start=1):
        option, _created = Option.objects.update_or_create(
            question=question, key=key, defaults={"label": label, "position": position}
        )
        kept.append(option.pk)
    question.options.exclude(pk__in=kept).delete()
    return question


@transaction.atomic
def delete_question(*, question: Question, by) -> None:
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    _require_draft(survey)
    question.delete()


@transaction.atomic
def launch_survey(*, survey: Survey, by) -> int:
    """Draft → open. Takes the snapshot of the audience (active agencies today) and logs it.
    Returns the number of agencies asked. A second concurrent launch fails on the conditional UPDATE."""
    if not survey.questions.exists():
        raise SurveyError(_("Eine Umfrage ohne Fragen kann nicht gestartet werden."))
    targets = list(audience_agencies(survey, day=timezone.localdate()).values_list("pk", flat=True))
    if not targets:
        raise SurveyError(_("Zur gewählten Zielgruppe gehört keine aktive Integrationsagentur."))
    now = timezone.now()
    changed = Survey.objects.filter(pk=survey.pk, state=SurveyState.DRAFT).update(
        state=SurveyState.OPEN, launched_at=now
    )
    if changed != 1:
        raise SurveyError(_("Die Umfrage wurde inzwischen schon gestartet."))
    SurveyTarget.objects.bulk_create([SurveyTarget(survey=survey, agency_id=pk) for pk in targets])
    survey.state, survey.launched_at = SurveyState.OPEN, now
    log(
        survey=survey,
        action=SurveyLogEntry.Action.LAUNCHED,
        by=by,
        note=_("%(n)d Agenturen befragt") % {"n": len(targets)},
    )
    return len(targets)


@transaction.atomic
def close_survey(*, survey: Survey, by) -> None:
    """Open → closed: no more answers, no more reminders."""
    now = timezone.now()
    if Survey.objects.filter(pk=survey.pk, state=SurveyState.OPEN).update(state=SurveyState.CLOSED, closed_at=now) != 1:
        raise SurveyError(_("Nur eine laufende Umfrage kann abgeschlossen werden."))
    survey.state, survey.closed_at = SurveyState.CLOSED, now
    log(survey=survey, action=SurveyLogEntry.Action.CLOSED, by=by)


@transaction.atomic
def new_edition(*, survey: Survey, edition: str, opens_on: date, closes_on: date, by) -> Survey:
    """Copies a survey with its questions, options and conditions (same keys) as a new draft edition."""
    copy = Survey(
        series=survey.series,
        edition=edition,
        title=survey.title,
        introduction=survey.introduction,
        owner_district=survey.owner_district,
        audience=survey.audience,
        audience_district=survey.audience_district,
        audience_association=survey.audience_association,
        opens_on=opens_on,
        closes_on=closes_on,
        reminder_days=survey.reminder_days,
    )
    if Survey.objects.filter(series=survey.series, edition=edition).exists():
        raise ValidationError({"edition": _("Diese Ausgabe gibt es in der Reihe schon.")})
    create_survey(survey=copy, by=by)
    mapping: dict[int, Question] = {}
    originals = list(survey.questions.prefetch_related("options").order_by("position", "pk"))
    for original in originals:
        question = Question.objects.create(
            survey=copy,
            key=original.key,
            position=original.position,
            text=original.text,
            help_text=original.help_text,
            kind=original.kind,
            required=original.required,
            allow_other=original.allow_other,
            bins=original.bins,
            condition_option_key=original.condition_option_key,
        )
        mapping[original.pk] = question
        Option.objects.bulk_create(
            [Option(question=question, key=o.key, label=o.label, position=o.position) for o in original.options.all()]
        )
    for original in originals:
        if original.condition_question_id in mapping:
            question = mapping[original.pk]
            question.condition_question = mapping[original.condition_question_id]
            question.save(update_fields=["condition_question"])
    log(survey=survey, action=SurveyLogEntry.Action.EDITION, by=by, note=edition)
    return copy
