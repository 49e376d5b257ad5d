"""Dashboard panels for staff changes: the provider's open changes and missing contact data; the coordination's
changes awaiting a check and undecided approvals near or after their date; the authority's pending decisions."""

from django.utils import timezone

from agencies.access import scope_for
from agencies.staff_changes.selectors import (
    awaiting_check,
    for_short_list,
    new_staff_missing_contact,
    staff_changes_visible_to,
    undecided_near,
)
from core.panels import Panel
from core.workflow import State

LIMIT = 10


def provider_changes_panel(request) -> Panel | None:
    scope = scope_for(request.user)
    if not scope.provider_ids:
        return None
    changes = staff_changes_visible_to(request.user).filter(agency__provider_id__in=scope.provider_ids).open()
    return Panel(
        "agencies/panels/staff_changes_provider.html",
        {
            "changes": for_short_list(changes).order_by("effective_on", "pk")[:LIMIT],
            "missing_contact": new_staff_missing_contact(request.user)[:LIMIT],
            "today": timezone.localdate(),
        },
        order=15,
    )


def coordinator_changes_panel(request) -> Panel | None:
    scope = scope_for(request.user)
    if not scope.district_ids:
        return None
    today = timezone.localdate()
    changes = staff_changes_visible_to(request.user).filter(agency__provider__district_id__in=scope.district_ids)
    return Panel(
        "agencies/panels/staff_changes_coordinator.html",
        {
            "awaiting": for_short_list(awaiting_check(changes)).order_by("effective_on", "pk")[:LIMIT],
            "undecided": for_short_list(undecided_near(changes, today)).order_by("effective_on", "pk")[:LIMIT],
            "district_ids": sorted(scope.district_ids),
            "today": today,
        },
        order=15,
    )


def authority_changes_panel(request) -> Panel | None:
    scope = scope_for(request.user)
    if not scope.funding_authority_ids:
        return None
    changes = staff_changes_visible_to(request.user).filter(state=State.FORWARDED).undecided()
    return Panel(
        "agencies/panels/staff_changes_authority.html",
        {"changes": for_short_list(changes).order_by("effective_on", "pk")[:LIMIT], "today": timezone.localdate()},
        order=15,
    )
