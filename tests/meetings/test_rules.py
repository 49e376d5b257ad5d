"""Per role: who may see and manage a working group, its meetings and protocols."""

from datetime import timedelta

import pytest
from django.utils import timezone

from meetings.models import WorkingGroup
from meetings.selectors import groups_visible_to, meetings_visible_to
from tests import factories
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, action_item, published_protocol

pytestmark = pytest.mark.django_db


def test_member_sees_the_group_but_may_not_manage_it(circle, specialist):
    assert specialist.has_perm("meetings.view_group", circle.group)
    assert specialist.has_perm("meetings.propose_item", circle.group)
    assert not specialist.has_perm("meetings.manage_group", circle.group)
    assert specialist.has_perm("meetings.respond", circle.meeting)


def test_owner_coordinator_manages_but_does_not_propose_as_member(circle, coordinator):
    assert coordinator.has_perm("meetings.manage_group", circle.group)
    assert coordinator.has_perm("meetings.manage_meeting", circle.meeting)
    assert not coordinator.has_perm("meetings.respond", circle.meeting)


def test_coordinator_of_another_district_sees_nothing(circle, other_coordinator):
    assert not other_coordinator.has_perm("meetings.view_group", circle.group)
    assert not other_coordinator.has_perm("meetings.view_meeting", circle.meeting)
    assert circle.group not in groups_visible_to(other_coordinator)


def test_specialist_of_a_sibling_agency_who_is_not_a_member_sees_nothing(circle, world):
    outsider = factories.specialist_of(world.sibling_agency)
    assert not outsider.has_perm("meetings.view_group", circle.group)
    assert not meetings_visible_to(outsider).exists()


def test_provider_manager_sees_only_groups_they_belong_to(circle, provider_manager):
    assert not provider_manager.has_perm("meetings.view_group", circle.group)


@pytest.mark.parametrize("role", ["state_level", "authority"])
def test_state_level_and_authority_see_no_district_group(circle, request, role):
    user = request.getfixturevalue(role)
    assert not user.has_perm("meetings.view_group", circle.group)
    assert not groups_visible_to(user).exists()


def test_state_level_manages_groups_without_district(state_level, coordinator, db):
    committee = WorkingGroup.objects.create(name="Fachausschuss Integration", kind="landesgremium")
    assert state_level.has_perm("meetings.manage_group", committee)
    assert not coordinator.has_perm("meetings.view_group", committee)


def test_administrator_manages_everything(circle, admin_user):
    assert admin_user.has_perm("meetings.manage_group", circle.group)


def test_members_do_not_see_unpublished_meetings(circle, specialist, coordinator):
    draft = MeetingFactory(group=circle.group, published_at=None)
    assert not specialist.has_perm("meetings.view_meeting", draft)
    assert coordinator.has_perm("meetings.view_meeting", draft)


def test_inactive_member_loses_access(circle, specialist):
    circle.member.active = False
    circle.member.save()
    specialist = type(specialist).objects.get(pk=specialist.pk)  # fresh, without cached memberships
    assert not specialist.has_perm("meetings.view_group", circle.group)


def test_draft_protocol_is_visible_to_the_owner_only(circle, specialist, coordinator):
    from meetings.models import Protocol

    draft = Protocol.objects.create(meeting=circle.meeting)
    assert coordinator.has_perm("meetings.view_protocol", draft)
    assert not specialist.has_perm("meetings.view_protocol", draft)


def test_only_the_responsible_person_or_owner_completes_an_action_item(circle, specialist, coordinator, world):
    past = MeetingFactory(group=circle.group, date=timezone.localdate() - timedelta(days=3))
    published_protocol(past)
    action = action_item(AgendaItemFactory(meeting=past), circle.member)
    other_member_user = factories.specialist_of(world.sibling_agency)
    assert specialist.has_perm("meetings.complete_action_item", action)
    assert coordinator.has_perm("meetings.complete_action_item", action)
    assert not other_member_user.has_perm("meetings.complete_action_item", action)


def test_who_may_create_groups(coordinator, specialist, state_level, provider_manager):
    assert coordinator.has_perm("meetings.create_group")
    assert state_level.has_perm("meetings.create_group")
    assert not specialist.has_perm("meetings.create_group")
    assert not provider_manager.has_perm("meetings.create_group")
