"""Floors for the role dashboards: the same figures and lists the dashboard's panels show, each read with a plain
query and rendered through one minimal template. No selectors, rules, traffic lights or panel templates: what the
landing page costs at least for the data it shows."""

from datetime import timedelta

from django.db.models import Count, F, Q, Sum
from django.template import Context, Template
from django.utils import timezone

from agencies.models import Agency, Assignment, Position, StaffChange
from core.workflow import State
from finance.models import CostPlan, FundsCallLine, FundsTransfer, GrantedAmount, JointApplication, SpendingForecast
from funding.models import FundingPhase, Obligation, ObligationState
from meetings.models import ActionItem, Meeting, WorkingGroup
from planning.models import ActivityReport, SocialSpaceAnalysis, TaskPlan
from reporting.models import ControllingReport, Survey, SurveyState

PARTS = Template(
    "{% for title, rows in parts %}<h2>{{ title }}</h2><table>{% for row in rows %}<tr>{% for cell in row %}"
    "<td>{{ cell }}</td>{% endfor %}</tr>{% endfor %}</table>{% endfor %}"
)
OWED = Q(cancelled_on__isnull=True) & ~Q(state__in=[ObligationState.APPROVED, ObligationState.FORWARDED])
WAITING = [State.SUBMITTED, State.APPROVED]


def _render(parts: list[tuple[str, list]]) -> str:
    return PARTS.render(Context({"parts": parts}))


