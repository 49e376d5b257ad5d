"""Operations on controlling templates and reports (outside the workflow steps, which live in
`controlling_workflow`). Each is transactional and writes a ControllingLogEntry (who, when, what)."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency, FieldOfAction
from core.services import save_with_version_check
from funding.models import FundingPhase
from reporting.models import (
    ControllingAnswer,
    ControllingLogEntry,
    ControllingQuestion,
    ControllingReport,
    ControllingTemplate,
    KeyFigure,
    KeyFigureValue,
    QuestionKind,
    ValueStatus,
)
from reporting.services.controlling_prefill import prefill_for

Log = ControllingLogEntry.Action


# Templates ------------------------------------------------------------------------------------------------------


def phase_of_year(year: int) -> FundingPhase | None:
    return (
        FundingPhase.objects.filter(starts_on__year__lte=year, ends_on__year__gte=year).order_by("-starts_on").first()
    )


def current_template(year: int) -> ControllingTemplate | None:
    """The newest published template of the phase that contains funding year `year`."""
    return (
        ControllingTemplate.objects.filter(
            phase__starts_on__year__lte=year, phase__ends_on__year__gte=year, published_at__isnull=False
        )
        .select_related("phase")
        .order_by("-phase__starts_on", "-version")
        .first()
    )


def create_template(*, phase: FundingPhase, by, title: str = "") -> ControllingTemplate:
    """A new draft version for `phase`, copying the newest version of this phase or, for a new phase, of the
    phase before — so key-figure codes carry over and the years stay comparable."""
    if not by.has_perm("reporting.manage_controlling_templates"):
        raise PermissionDenied
    with transaction.atomic():
        source = (
            ControllingTemplate.objects.filter(phase=phase).order_by("-version").first()
            or ControllingTemplate.objects.filter(phase__starts_on__lt=phase.starts_on)
            .order_by("-phase__starts_on", "-version")
            .first()
        )
        number = (ControllingTemplate.objects.filter(phase=phase).aggregate(n=Max("version"))["n"] or 0) + 1
        template = ControllingTemplate.objects.create(
            phase=phase,
            version=number,
            title=title or (source.title if source else _("Online-Controlling")),
            introduction=source.introduction if source else "",
            deviation_percent=source.deviation_percent if source else 50,
            created_by=by,
        )
        if source is not None:
            copy_items(source=source, target=template)
        ControllingLogEntry.objects.create(
            template=template,
            action=Log.TEMPLATE_CREATED,
            by=by,
            note=_("Kopie von Version %(v)s (%(phase)s)") % {"v": source.version, "phase": source.phase}
            if source
            else "",
        )
    return template


def copy_items(*, source: ControllingTemplate, target: ControllingTemplate) -> None:
    excluded = {"id", "template"}
    KeyFigure.objects.bulk_create(
        KeyFigure(
            template=target,
            **{f.attname: getattr(item, f.attname) for f in KeyFigure._meta.concrete_fields if f.name not in excluded},
        )
        for item in source.key_figures.all()
    )
    ControllingQuestion.objects.bulk_create(
        ControllingQuestion(
            template=target,
            **{
                f.attname: getattr(item, f.attname)
                for f in ControllingQuestion._meta.concrete_fields
                if f.name not in excluded
            },
        )
        for item in source.questions.all()
    )


def _editable_template(template: ControllingTemplate, by) -> None:
    if not by.has_perm("reporting.manage_controlling_templates"):
        raise PermissionDenied
    if template.is_published:
        raise ValidationError(_("Eine veröffentlichte Vorlage bleibt unverändert. Legen Sie eine neue Version an."))


def save_template_item(*, item: KeyFigure | ControllingQuestion, by) -> None:
    """Saves a key figure or question of a draft template (the form validated it)."""
    _editable_template(item.template, by)
    with transaction.atomic():
        created = item.pk is None
        item.save()
        ControllingLogEntry.objects.create(
            template=item.template,
            action=Log.TEMPLATE_CHANGED,
            by=by,
            note=(_("angelegt: %(code)s") if created else _("geändert: %(code)s")) % {"code": item.code},
        )


def delete_template_item(*, item: KeyFigure | ControllingQuestion, by) -> None:
    _editable_template(item.template, by)
    with transaction.atomic():
        ControllingLogEntry.objects.create(
            template=item.template,
            action=Log.TEMPLATE_CHANGED,
            by=by,
            note=_("entfernt: %(code)s") % {"code": item.code},
        )
        item.delete()


def update_template(*, template: ControllingTemplate, by) -> None:
    _editable_template(template, by)
    with transaction.atomic():
        template.save()
        ControllingLogEntry.objects.create(template=template, action=Log.TEMPLATE_CHANGED, by=by)


def publish_template(*, template: ControllingTemplate, by) -> None:
    """Freezes the draft; from now on new reports of its phase use it. Needs at least one key figure."""
    _editable_template(template, by)
    if not template.key_figures.exists():
        raise ValidationError(_("Legen Sie mindestens eine Kennzahl an, bevor Sie die Vorlage veröffentlichen."))
    with transaction.atomic():
        now = timezone.now()
        if ControllingTemplate.objects.filter(pk=template.pk, published_at__isnull=True).update(published_at=now) != 1:
            raise ValidationError(_("Die Vorlage wurde inzwischen veröffentlicht."))
        template.published_at = now
        ControllingLogEntry.objects.create(template=template, action=Log.TEMPLATE_PUBLISHED, by=by)


# Reports --------------------------------------------------------------------------------------------------------


def create_report(*, agency: Agency, year: int, by, today: date | None = None) -> ControllingReport:
    """Creates the report of `agency` for `year` on the current template and prefills it (see
    controlling_prefill). Exactly once per agency and year: a second call returns the existing report."""
    if not by.has_perm("reporting.create_controlling_report", agency):
        raise PermissionDenied
    existing = ControllingReport.objects.filter(agency=agency, year=year).first()
    if existing:
        return existing
    template = current_template(year)
    if template is None:
        raise ValidationError(
            _("Für das Förderjahr %(year)s gibt es noch keine veröffentlichte Controlling-Vorlage.") % {"year": year}
        )
    try:
        with transaction.atomic():
            report = ControllingReport.objects.create(agency=agency, year=year, template=template, created_by=by)
            _prefill(report, today=today)
            ControllingLogEntry.objects.create(report=report, action=Log.REPORT_CREATED, by=by)
    except IntegrityError:
        return ControllingReport.objects.get(agency=agency, year=year)
    return report


def _prefill(report: ControllingReport, *, today: date | None) -> None:
    known = prefill_for(report.agency, report.year, today=today)
    fields = list(FieldOfAction.objects.order_by("position", "pk"))
    values = []
    for figure in report.template.key_figures.all():
        found = known.get(figure.source) if figure.source else None
        status = ValueStatus.PREFILLED if found and found.total is not None else ValueStatus.ENTERED
        total = found.total if found else None
        values.append(
            KeyFigureValue(
                report=report,
                figure=figure,
                value=total,
                prefilled_value=total,
                source_label=found.label if found else "",
                status=status,
            )
        )
        if figure.by_field_of_action:
            for field_of_action in fields:
                part = found.by_field.get(field_of_action.pk, Decimal(0)) if found else None
                values.append(
                    KeyFigureValue(
                        report=report,
                        figure=figure,
                        field_of_action=field_of_action,
                        value=part,
                        prefilled_value=part,
                        source_label=found.label if found else "",
                        status=status,
                    )
                )
    KeyFigureValue.objects.bulk_create(values)
    answers = []
    for question in report.template.questions.all():
        found = known.get(question.source) if question.source else None
        answer = ControllingAnswer(report=report, question=question)
        if found:
            answer.source_label = found.label
            answer.status = ValueStatus.PREFILLED
            if question.kind == QuestionKind.MULTIPLE:
                valid = {key for key, _label in question.option_list()}
                answer.option_keys = [key for key in found.option_keys if key in valid]
            elif question.kind == QuestionKind.NUMBER:
                answer.number = found.total
            else:
                answer.text = found.text
        answers.append(answer)
    ControllingAnswer.objects.bulk_create(answers)


@dataclass
class FigureInput:
    total: Decimal | None
    parts: dict[int, Decimal | None] = field(default_factory=dict)  # field of action id → value
    confirmed: bool = False
    explanation: str = ""


@dataclass
class AnswerInput:
    text: str = ""
    number: Decimal | None = None
    option_keys: list[str] = field(default_factory=list)
    confirmed: bool = False


def _status(prefilled_values: list, entered: list, confirmed: bool) -> str:
    if entered != prefilled_values:
        return ValueStatus.CORRECTED
    return ValueStatus.CONFIRMED if confirmed else ValueStatus.PREFILLED


def save_report(
    *,
    report: ControllingReport,
    expected_version: int,
    figures: dict[int, FigureInput],
    answers: dict[int, AnswerInput],
    by,
) -> None:
    """Writes the agency's values (validated by the form) if nobody saved since `expected_version`
    (StaleEditError otherwise). A prefilled value the user kept and confirmed becomes "bestätigt", a changed one
    "korrigiert"; the prefilled value stays stored beside it."""
    if not by.has_perm("reporting.edit_controlling_report", report):
        raise PermissionDenied
    with transaction.atomic():
        save_with_version_check(document=report, expected_version=expected_version, fields={"last_edited_by": by})
        rows = {}
        for value in KeyFigureValue.objects.select_for_update().filter(report=report):
            rows.setdefault(value.figure_id, []).append(value)
        for figure_id, data in figures.items():
            group = rows.get(figure_id, [])
            ordered = sorted(group, key=lambda v: (v.field_of_action_id is not None, v.field_of_action_id or 0))
            entered = [data.total if v.is_total else data.parts.get(v.field_of_action_id) for v in ordered]
            prefilled = [v.prefilled_value for v in ordered]
            has_prefill = any(v.source_label for v in ordered) and any(p is not None for p in prefilled)
            status = _status(prefilled, entered, data.confirmed) if has_prefill else ValueStatus.ENTERED
            for row, new in zip(ordered, entered, strict=True):
                row.value = new
                row.status = status
                row.explanation = data.explanation.strip() if row.is_total else ""
            KeyFigureValue.objects.bulk_update(ordered, ["value", "status", "explanation"])
        stored = {a.question_id: a for a in ControllingAnswer.objects.select_for_update().filter(report=report)}
        for question_id, data in answers.items():
            answer = stored[question_id]
            before = (answer.text, answer.number, sorted(answer.option_keys))
            after = (data.text.strip(), data.number, sorted(data.option_keys))
            if answer.source_label:
                if answer.status == ValueStatus.PREFILLED and before == after:
                    answer.status = ValueStatus.CONFIRMED if data.confirmed else ValueStatus.PREFILLED
                elif before != after:
                    answer.status = ValueStatus.CORRECTED
            answer.text, answer.number, answer.option_keys = after[0], after[1], list(after[2])
            answer.save(update_fields=["text", "number", "option_keys", "status"])
        ControllingLogEntry.objects.create(report=report, action=Log.REPORT_SAVED, by=by)
