"""Dashboard panels of the meetings app: members see their next meetings and open action items; owners see what
needs their attention (thin annual plans, missing protocols, open proposals)."""

from datetime import timedelta

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.panels import Panel
from meetings.models import AnnualPlan, Meeting, Protocol
from meetings.rules import may_create_groups, member_group_ids, member_ids
from meetings.selectors import (
    groups_managed_by,
    open_action_items_for,
    open_proposals_of_group,
    upcoming_meetings_for,
)

PROTOCOL_GRACE_DAYS = 14


def my_meetings_panel(request) -> Panel | None:
    """Members: the next published meetings of their groups and their open action items."""
    user = request.user
    if not member_group_ids(user):
        return None
    today = timezone.localdate()
    # the lines show date, time and title (or the group's name), and for action items the meeting's group and date
    meetings = list(
        upcoming_meetings_for(user, today)
        .select_related("group")
        .only("date", "start_time", "title", "group__name")[:5]
    )
    action_items = list(
        open_action_items_for(user, responsible_ids=member_ids(user)).only(
            "description", "due_date", "done_at", "agenda_item__meeting__date", "agenda_item__meeting__group__name"
        )[:10]
    )
    return Panel(
        "meetings/panels/my_meetings.html",
        {"meetings": meetings, "action_items": action_items, "today": today},
        order=30,
    )


def owner_warnings_panel(request) -> Panel | None:
    """Owners: next year's plan below the yearly minimum or not yet published (from November on), past meetings
    without a published protocol, open agenda proposals."""
    if not may_create_groups(request.user):
        return None  # only those who may own groups manage any: no statements to build for the others
    groups = groups_managed_by(request.user).filter(is_active=True)
    today = timezone.localdate()
    next_year = today.year + 1
    # each group's open agenda proposals as a subquery, summed below: one statement less than counting them apart
    open_proposals = open_proposals_of_group()
    rows = list(
        groups.select_related(None)
        .only("name", "yearly_minimum")
        .annotate(
            next_year_count=Count(
                "meetings", filter=Q(meetings__date__year=next_year, meetings__cancelled_at__isnull=True)
            ),
            next_year_published=Exists(
                AnnualPlan.objects.filter(group=OuterRef("pk"), year=next_year, published_at__isnull=False)
            ),
            open_proposals=Coalesce(Subquery(open_proposals, output_field=IntegerField()), 0),
        )
        .order_by("name")[:50]
    )
    if not rows:
        return None
    warnings = []
    for group in rows:
        if group.next_year_count < group.yearly_minimum:
            warnings.append({"group": group, "kind": "below_minimum", "year": next_year})
        elif today.month >= 11 and not group.next_year_published:
            warnings.append({"group": group, "kind": "unpublished", "year": next_year})
    ids = [group.pk for group in rows]
    missing_protocols = list(
        Meeting.objects.filter(
            group_id__in=ids,
            cancelled_at__isnull=True,
            date__lt=today - timedelta(days=PROTOCOL_GRACE_DAYS),
            date__gte=today - timedelta(days=365),
        )
        .exclude(protocol__status=Protocol.Status.PUBLISHED)
        .select_related("group")
        .only("date", "group__name")
        .order_by("date")[:10]
    )
    open_proposals = sum(group.open_proposals for group in rows)
    return Panel(
        "meetings/panels/owner.html",
        {
            "warnings": warnings,
            "missing_protocols": missing_protocols,
            "open_proposals": open_proposals,
            "next_year": next_year,
        },
        order=25,
    )
