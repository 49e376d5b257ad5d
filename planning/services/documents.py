"""Creating and editing planning documents."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import save_with_version_check
from core.workflow import State
from funding.models import TemplateVersion
from planning.models import (
    ActivityReport,
    DataPoint,
    MeasureReport,
    Need,
    PlanningDocument,
    SocialSpaceAnalysis,
    SubGoalResult,
    TaskPlan,
)
from planning.selectors import effective_plan, latest_plan, tasks_with_details


def current_template(*, kind: str, year: int) -> TemplateVersion:
    """The funder's current template of `kind` in the phase that contains `year`; ValidationError if none."""
    template = (
        TemplateVersion.objects.filter(
            document_kind=kind, is_current=True, phase__starts_on__year__lte=year, phase__ends_on__year__gte=year
        )
        .select_related("phase")
        .first()
    )
    if template is None:
        raise ValidationError(
            _(
                "Für das Förderjahr %(year)s ist noch kein aktuelles Raster hinterlegt. Bitte wenden Sie sich an "
                "Ihre Koordination."
            )
            % {"year": year}
        )
    return template


@transaction.atomic
def create_analysis(*, agency, year: int, by) -> SocialSpaceAnalysis:
    """A new, empty analysis (a new social space or a first analysis). Primary focus from the registry."""
    return SocialSpaceAnalysis.objects.create(
        agency=agency,
        year=year,
        template_version=current_template(kind=SocialSpaceAnalysis.DOCUMENT_KIND, year=year),
        primary_field_id=agency.primary_field_id,
        created_by=by,
        last_edited_by=by,
    )


@transaction.atomic
def continue_analysis(*, previous: SocialSpaceAnalysis, year: int, by) -> SocialSpaceAnalysis:
    """Fortschreiben: a new analysis for `year`, prefilled with everything of `previous` (which stays unchanged)."""
    if year <= previous.year:
        raise ValidationError(_("Eine Fortschreibung muss für ein späteres Förderjahr gelten als die Vorlage."))
    analysis = SocialSpaceAnalysis.objects.create(
        agency=previous.agency,
        year=year,
        template_version=current_template(kind=SocialSpaceAnalysis.DOCUMENT_KIND, year=year),
        analysis_type=previous.analysis_type,
        primary_field_id=previous.primary_field_id,
        findings=previous.findings,
        integration_concept=previous.integration_concept,
        ki_partner_id=previous.ki_partner_id,
        ki_cooperation=previous.ki_cooperation,
        local_coordination=previous.local_coordination,
        predecessor=previous,
        created_by=by,
        last_edited_by=by,
    )
    analysis.social_spaces.set(previous.social_spaces.all())
    analysis.coordinated_agencies.set(previous.coordinated_agencies.all())
    DataPoint.objects.bulk_create(
        DataPoint(
            analysis=analysis,
            position=row.position,
            indicator=row.indicator,
            value=row.value,
            unit=row.unit,
            source=row.source,
            reference_year=row.reference_year,
        )
        for row in previous.data_points.all()
    )
    Need.objects.bulk_create(
        Need(
            analysis=analysis,
            position=need.position,
            title=need.title,
            description=need.description,
            field_of_action_id=need.field_of_action_id,
            origin=need,
        )
        for need in previous.needs.all()
    )
    return analysis


@transaction.atomic
def create_plan(*, agency, year: int, by) -> TaskPlan:
    if TaskPlan.objects.filter(agency=agency, year=year).exists():
        raise ValidationError(
            _("Für %(year)s gibt es bereits eine Aufgabenplanung. Ändern Sie diese über „Änderung beantragen“.")
            % {"year": year}
        )
    return TaskPlan.objects.create(
        agency=agency,
        year=year,
        template_version=current_template(kind=TaskPlan.DOCUMENT_KIND, year=year),
        created_by=by,
        last_edited_by=by,
    )


