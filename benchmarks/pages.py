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
from benchmarks.dashboard_floors import coordinator_dashboard, figures_of, provider_dashboard, specialist_dashboard
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
    """The district's staff page: open changes per state, the changes to check and the undecided ones near their
    date, the positions not fully staffed today, and the history of positions and heads per month."""
    from datetime import timedelta

    from django.db.models import Q

    from agencies.models import Assignment, Position
    from agencies.staff_changes.history import history
    from agencies.staff_changes.selectors import history_days

    today = timezone.localdate()
    district = ctx["district"]
    changes = StaffChange.objects.filter(agency__provider__district=district)
    staffed = Assignment.objects.filter(position__agency__provider__district=district, valid_from__lte=today).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )
    per_position = dict(staffed.order_by().values_list("position_id").annotate(total=Sum("fte")))
    positions = list(
        Position.objects.active_on(today)
        .filter(agency__provider__district=district)
        .values_list("pk", "agency__name", "title", "fte")
    )
    rows = [
        *changes.exclude(state=State.DRAFT).order_by().values_list("state").annotate(n=Count("pk")),
        *changes.filter(state__in=[State.SUBMITTED, State.APPROVED])
        .order_by("effective_on")
        .values_list("agency__name", "kind", "effective_on")[:50],
        *changes.filter(decision__isnull=True, effective_on__lte=today + timedelta(days=14))
        .exclude(state=State.DRAFT)
        .order_by("effective_on")
        .values_list("agency__name", "kind", "effective_on")[:50],
        *[(name, title, fte) for pk, name, title, fte in positions if per_position.get(pk, 0) < fte],
        # The history is computed data, not rows of a table: the floor uses the page's own computation.
        *[
            (series.label, *series.funded, *series.staffed, *series.heads)
            for group in history(district, history_days(today)).values()
            for series in group
        ],
    ]
    return CELLS.render(Context({"rows": rows}))


def _network_figures(group: str | None) -> list:
    """Agencies, funded fte, staffed fte and heads on today's date, per `group` (an agency field path) or in all."""
    from django.db.models import Q

    from agencies.models import Assignment, Position

    day = timezone.localdate()
    agencies = Agency.objects.active_on(day)
    positions = Position.objects.active_on(day).filter(agency__in=agencies)
    staffed = Assignment.objects.filter(position__agency__in=agencies, valid_from__lte=day).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )
    if group is None:
        return figures_of(agencies)
    return [
        *agencies.order_by().values_list(group).annotate(n=Count("pk")),
        *positions.order_by().values_list(f"agency__{group}").annotate(fte=Sum("fte")),
        *staffed.order_by()
        .values_list(f"position__agency__{group}")
        .annotate(fte=Sum("fte"), heads=Count("staff_member", distinct=True)),
    ]


def bare_network_totals(ctx) -> str:
    """The state level's landing page: the network's totals and the running surveys with their answer counts."""
    surveys = (
        Survey.objects.filter(state=SurveyState.OPEN)
        .annotate(answers=Count("responses"))
        .order_by("closes_on")
        .values_list("title", "answers")[:10]
    )
    return CELLS.render(Context({"rows": [*_network_figures(None), *surveys]}))


def bare_forwarded_changes(ctx) -> str:
    """The funding authority's panel: forwarded changes without a decision, nearest date first."""
    rows = StaffChange.objects.filter(state=State.FORWARDED, decision__isnull=True).select_related("agency")
    first = rows.order_by("effective_on")[:10]
    return COUNTS.render(Context({"rows": [(change.agency.name, change.effective_on) for change in first]}))


