"""Dashboard panels of the money domain: what providers still have to do, what the district coordination watches."""

from django.db.models import Count, DecimalField, F, Sum, Value
from django.utils import timezone

from agencies.access import scope_for
from agencies.models import Agency
from agencies.selectors import coordinated_districts
from core.panels import Panel
from core.workflow import State
from finance.models import CostPlan, JointApplication, SpendingForecast
from finance.selectors.balances import balance_sheets
from funding.models import FundingPhase

OPEN_STATES = (State.DRAFT, State.RETURNED)


def _current_phase() -> FundingPhase | None:
    today = timezone.localdate()
    return FundingPhase.objects.filter(starts_on__lte=today, ends_on__gte=today).first()


def provider_panel(request) -> Panel | None:
    """Provider managers: cost plans still to file or to fix, and the balance of their agencies."""
    scope = scope_for(request.user)
    if not scope.provider_ids:
        return None
    phase = _current_phase()
    if phase is None:
        return None
    agencies = list(
        Agency.objects.filter(provider_id__in=scope.provider_ids)
        .active_on(phase.starts_on)
        .select_related("provider")
        .only("name", "provider__district")
        .order_by("name")
    )
    plans = {
        (plan.agency_id, plan.funding_year.year): plan
        for plan in CostPlan.objects.filter(agency__in=agencies, funding_year__phase=phase)
        .select_related("funding_year")
        .only("agency", "state", "funding_year__year")
    }
    todo = []
    for agency in agencies:
        for year in phase.years:
            plan = plans.get((agency.pk, year))
            if plan is None or plan.state in OPEN_STATES:
                todo.append({"agency": agency, "year": year, "plan": plan})
    district_ids = sorted({agency.provider.district_id for agency in agencies})
    by_district = balance_sheets(district_ids=district_ids, phase=phase, provider_ids=scope.provider_ids)
    sheets = [by_district[district_id] for district_id in district_ids]
    return Panel(
        "finance/panels/provider.html",
        {"phase": phase, "todo": todo[:20], "todo_count": len(todo), "sheets": sheets},
        order=30,
        wide=True,
    )


def coordinator_panel(request) -> Panel | None:
    """Coordination: the joint application's state, the district's balance and the shortfalls reported."""
    scope = scope_for(request.user)
    if not scope.district_ids:
        return None
    phase = _current_phase()
    if phase is None:
        return None
    district_ids = list(scope.district_ids)
    applications = {
        a.district_id: a
        for a in JointApplication.objects.filter(district_id__in=district_ids, phase=phase).only("district", "state")
    }
    # Per district the shortfalls reported (agencies, sums) and the cost plans waiting for review: one UNION ALL of
    # both grouped counts, the plans' rows without sums.
    shortfall_rows = (
        SpendingForecast.objects.filter(
            agency__provider__district_id__in=district_ids,
            funding_year__phase=phase,
            available__lt=F("spent_to_date") + F("expected_until_year_end"),
        )
        .values_list("agency__provider__district_id")
        .annotate(
            kind=Value("shortfall"),
            count=Count("pk"),
            available=Sum("available"),
            expected=Sum(F("spent_to_date") + F("expected_until_year_end")),
        )
        .values_list("kind", "agency__provider__district_id", "count", "available", "expected")
        .order_by()
    )
    review_rows = (
        CostPlan.objects.filter(agency__provider__district_id__in=district_ids, state=State.SUBMITTED)
        .values_list("agency__provider__district_id")
        .annotate(
            kind=Value("to_review"),
            count=Count("pk"),
            available=Value(None, output_field=DecimalField()),
            expected=Value(None, output_field=DecimalField()),
        )
        .values_list("kind", "agency__provider__district_id", "count", "available", "expected")
        .order_by()
    )
    shortfalls, to_review = {}, {}
    for kind, district_id, count, available, expected in shortfall_rows.union(review_rows, all=True):
        if kind == "shortfall":
            shortfalls[district_id] = {"count": count, "available": available, "expected": expected}
        else:
            to_review[district_id] = count
    sheets = balance_sheets(district_ids=district_ids, phase=phase)
    districts = []
    for district in coordinated_districts(request.user):
        shortfall = shortfalls.get(district.pk, {})
        districts.append(
            {
                "district": district,
                "application": applications.get(district.pk),
                "to_review": to_review.get(district.pk, 0),
                "sheet": sheets[district.pk],
                "shortfall_count": shortfall.get("count") or 0,
                "shortfall": (shortfall.get("expected") or 0) - (shortfall.get("available") or 0),
            }
        )
    return Panel("finance/panels/coordinator.html", {"phase": phase, "districts": districts}, order=30, wide=True)
