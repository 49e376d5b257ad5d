"""The pages the benchmark measures, each with the user who opens it and the bare view that is our floor.

A bare view renders the same rows through a minimal template without middleware, permissions or layout: what a
page costs at least. Each app adds its pages here as they grow.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency, DistrictAssociation, Membership, Role, StaffChange
from agencies.selectors import with_figures
from benchmarks.dashboard_floors import coordinator_dashboard, provider_dashboard, specialist_dashboard
from core.workflow import Revision, State
from funding.models import Obligation
from planning.models import ActivityReport, SocialSpaceAnalysis, TaskPlan
from reporting.models import Answer, Survey, SurveyState

ROWS = Template(
    "<table>{% for row in rows %}<tr><td>{{ row.name }}</td><td>{{ row.provider.name }}</td>"
    "<td>{{ row.municipality.name }}</td><td>{{ row.staffed_fte }}</td><td>{{ row.head_count }}</td></tr>"
    "{% endfor %}</table>"
)


@dataclass(frozen=True)
class Page:
    name: str
    role: str  # which kind of user opens it
    url: Callable[[dict], str]
    bare: Callable[[dict], str] | None = None


DOCUMENT_ROWS = Template(
    "<table>{% for row in rows %}<tr><td>{{ row.kind }}</td><td>{{ row.agency__name }}</td><td>{{ row.year }}</td>"
    "<td>{{ row.state }}</td><td>{{ row.submitted_at|date:'d.m.Y' }}</td></tr>{% endfor %}</table>"
)
MATRIX = Template(
    "<table>{% for o in rows %}<tr><td>{{ o.agency.name }}</td><td>{{ o.document_kind }}</td>"
    "<td>{{ o.district_due|date:'d.m.Y' }}</td><td>{{ o.state }}</td></tr>{% endfor %}</table>"
)
SECTIONS = Template(
    "{% for s in sections %}<h2>{{ s.title }}</h2>{% for label, value in s.content.items %}<h3>{{ label }}</h3>"
    "{% if value.items %}{{ value }}{% elif value|length and value.0.items %}<table>{% for row in value %}<tr>"
    "{% for k, v in row.items %}<td>{{ v }}</td>{% endfor %}</tr>{% endfor %}</table>{% else %}<p>{{ value }}</p>"
    "{% endif %}{% endfor %}{% endfor %}"
)
COUNTS = Template("<table>{% for row in rows %}<tr><td>{{ row.0 }}</td><td>{{ row.1 }}</td></tr>{% endfor %}</table>")


def context() -> dict:
    """Picks the objects the pages are opened for: the first district, its first agency (the one with the long
    documents), that agency's latest forwarded Sachbericht and the latest closed survey."""
    district = (
        DistrictAssociation.objects.filter(name__startswith="Skala-").order_by("pk").first()
        or DistrictAssociation.objects.order_by("pk").first()
    )
    agency = Agency.objects.filter(provider__district=district).order_by("pk").first()
    users = {
        "coordinator": Membership.objects.filter(role=Role.COORDINATOR, district=district).order_by("pk").first().user,
        "specialist": Membership.objects.filter(role=Role.SPECIALIST, agency=agency).first().user,
        "provider_manager": Membership.objects.filter(role=Role.PROVIDER_MANAGER, provider=agency.provider)
        .first()
        .user,
        "state_level": Membership.objects.filter(role=Role.STATE_LEVEL).first().user,
        "authority": Membership.objects.filter(role=Role.FUNDING_AUTHORITY).first().user,
    }
    report = ActivityReport.objects.filter(agency=agency, state=State.FORWARDED).order_by("-year").first()
    survey = Survey.objects.filter(state=SurveyState.CLOSED).order_by("-opens_on").first()
    return {"district": district, "agency": agency, "users": users, "report": report, "survey": survey}


def _rows(queryset: QuerySet) -> str:
    return ROWS.render(Context({"rows": list(queryset)}))


def bare_agency_list(ctx) -> str:
    day = timezone.localdate()
    queryset = with_figures(
        Agency.objects.filter(provider__district=ctx["district"]).select_related("provider", "municipality"), day
    ).order_by("name")[:25]
    return _rows(queryset)


def bare_agency_detail(ctx) -> str:
    day = timezone.localdate()
    return _rows(
        with_figures(Agency.objects.filter(pk=ctx["agency"].pk).select_related("provider", "municipality"), day)
    )


