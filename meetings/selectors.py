"""Read queries of the meetings app. Every list and detail view starts from one of these querysets."""

from collections.abc import Iterable
from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from agencies.access import scope_for
from meetings.models import ActionItem, AgendaProposal, Meeting, Member, ProposalStatus, Protocol, WorkingGroup
from meetings.rules import member_group_ids


def _managed_q(user, prefix: str = "") -> Q:
    scope = scope_for(user)
    if scope.is_administrator:
        return Q()
    q = Q(pk__in=[])
    if scope.district_ids:
        q |= Q(**{f"{prefix}owner_district_id__in": scope.district_ids})
    if scope.is_state_level:
        q |= Q(**{f"{prefix}owner_district__isnull": True})
    return q


def _member_q(user, prefix: str = "") -> Q:
    if not user.is_authenticated:
        return Q(pk__in=[])
    return Q(**{f"{prefix}pk__in": Member.objects.filter(user=user, active=True).values("group_id")})


def groups_managed_by(user) -> QuerySet[WorkingGroup]:
    if not user.is_authenticated:
        return WorkingGroup.objects.none()
    return WorkingGroup.objects.filter(_managed_q(user)).select_related("owner_district")


def groups_visible_to(user) -> QuerySet[WorkingGroup]:
    if not user.is_authenticated:
        return WorkingGroup.objects.none()
    return WorkingGroup.objects.filter(_managed_q(user) | _member_q(user)).select_related("owner_district")


def open_proposals_of_group() -> QuerySet[AgendaProposal]:
    """The number of a group's open agenda proposals, as a subquery over the outer group (`OuterRef("pk")`)."""
    return (
        AgendaProposal.objects.filter(group=OuterRef("pk"), status=ProposalStatus.OPEN)
        .order_by()
        .values("group")
        .annotate(n=Count("pk"))
        .values("n")
    )


def group_list_for(user, today: date) -> QuerySet[WorkingGroup]:
    """The group list: each group with its member count, next meeting and open proposals in one query."""
    next_meeting = Meeting.objects.filter(
        group=OuterRef("pk"), date__gte=today, cancelled_at__isnull=True, published_at__isnull=False
    ).order_by("date", "start_time")
    open_proposals = open_proposals_of_group()
    members = Member.objects.filter(group=OuterRef("pk"), active=True).order_by().values("group")
    return (
        groups_visible_to(user)
        .annotate(
            member_count=Subquery(members.annotate(n=Count("pk")).values("n")),
            next_meeting_date=Subquery(next_meeting.values("date")[:1]),
            next_meeting_id=Subquery(next_meeting.values("pk")[:1]),
            open_proposals=Subquery(open_proposals),
            is_managed=Exists(WorkingGroup.objects.filter(_managed_q(user), pk=OuterRef("pk"))),
        )
        .order_by("-is_active", "name", "pk")
    )


def meetings_visible_to(user) -> QuerySet[Meeting]:
    """Managers see every meeting of their groups; members only published ones."""
    if not user.is_authenticated:
        return Meeting.objects.none()
    return Meeting.objects.filter(
        Q(group__in=WorkingGroup.objects.filter(_managed_q(user)))
        | (Q(group__in=WorkingGroup.objects.filter(_member_q(user))) & Q(published_at__isnull=False))
    ).select_related("group__owner_district", "presenting_agency")


def member_for(user, group) -> Member | None:
    if not user.is_authenticated:
        return None
    return Member.objects.filter(group=group, user=user, active=True).select_related("agency").first()


# What the group page shows of a meeting (`meetings/_meeting_when.html`, title, place, state) and of a member.
MEETING_FIELDS = ("date", "end_date", "start_time", "end_time", "title", "location", "published_at", "cancelled_at")
MEMBER_FIELDS = ("group_id", "kind", "user_id", "agency_id", "name", "email", "organisation", "active", "joined_at")


