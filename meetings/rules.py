"""Who may do what with working groups. The owner (coordinators of the owning district association, or the state
level for groups without one) manages; members see their groups' published meetings; everyone else sees nothing."""

import rules

from agencies.access import scope_for

_MEMBER_CACHE = "_meetings_memberships"


def _memberships(user) -> tuple[frozenset[int], frozenset[int]]:
    """The groups of the user's active memberships and the ids of all their member rows (active or not), from one
    query, loaded once per request like the scope."""
    cached = getattr(user, _MEMBER_CACHE, None)
    if cached is None:
        from meetings.models import Member

        # unordered: the default ordering would join the groups to sort by name, for sets
        rows = list(Member.objects.filter(user=user).order_by().values_list("pk", "group_id", "active"))
        cached = (frozenset(group_id for _, group_id, active in rows if active), frozenset(pk for pk, _, _ in rows))
        setattr(user, _MEMBER_CACHE, cached)
    return cached


def member_group_ids(user) -> frozenset[int]:
    """The groups `user` is an active member of; loaded once per request, like the scope."""
    if user is None or not user.is_authenticated:
        return frozenset()
    return _memberships(user)[0]


def member_ids(user) -> frozenset[int]:
    """The user's member rows in every group, active or not: whom action items name as responsible."""
    if user is None or not user.is_authenticated:
        return frozenset()
    return _memberships(user)[1]


def forget_member_groups(user) -> None:
    if hasattr(user, _MEMBER_CACHE):
        delattr(user, _MEMBER_CACHE)


def manages_group(user, group) -> bool:
    scope = scope_for(user)
    if group is None or not scope.has_any_role:
        return False
    if scope.is_administrator:
        return True
    if group.owner_district_id is None:
        return scope.is_state_level
    return group.owner_district_id in scope.district_ids


def may_create_groups(user) -> bool:
    scope = scope_for(user)
    return scope.is_administrator or scope.is_state_level or bool(scope.district_ids)


@rules.predicate
def can_manage_group(user, group) -> bool:
    return manages_group(user, group)


@rules.predicate
def is_group_member(user, group) -> bool:
    return group is not None and group.pk in member_group_ids(user)


@rules.predicate
def can_manage_meeting(user, meeting) -> bool:
    return meeting is not None and manages_group(user, meeting.group)


@rules.predicate
def can_view_meeting(user, meeting) -> bool:
    if meeting is None:
        return False
    if manages_group(user, meeting.group):
        return True
    return meeting.is_published and meeting.group_id in member_group_ids(user)


@rules.predicate
def can_respond_to_meeting(user, meeting) -> bool:
    return (
        meeting is not None
        and meeting.is_published
        and not meeting.is_cancelled
        and meeting.group_id in member_group_ids(user)
    )


@rules.predicate
def can_view_protocol(user, protocol) -> bool:
    if protocol is None:
        return False
    if manages_group(user, protocol.meeting.group):
        return True
    return protocol.is_published and protocol.meeting.group_id in member_group_ids(user)


@rules.predicate
def can_complete_action_item(user, item) -> bool:
    if item is None:
        return False
    group = item.agenda_item.meeting.group
    return manages_group(user, group) or (item.responsible.user_id is not None and item.responsible.user_id == user.pk)


@rules.predicate
def can_create_groups(user) -> bool:
    return may_create_groups(user)


rules.add_perm("meetings.create_group", can_create_groups)
rules.add_perm("meetings.view_group", can_manage_group | is_group_member)
rules.add_perm("meetings.manage_group", can_manage_group)
rules.add_perm("meetings.propose_item", is_group_member)
rules.add_perm("meetings.view_meeting", can_view_meeting)
rules.add_perm("meetings.manage_meeting", can_manage_meeting)
rules.add_perm("meetings.respond", can_respond_to_meeting)
rules.add_perm("meetings.view_protocol", can_view_protocol)
rules.add_perm("meetings.complete_action_item", can_complete_action_item)