def bare_district_overview(ctx) -> str:
    day = timezone.localdate()
    return _rows(
        with_figures(
            Agency.objects.filter(provider__district=ctx["district"]).select_related("provider", "municipality"), day
        ).order_by("provider__name", "name")
    )


def bare_inbox(ctx) -> str:
    parts = [
        model.objects.filter(agency__provider__district=ctx["district"], state__in=[State.SUBMITTED, State.APPROVED])
        .order_by()
        .values("pk", "agency__name", "year", "state", "submitted_at", "updated_at")
        for model in (SocialSpaceAnalysis, TaskPlan, ActivityReport)
    ]
    rows = parts[0].union(*parts[1:], all=True).order_by("-submitted_at", "-updated_at", "pk")[:25]
    return DOCUMENT_ROWS.render(Context({"rows": list(rows)}))


def bare_matrix(ctx) -> str:
    rows = Obligation.objects.filter(district=ctx["district"], year=timezone.localdate().year).select_related("agency")
    return MATRIX.render(Context({"rows": list(rows.order_by("agency__name", "district_due"))}))


def bare_document(ctx) -> str:
    report = ctx["report"]
    revision = Revision.objects.filter(object_id=report.pk, content_type__model="activityreport").order_by("-number")
    return SECTIONS.render(Context({"sections": revision.first().content["sections"]}))


def bare_survey_report(ctx) -> str:
    through = Answer.options.through
    rows = (
        through.objects.filter(answer__response__survey=ctx["survey"], answer__response__state="submitted")
        .values_list("option__label")
        .annotate(n=Count("pk"))
        .order_by("option__label")
    )
    return COUNTS.render(Context({"rows": list(rows)}))


def bare_staff_overview(ctx) -> str:
    rows = StaffChange.objects.filter(agency__provider__district=ctx["district"]).select_related("agency")
    return COUNTS.render(Context({"rows": [(c.agency.name, c.state) for c in rows.order_by("effective_on")[:50]]}))


def bare_network_totals(ctx) -> str:
    """The state level's network panel: agencies and funded fte, one sum each."""
    from agencies.models import Position

    day = timezone.localdate()
    agencies = Agency.objects.active_on(day)
    funded = Position.objects.active_on(day).filter(agency__in=agencies).aggregate(fte=Sum("fte"))["fte"]
    return COUNTS.render(Context({"rows": [("agencies", agencies.count()), ("fte", funded)]}))


def bare_forwarded_changes(ctx) -> str:
    """The funding authority's panel: forwarded changes without a decision, nearest date first."""
    rows = StaffChange.objects.filter(state=State.FORWARDED, decision__isnull=True).select_related("agency")
    first = rows.order_by("effective_on")[:10]
    return COUNTS.render(Context({"rows": [(change.agency.name, change.effective_on) for change in first]}))


def bare_network_figures(ctx) -> str:
    """Netzwerk in Zahlen: per district its agencies and funded fte."""
    from agencies.models import Position

    day = timezone.localdate()
    agencies = dict(
        Agency.objects.active_on(day).order_by().values_list("provider__district__name").annotate(n=Count("pk"))
    )
    fte = dict(
        Position.objects.active_on(day)
        .order_by()
        .values_list("agency__provider__district__name")
        .annotate(total=Sum("fte"))
    )
    return CELLS_BY_NAME.render(Context({"rows": [(name, n, fte.get(name)) for name, n in sorted(agencies.items())]}))


CELLS_BY_NAME = Template(
    "<table>{% for name, n, fte in rows %}<tr><td>{{ name }}</td><td>{{ n }}</td><td>{{ fte }}</td></tr>"
    "{% endfor %}</table>"
)


def _document_url(ctx) -> str:
    return reverse("planning:detail", args=["sachbericht", ctx["report"].pk])