def meetings_of_group(group: WorkingGroup) -> list[Meeting]:
    """Every meeting of `group` (published or not, cancelled or not) in calendar order, with what the group page
    shows of it, the presenting agency's name and `protocol_status` (its protocol is published). A group meets a few
    times a year, so these are a few dozen rows: the group page derives its upcoming and past lists, who presented,
    the yearly counts and the rotation's inputs from this one read rather than from five statements."""
    meetings = list(
        Meeting.objects.filter(group=group)
        .select_related("presenting_agency")
        .only(*MEETING_FIELDS, "presenting_agency__name")
        .annotate(protocol_state=F("protocol__status"))
        .order_by("date", "start_time", "pk")
    )
    for meeting in meetings:
        meeting.protocol_status = meeting.protocol_state == Protocol.Status.PUBLISHED
    return meetings


def active_members_with_agencies(group: WorkingGroup) -> list[Member]:
    """The group's active members, unordered, each with its agency's name and opening dates: enough to count them,
    to find the viewer's own row and the agencies taking part in the rotation from one read."""
    return list(
        Member.objects.filter(group=group, active=True)
        .select_related("agency")
        .only(*MEMBER_FIELDS, "agency__name", "agency__active_since", "agency__closed_on")
        .order_by()  # the default ordering would join the group to sort by its name
    )


def active_members(group) -> QuerySet[Member]:
    return (
        Member.objects.filter(group=group, active=True)
        .select_related("user", "agency")
        .order_by("kind", "agency__name", "user__last_name", "name", "pk")
    )


def protocols_visible_to(user) -> QuerySet[Protocol]:
    return Protocol.objects.filter(
        Q(meeting__group__in=WorkingGroup.objects.filter(_managed_q(user)))
        | (Q(meeting__group__in=WorkingGroup.objects.filter(_member_q(user))) & Q(status=Protocol.Status.PUBLISHED))
    ).select_related("meeting__group")


def search_protocols(user, query: str) -> QuerySet[Protocol]:
    """Published protocols matching `query`: PostgreSQL full-text search (German stemming) where available,
    otherwise every word must occur somewhere in the text."""
    from django.db import connection

    protocols = protocols_visible_to(user).filter(status=Protocol.Status.PUBLISHED)
    query = query.strip()
    if not query:
        return protocols.order_by("-meeting__date")
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("search_text", config="german")
        search = SearchQuery(query, config="german", search_type="websearch")
        return (
            protocols.annotate(rank=SearchRank(vector, search)).filter(rank__gt=0).order_by("-rank", "-meeting__date")
        )
    for word in query.split():
        protocols = protocols.filter(search_text__icontains=word)
    return protocols.order_by("-meeting__date")


def open_action_items_for(user, *, responsible_ids: Iterable[int] | None = None) -> QuerySet[ActionItem]:
    """The open action items the user is responsible for (in any group they still belong to). `responsible_ids`, the
    user's member rows (`member_ids`) where the caller has them loaded anyway, spares the join with the members."""
    if not user.is_authenticated:
        return ActionItem.objects.none()
    responsible = Q(responsible__user=user) if responsible_ids is None else Q(responsible_id__in=responsible_ids)
    return (
        ActionItem.objects.filter(
            responsible,
            done_at__isnull=True,
            agenda_item__meeting__protocol__status=Protocol.Status.PUBLISHED,
        )
        .select_related("agenda_item__meeting__group")
        .order_by("due_date", "pk")
    )


def upcoming_meetings_for(user, today: date | None = None) -> QuerySet[Meeting]:
    """The next meetings of the groups `user` is an active member of, as far as `meetings_visible_to` shows them:
    published ones, and unpublished ones too in groups the user also manages. The member groups are passed as ids
    (`member_group_ids`, loaded once per request) and the visibility as plain conditions on the meeting: no nested
    subqueries, so the statement compiles in a fraction of the time."""
    today = today or timezone.localdate()
    if not user.is_authenticated:
        return Meeting.objects.none()
    # administrators see every meeting (`_managed_q` is then empty, and an empty Q would swallow the OR)
    admin = scope_for(user).is_administrator
    visible = Q() if admin else Q(published_at__isnull=False) | _managed_q(user, "group__")
    return (
        Meeting.objects.filter(visible, group_id__in=member_group_ids(user), cancelled_at__isnull=True)
        .filter(Q(date__gte=today) | Q(end_date__gte=today))
        .order_by("date", "start_time", "pk")
    )
