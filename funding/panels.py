"""Dashboard panels of the deadline calendar."""

from django.db.models import Count, Q
from django.utils import timezone

from agencies.access import scope_for
from core.panels import Panel
from funding.lights import DUE_SOON_DAYS, annotate
from funding.models import Obligation
from funding.selectors import LIST_FIELDS, due_soon_q, fulfilled_q, overdue_q, upcoming_for_agencies


def agency_deadlines_panel(request) -> Panel | None:
    """Specialists and provider managers: the agency's next deadlines with days left and state."""
    scope = scope_for(request.user)
    if not (scope.agency_ids or scope.provider_ids):
        return None
    today = timezone.localdate()
    obligations = annotate(upcoming_for_agencies(request.user, today), today)
    return Panel(
        "funding/panels/agency_deadlines.html",
        {
            "obligations": obligations,
            "today": today,
            "show_agency": bool(scope.provider_ids) or len(scope.agency_ids) > 1,
        },
        order=5,
        wide=True,
    )


def district_deadlines_panel(request) -> Panel | None:
    """Coordinators: per district the year's counts per traffic light and the late items."""
    scope = scope_for(request.user)
    if not scope.district_ids:
        return None
    today = timezone.localdate()
    base = Obligation.objects.filter(district_id__in=scope.district_ids, cancelled_on__isnull=True)
    late_q = overdue_q(today)
    this_year = Q(year=today.year)
    counts = base.aggregate(
        total=Count("pk", filter=this_year),
        done=Count("pk", filter=this_year & fulfilled_q()),
        late=Count("pk", filter=this_year & late_q),
        soon=Count("pk", filter=this_year & due_soon_q(today, DUE_SOON_DAYS) & ~late_q),
        late_total=Count("pk", filter=late_q),
    )
    late = annotate(
        list(
            base.filter(late_q)
            .select_related("agency", "district")
            .only(*LIST_FIELDS, "agency__name", "district__name")
            .order_by("district_due", "agency__name")[:10]
        ),
        today,
    )
    late_total = counts.pop("late_total")
    return Panel(
        "funding/panels/district_deadlines.html",
        {"counts": counts, "late": late, "late_total": late_total, "today": today, "year": today.year},
        order=6,
        wide=True,
    )
