from datetime import timedelta

import pytest
from django.utils import timezone

from meetings.models import Protocol
from meetings.selectors import active_members_with_agencies, meetings_of_group
from tests.meetings.factories import MeetingFactory, published_protocol

pytestmark = pytest.mark.django_db


def test_meetings_of_group_are_every_meeting_of_the_group_in_calendar_order(circle, foreign_group):
    today = timezone.localdate()
    earlier = MeetingFactory(group=circle.group, date=today - timedelta(days=3), cancelled_at=timezone.now())
    draft = MeetingFactory(group=circle.group, date=today + timedelta(days=60), published_at=None)
    assert meetings_of_group(circle.group) == [earlier, circle.meeting, draft]


def test_meetings_of_group_say_whether_the_protocol_is_published(circle):
    today = timezone.localdate()
    published = MeetingFactory(group=circle.group, date=today - timedelta(days=20))
    published_protocol(published)
    draft = MeetingFactory(group=circle.group, date=today - timedelta(days=10))
    Protocol.objects.create(meeting=draft, status=Protocol.Status.DRAFT)
    status = {meeting.pk: meeting.protocol_status for meeting in meetings_of_group(circle.group)}
    assert status == {published.pk: True, draft.pk: False, circle.meeting.pk: False}


def test_active_members_with_agencies_leave_out_former_members(circle):
    circle.guest.active = False
    circle.guest.save()
    assert active_members_with_agencies(circle.group) == [circle.member]


def test_active_members_with_agencies_carry_the_agencys_name_without_another_query(circle, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = [m.agency.name for m in active_members_with_agencies(circle.group) if m.agency_id]
    assert names == [circle.member.agency.name]
