"""The working groups' panels on the dashboard: the owners' warnings and the members' meetings and action items."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Member, MemberKind, ProposalStatus
from meetings.rules import forget_member_groups, member_ids
from meetings.selectors import open_action_items_for, upcoming_meetings_for
from tests.meetings.factories import (
    AgendaItemFactory,
    AgendaProposalFactory,
    MeetingFactory,
    WorkingGroupFactory,
    action_item,
    published_protocol,
)

pytestmark = pytest.mark.django_db


def test_owner_panel_counts_the_open_proposals_of_all_own_groups_only(client, world, coordinator):
    first = WorkingGroupFactory(owner_district=world.district)
    second = WorkingGroupFactory(owner_district=world.district)
    WorkingGroupFactory(owner_district=world.district)  # none proposed
    AgendaProposalFactory.create_batch(2, group=first)
    AgendaProposalFactory(group=second)
    AgendaProposalFactory(group=second, status=ProposalStatus.ACCEPTED)
    AgendaProposalFactory(group=WorkingGroupFactory(owner_district=world.other_district))

    client.force_login(coordinator)
    content = client.get(reverse("reporting:dashboard")).content.decode()

    assert "3 offene Vorschläge für Tagesordnungen" in content


def test_owner_panel_without_open_proposals_has_no_proposal_line(client, world, coordinator):
    AgendaProposalFactory(group=WorkingGroupFactory(owner_district=world.district), status=ProposalStatus.ACCEPTED)

    client.force_login(coordinator)
    content = client.get(reverse("reporting:dashboard")).content.decode()

    assert "Vorschläge für Tagesordnungen" not in content
    assert "Vorschlag für Tagesordnungen" not in content


# --- the members' panel: its selectors read the memberships loaded once per request --------------------------


def test_next_meetings_are_the_published_upcoming_ones_of_the_member_groups(circle, specialist, foreign_group):
    today = timezone.localdate()
    MeetingFactory(group=circle.group, published_at=None)
    MeetingFactory(group=circle.group, cancelled_at=timezone.now())
    MeetingFactory(group=circle.group, date=today - timedelta(days=3))

    assert list(upcoming_meetings_for(specialist, today)) == [circle.meeting]


def test_a_member_who_also_owns_the_group_sees_its_unpublished_meetings_too(world, circle, coordinator):
    draft = MeetingFactory(group=circle.group, published_at=None, date=timezone.localdate() + timedelta(days=40))
    assert list(upcoming_meetings_for(coordinator)) == []  # owner, but no member

    Member.objects.create(group=circle.group, user=coordinator, kind=MemberKind.STAFF, agency=world.agency)
    forget_member_groups(coordinator)

    assert list(upcoming_meetings_for(coordinator)) == [circle.meeting, draft]


def test_action_items_found_by_member_ids_are_those_found_by_joining_the_members(world, circle, specialist):
    past = MeetingFactory(group=circle.group, date=timezone.localdate() - timedelta(days=5))
    published_protocol(past)
    item = AgendaItemFactory(meeting=past)
    action_item(item, circle.member)
    action_item(item, circle.guest)  # someone else's
    left = WorkingGroupFactory(owner_district=world.district)
    former = Member.objects.create(
        group=left, user=specialist, kind=MemberKind.STAFF, agency=world.agency, active=False
    )
    earlier = MeetingFactory(group=left, date=timezone.localdate() - timedelta(days=60))
    published_protocol(earlier)
    action_item(AgendaItemFactory(meeting=earlier), former)

    joined = list(open_action_items_for(specialist))

    assert len(joined) == 2
    assert list(open_action_items_for(specialist, responsible_ids=member_ids(specialist))) == joined