def bare_network_figures(ctx) -> str:
    """Netzwerk in Zahlen: per welfare association and per district association its agencies, funded and staffed
    fte and heads, and the state's totals."""
    from agencies.models import WelfareAssociation

    rows = [
        *WelfareAssociation.objects.order_by("short_name").values_list("pk", "short_name"),
        *DistrictAssociation.objects.order_by("name").values_list("pk", "name", "welfare_association_id"),
        *_network_figures("provider__district__welfare_association"),
        *_network_figures("provider__district"),
        *_network_figures(None),
    ]
    return CELLS.render(Context({"rows": rows}))


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
    """What "Mittel und Salden" shows the coordination for the current phase: per agency and year granted,
    reallocated, called, forwarded and spent, then the calls, contracts, transfers and reallocations."""
    from finance.models import (
        ForwardingContract,
        FundsCall,
        FundsCallLine,
        FundsTransfer,
        GrantedAmount,
        Reallocation,
        SpendingForecast,
    )
    from funding.models import FundingPhase

    today = timezone.localdate()
    phase = FundingPhase.objects.filter(starts_on__lte=today, ends_on__gte=today).first()
    district = ctx["district"]
    in_district = {"agency__provider__district": district}

    def sums(queryset, agency: str, year: str, value: str = "amount") -> list:
        return list(queryset.values_list(agency, year).annotate(total=Sum(value)).order_by(agency, year))

    reallocations = Reallocation.objects.filter(district=district, funding_year__phase=phase)
    parts = [
        sums(
            GrantedAmount.objects.filter(decision__joint_application__phase=phase, **in_district),
            "agency__name",
            "funding_year__year",
        ),
        sums(reallocations, "to_agency__name", "funding_year__year"),
        sums(reallocations, "from_agency__name", "funding_year__year"),
        sums(
            FundsCallLine.objects.filter(funds_call__funding_year__phase=phase, **in_district),
            "agency__name",
            "funds_call__funding_year__year",
        ),
        sums(
            FundsTransfer.objects.filter(funding_year__phase=phase, **in_district), "agency__name", "funding_year__year"
        ),
        sums(
            SpendingForecast.objects.filter(funding_year__phase=phase, **in_district),
            "agency__name",
            "funding_year__year",
            "spent_to_date",
        ),
        list(FundsCall.objects.filter(district=district, funding_year__phase=phase).values_list("called_on")[:20]),
        list(ForwardingContract.objects.filter(provider__district=district, phase=phase).values_list("provider__name")),
        list(
            FundsTransfer.objects.filter(contract__provider__district=district, contract__phase=phase).values_list(
                "agency__name", "amount"
            )[:30]
        ),
    ]
    return CELLS.render(Context({"rows": [row for part in parts for row in part]}))


def _working_group_url(ctx) -> str:
    from meetings.models import GroupKind, WorkingGroup

    group = WorkingGroup.objects.filter(owner_district=ctx["district"], kind=GroupKind.SPECIALIST_GROUP).first()
    return reverse("meetings:group", args=[group.pk])


def bare_working_group(ctx) -> str:
    """What the Facharbeitskreis' page shows its owner: the next 6 and last 8 meetings (with the presenting agency and
    whether a protocol is published), the annual plans of this and next year, open agenda proposals, the member count
    and who presented lately."""
    from django.db.models import Q

    from meetings.models import AgendaProposal, AnnualPlan, GroupKind, Meeting, Member, WorkingGroup

    today = timezone.localdate()
    group = WorkingGroup.objects.filter(owner_district=ctx["district"], kind=GroupKind.SPECIALIST_GROUP).first()
    meetings = Meeting.objects.filter(group=group)
    upcoming = meetings.filter(Q(date__gte=today) | Q(end_date__gte=today)).order_by("date", "start_time")
    past = (
        meetings.filter(date__lt=today)
        .annotate(protocols=Count("protocol", filter=Q(protocol__published_at__isnull=False)))
        .order_by("-date")
    )
    rows = [
        *upcoming.values_list("title", "date", "presenting_agency__name")[:6],
        *past.values_list("title", "date", "presenting_agency__name", "protocols")[:8],
        *AnnualPlan.objects.filter(group=group, year__in=[today.year, today.year + 1]).values_list(
            "year", "published_at"
        ),
        *AgendaProposal.objects.filter(group=group, status__in=["open", "deferred"]).values_list("title")[:20],
        (Member.objects.filter(group=group, active=True).count(),),
        *past.exclude(presenting_agency=None).values_list("presenting_agency__name", "date")[:10],
    ]
    return CELLS.render(Context({"rows": rows}))


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