@transaction.atomic
def start_amendment(*, plan: TaskPlan, kind: str, reason: str, by) -> TaskPlan:
    """Starts a minor or fundamental amendment: a new version of the plan, prefilled with `plan`'s tasks.

    `plan` (approved or forwarded, and the newest version) stays as it is, so earlier versions are kept."""
    if plan.state not in (State.APPROVED, State.FORWARDED):
        raise ValidationError(_("Nur eine freigegebene oder weitergeleitete Aufgabenplanung kann geändert werden."))
    if latest_plan(plan.agency, plan.year).pk != plan.pk:
        raise ValidationError(_("Für diese Aufgabenplanung läuft bereits eine neuere Fassung."))
    if kind not in TaskPlan.AmendmentKind.values:
        raise ValidationError({"amendment_kind": _("Bitte wählen Sie die Art der Änderung.")})
    if not reason.strip():
        raise ValidationError({"amendment_reason": _("Bitte beschreiben Sie den Anlass der Änderung.")})
    amendment = TaskPlan.objects.create(
        agency=plan.agency,
        year=plan.year,
        sequence=plan.sequence + 1,
        amendment_of=plan,
        amendment_kind=kind,
        amendment_reason=reason.strip(),
        template_version=current_template(kind=TaskPlan.DOCUMENT_KIND, year=plan.year),
        created_by=by,
        last_edited_by=by,
    )
    copy_tasks(source=plan, target=amendment)
    return amendment


def copy_tasks(*, source: TaskPlan, target: TaskPlan) -> None:
    for task in tasks_with_details(source):
        needs = list(task.needs.all())
        partners = list(task.partner_organisations.all())
        sub_goals = list(task.sub_goals.all())
        measures = list(task.measures.all())
        task_origin = task.pk
        task._prefetched_objects_cache = {}  # else set() below would compare against the old task's rows
        task.pk = None
        task.plan = target
        task.origin_id = task_origin
        task.save()
        task.needs.set(needs)
        task.partner_organisations.set(partners)
        for row in (*sub_goals, *measures):
            row.origin_id = row.pk
            row.pk = None
            row.task = task
            row.save()


@transaction.atomic
def create_report(*, agency, year: int, by) -> ActivityReport:
    """A Sachbericht prefilled from the approved Aufgabenplanung of `year`: one row per measure and sub-goal."""
    plan = effective_plan(agency, year)
    if plan is None:
        raise ValidationError(
            _("Für %(year)s gibt es noch keine freigegebene Aufgabenplanung, aus der der Sachbericht entstehen kann.")
            % {"year": year}
        )
    if ActivityReport.objects.filter(agency=agency, year=year).exists():
        raise ValidationError(_("Für %(year)s gibt es bereits einen Sachbericht.") % {"year": year})
    report = ActivityReport.objects.create(
        agency=agency,
        year=year,
        task_plan=plan,
        template_version=current_template(kind=ActivityReport.DOCUMENT_KIND, year=year),
        created_by=by,
        last_edited_by=by,
    )
    tasks = list(tasks_with_details(plan))
    MeasureReport.objects.bulk_create(
        MeasureReport(report=report, measure=measure) for task in tasks for measure in task.measures.all()
    )
    SubGoalResult.objects.bulk_create(
        SubGoalResult(report=report, sub_goal=goal) for task in tasks for goal in task.sub_goals.all()
    )
    return report


def save_content(*, document: PlanningDocument, expected_version: int, fields: dict, by) -> None:
    """Saves the document's own fields with optimistic locking (core.services.StaleEditError when someone else
    saved in between). Call inside the transaction that also saves the document's rows, so both fail together."""
    save_with_version_check(
        document=document, expected_version=expected_version, fields={**fields, "last_edited_by": by}
    )


@transaction.atomic
def adopt_current_template(*, document: PlanningDocument, expected_version: int, by) -> None:
    """Moves a draft or returned document onto the funder's current template of its phase."""
    template = current_template(kind=document.DOCUMENT_KIND, year=document.year)
    save_content(document=document, expected_version=expected_version, fields={"template_version": template}, by=by)