def figures_of(agencies) -> list[tuple]:
    """Agencies, funded fte, staffed fte and heads on today's date for a set of agencies."""
    day = timezone.localdate()
    funded = Position.objects.active_on(day).filter(agency__in=agencies).aggregate(fte=Sum("fte"))["fte"]
    staffed = (
        Assignment.objects.filter(position__agency__in=agencies, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .aggregate(fte=Sum("fte"), heads=Count("staff_member", distinct=True))
    )
    return [(agencies.count(), funded, staffed["fte"], staffed["heads"])]


def _documents(agency_filter: dict, states=None, limit: int = 15) -> list:
    parts = []
    for model in (SocialSpaceAnalysis, TaskPlan, ActivityReport):
        rows = model.objects.filter(**agency_filter)
        if states:
            rows = rows.filter(state__in=states)
        parts.append(rows.order_by().values_list("agency__name", "year", "state", "updated_at"))
    return list(parts[0].union(*parts[1:], all=True).order_by("-updated_at")[:limit])


def _meetings(user) -> list[tuple[str, list]]:
    today = timezone.localdate()
    groups = WorkingGroup.objects.filter(members__user=user, members__active=True)
    meetings = (
        Meeting.objects.filter(group__in=groups, published_at__isnull=False, cancelled_at__isnull=True)
        .filter(date__gte=today)
        .order_by("date")
        .values_list("group__name", "date")[:5]
    )
    items = ActionItem.objects.filter(responsible__user=user, done_at__isnull=True).values_list("due_date")[:10]
    return [("Sitzungen", list(meetings)), ("Aufgaben", list(items))]


def _phase():
    today = timezone.localdate()
    return FundingPhase.objects.filter(starts_on__lte=today, ends_on__gte=today).first()


def _money(agencies, phase) -> list[tuple]:
    def total(model, **filters):
        return model.objects.filter(agency__in=agencies, **filters).aggregate(total=Sum("amount"))["total"]

    return [
        (
            total(GrantedAmount, decision__joint_application__phase=phase),
            total(FundsCallLine, funds_call__funding_year__phase=phase),
            total(FundsTransfer, funding_year__phase=phase),
        )
    ]


def specialist_dashboard(ctx) -> str:
    agency, user = ctx["agency"], ctx["users"]["specialist"]
    today = timezone.localdate()
    agencies = Agency.objects.filter(pk=agency.pk)
    return _render(
        [
            ("Agentur", figures_of(agencies)),
            (
                "Fristen",
                list(
                    Obligation.objects.filter(OWED, agency=agency, district_due__lte=today + timedelta(days=366))
                    .order_by("district_due")
                    .values_list("document_kind", "year", "district_due")[:8]
                ),
            ),
            ("Dokumente", _documents({"agency": agency})),
            (
                "Umfragen",
                list(
                    Survey.objects.filter(state=SurveyState.OPEN, targets__agency=agency)
                    .order_by("closes_on")
                    .values_list("title", "closes_on")[:10]
                ),
            ),
            (
                "Controlling",
                list(
                    ControllingReport.objects.filter(agency=agency, state__in=[State.DRAFT, State.RETURNED])
                    .order_by("-year")
                    .values_list("year", "state")[:10]
                ),
            ),
            *_meetings(user),
        ]
    )


def provider_dashboard(ctx) -> str:
    provider, user = ctx["agency"].provider, ctx["users"]["provider_manager"]
    today = timezone.localdate()
    agencies = Agency.objects.filter(provider=provider)
    phase = _phase()
    return _render(
        [
            ("Agenturen", list(agencies.order_by("name").values_list("name", "municipality__name"))),
            ("Stellen", figures_of(agencies)),
            (
                "Fristen",
                list(
                    Obligation.objects.filter(OWED, agency__in=agencies, district_due__lte=today + timedelta(days=366))
                    .order_by("district_due")
                    .values_list("agency__name", "document_kind", "district_due")[:8]
                ),
            ),
            (
                "Kostenpläne",
                list(
                    CostPlan.objects.filter(agency__in=agencies, funding_year__phase=phase).values_list(
                        "agency__name", "funding_year__year", "state"
                    )
                ),
            ),
            ("Mittel", _money(agencies, phase)),
            (
                "Veränderungen",
                list(
                    StaffChange.objects.filter(agency__in=agencies)
                    .exclude(state=State.DRAFT)
                    .order_by("effective_on")
                    .values_list("agency__name", "kind", "effective_on")[:10]
                ),
            ),
            *_meetings(user),
        ]
    )


def coordinator_dashboard(ctx) -> str:
    district = ctx["district"]
    today = timezone.localdate()
    agencies = Agency.objects.filter(provider__district=district)
    obligations = Obligation.objects.filter(district=district, cancelled_on__isnull=True)
    phase = _phase()
    late = Q(submitted_on__isnull=True, district_due__lt=today)
    counts = obligations.aggregate(
        total=Count("pk", filter=Q(year=today.year)),
        late=Count("pk", filter=OWED & late),
    )
    forecasts = SpendingForecast.objects.filter(
        agency__in=agencies, funding_year__phase=phase, available__lt=F("spent_to_date") + F("expected_until_year_end")
    ).aggregate(count=Count("pk"), available=Sum("available"))
    changes = StaffChange.objects.filter(agency__in=agencies, state__in=WAITING).order_by("effective_on")
    return _render(
        [
            ("Bezirk", figures_of(agencies)),
            ("Fristen", [tuple(counts.values())]),
            (
                "Überfällig",
                list(obligations.filter(OWED & late).order_by("district_due").values_list("agency__name", "year")[:10]),
            ),
            ("Eingang", _documents({"agency__in": agencies}, states=WAITING, limit=25)),
            (
                "Gesamtantrag",
                list(JointApplication.objects.filter(district=district, phase=phase).values_list("state")),
            ),
            ("Kostenpläne", [(CostPlan.objects.filter(agency__in=agencies, state=State.SUBMITTED).count(),)]),
            ("Mittel", _money(agencies, phase)),
            ("Mehrbedarf", [tuple(forecasts.values())]),
            ("Veränderungen", list(changes.values_list("agency__name", "kind", "effective_on")[:10])),
            (
                "Umfragen",
                list(
                    Survey.objects.filter(state=SurveyState.OPEN)
                    .annotate(answers=Count("responses"))
                    .order_by("closes_on")
                    .values_list("title", "answers")[:10]
                ),
            ),
            (
                "Controlling",
                list(
                    ControllingReport.objects.filter(agency__in=agencies, state__in=WAITING)
                    .order_by("-year")
                    .values_list("agency__name", "year", "state")[:10]
                ),
            ),
            (
                "Arbeitskreise",
                list(
                    WorkingGroup.objects.filter(owner_district=district, is_active=True)
                    .annotate(next_year=Count("meetings", filter=Q(meetings__date__year=today.year + 1)))
                    .values_list("name", "next_year", "yearly_minimum")[:50]
                ),
            ),
        ]
    )
