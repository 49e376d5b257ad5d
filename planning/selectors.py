"""Read queries of the planning app. Every list and detail starts from `documents_visible_to`."""

from django.db.models import CharField, F, IntegerField, Prefetch, Q, QuerySet, Value

from agencies.access import scope_for
from core.workflow import State
from planning.models import DOCUMENT_MODELS, ActivityReport, Measure, Need, SocialSpaceAnalysis, SubGoal, Task, TaskPlan

DETAIL_RELATED = ("agency__provider__district", "agency__municipality", "template_version__phase")


def visibility_q(user) -> Q:
    scope = scope_for(user)
    q = scope.agency_q("agency__")
    if scope.is_funding_authority:
        q |= Q(state=State.FORWARDED)
    return q


def documents_visible_to(user, model) -> QuerySet:
    """The one queryset every list and detail of `model` (one of the three documents) starts from."""
    return model.objects.filter(visibility_q(user)).select_related(*DETAIL_RELATED)


def document_rows(user, *, kinds=None, agency_id=None, year=None, states=None, with_district: bool = True) -> QuerySet:
    """All visible documents of the three kinds as one UNION query of plain rows (for lists and the inbox).

    `with_district=False` leaves out the district's name, and with it two joins in each part, for lists that do not
    show it."""
    district = ("agency__provider__district__name",) if with_district else ()
    parts = []
    for slug, model in DOCUMENT_MODELS.items():
        if kinds and slug not in kinds:
            continue
        qs = model.objects.filter(visibility_q(user)).order_by()
        if agency_id:
            qs = qs.filter(agency_id=agency_id)
        if year:
            qs = qs.filter(year=year)
        if states:
            qs = qs.filter(state__in=states)
        # Plans carry their version number, the other kinds a constant 1, so every part has the same columns.
        sequence = F("sequence") if model is TaskPlan else Value(1, output_field=IntegerField())
        parts.append(
            qs.annotate(
                kind=Value(slug, output_field=CharField()),
                kind_label=Value(str(model._meta.verbose_name), output_field=CharField()),
                version_no=sequence,
            ).values(
                "pk",
                "agency_id",
                "agency__name",
                *district,
                "year",
                "state",
                "submitted_at",
                "updated_at",
                "kind",
                "kind_label",
                "version_no",
            )
        )
    if not parts:
        return SocialSpaceAnalysis.objects.none().values("pk")
    first, *rest = parts
    return first.union(*rest, all=True).order_by("-submitted_at", "-updated_at", "kind", "pk")


def current_analysis(agency, year: int) -> SocialSpaceAnalysis | None:
    """The newest analysis of `agency` that covers funding year `year` (valid two years)."""
    return SocialSpaceAnalysis.objects.filter(agency=agency, year__in=[year, year - 1]).order_by("-year", "-pk").first()


def needs_for_plan(plan: TaskPlan) -> QuerySet[Need]:
    analysis = current_analysis(plan.agency, plan.year)
    if analysis is None:
        return Need.objects.none()
    return Need.objects.filter(analysis=analysis).select_related("field_of_action").order_by("position", "pk")


def effective_plan(agency, year: int) -> TaskPlan | None:
    """The plan that counts for the year: the newest version the coordination approved (or forwarded)."""
    return (
        TaskPlan.objects.filter(agency=agency, year=year, state__in=[State.APPROVED, State.FORWARDED])
        .order_by("-sequence")
        .first()
    )


def latest_plan(agency, year: int) -> TaskPlan | None:
    return TaskPlan.objects.filter(agency=agency, year=year).order_by("-sequence").first()


def report_for(agency, year: int) -> ActivityReport | None:
    return ActivityReport.objects.filter(agency=agency, year=year).first()


def tasks_with_details(plan: TaskPlan):
    return (
        Task.objects.filter(plan=plan)
        .select_related("field_of_action")
        .prefetch_related(
            "needs",
            "partner_organisations",
            Prefetch("sub_goals", queryset=SubGoal.objects.order_by("position", "pk")),
            Prefetch("measures", queryset=Measure.objects.select_related("responsible").order_by("position", "pk")),
        )
        .order_by("position", "pk")
    )