PAGES: list[Page] = [
    Page("Agenturliste (Koordination)", "coordinator", lambda c: reverse("agencies:list"), bare_agency_list),
    Page(
        "Agentur-Detail",
        "specialist",
        lambda c: reverse("agencies:detail", args=[c["agency"].pk]),
        bare_agency_detail,
    ),
    Page(
        "Bezirksübersicht",
        "coordinator",
        lambda c: reverse("agencies:district", args=[c["district"].pk]),
        bare_district_overview,
    ),
    Page(
        "Personalübersicht Bezirk",
        "coordinator",
        lambda c: reverse("agencies:staff_overview", args=[c["district"].pk]),
        bare_staff_overview,
    ),
    Page("Eingang Koordination", "coordinator", lambda c: reverse("planning:inbox"), bare_inbox),
    Page("Fristenmatrix Koordination", "coordinator", lambda c: reverse("funding:matrix"), bare_matrix),
    Page("Sachbericht (Dokumentseite)", "coordinator", _document_url, bare_document),
    Page(
        "Umfragebericht",
        "state_level",
        lambda c: reverse("reporting:report", args=[c["survey"].pk]),
        bare_survey_report,
    ),
    Page("Dashboard Fachkraft", "specialist", lambda c: reverse("reporting:dashboard"), specialist_dashboard),
    Page("Dashboard Träger", "provider_manager", lambda c: reverse("reporting:dashboard"), provider_dashboard),
    Page("Dashboard Koordination", "coordinator", lambda c: reverse("reporting:dashboard"), coordinator_dashboard),
    Page("Dashboard Landesebene", "state_level", lambda c: reverse("reporting:dashboard"), bare_network_totals),
    Page(
        "Dashboard Bewilligungsbehörde", "authority", lambda c: reverse("reporting:dashboard"), bare_forwarded_changes
    ),
    Page("Netzwerk in Zahlen", "state_level", lambda c: reverse("agencies:network"), bare_network_figures),
]


# Online-Controlling, money and working groups ----------------------------------------------------------------------
# Kept as plain functions and appended entries, so they merge with changes to how bare views are served.

CELLS = Template(
    "<table>{% for row in rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>{% endfor %}</table>"
)


def bare_controlling_dashboard(ctx) -> str:
    """The dashboard's default figure (the first by position): per year its agencies and sum, counted reports only."""
    from reporting.models import KeyFigure, KeyFigureValue
    from reporting.services.controlling_stats import COUNTED_STATES

    first = KeyFigure.objects.filter(template__published_at__isnull=False).order_by("position", "pk").values("code")
    rows = (
        KeyFigureValue.objects.filter(
            report__state__in=COUNTED_STATES,
            figure__code__in=first[:1],
            field_of_action__isnull=True,
            value__isnull=False,
        )
        .values_list("report__year")
        .annotate(n=Count("pk"), total=Sum("value"))
        .order_by("-report__year")
    )
    return CELLS.render(Context({"rows": list(rows)}))


def _balances_url(ctx) -> str:
    return f"{reverse('finance:balances')}?bezirk={ctx['district'].pk}"


def bare_balances(ctx) -> str:
    """The district's granted amounts per agency and year of the current phase."""
    from finance.models import GrantedAmount

    today = timezone.localdate()
    rows = (
        GrantedAmount.objects.filter(
            agency__provider__district=ctx["district"],
            decision__joint_application__phase__starts_on__lte=today,
            decision__joint_application__phase__ends_on__gte=today,
        )
        .values_list("agency__provider__name", "agency__name", "funding_year__year")
        .annotate(total=Sum("amount"))
        .order_by("agency__provider__name", "agency__name", "funding_year__year")
    )
    return CELLS.render(Context({"rows": list(rows)}))


def _working_group_url(ctx) -> str:
    from meetings.models import GroupKind, WorkingGroup

    group = WorkingGroup.objects.filter(owner_district=ctx["district"], kind=GroupKind.SPECIALIST_GROUP).first()
    return reverse("meetings:group", args=[group.pk])


def bare_working_group(ctx) -> str:
    """The Facharbeitskreis' meetings, newest first, with the presenting agency (the group page shows 6 + 8)."""
    from meetings.models import GroupKind, Meeting

    rows = (
        Meeting.objects.filter(group__owner_district=ctx["district"], group__kind=GroupKind.SPECIALIST_GROUP)
        .select_related("presenting_agency")
        .order_by("-date")[:14]
    )
    return CELLS.render(
        Context({"rows": [(m.title, m.date, m.presenting_agency.name if m.presenting_agency else "") for m in rows]})
    )


PAGES += [
    Page(
        "Wirkungsdialog Landesebene",
        "state_level",
        lambda c: reverse("reporting:controlling_dashboard"),
        bare_controlling_dashboard,
    ),
    Page(
        "Wirkungsdialog Koordination",
        "coordinator",
        lambda c: reverse("reporting:controlling_dashboard"),
        bare_controlling_dashboard,
    ),
    Page("Mittelübersicht Bezirk (Mittel-Controlling)", "coordinator", _balances_url, bare_balances),
    Page("Facharbeitskreis (Arbeitskreisseite)", "coordinator", _working_group_url, bare_working_group),
]
