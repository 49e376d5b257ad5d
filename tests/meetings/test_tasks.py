"""The invitation task on a real Celery worker: it sends each invitation once, even when queued twice."""

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from meetings.models import Meeting, Notice
from meetings.tasks import send_due_action_reminders, send_due_invitations
from tests.meetings.factories import MeetingFactory, WorkingGroupFactory, guest_of, staff_member_of


def _wait_until_stable(probe, *, timeout: float = 60.0, quiet: float = 3.0):
    """Polls `probe()` until it has not changed for `quiet` seconds (results are ignored, so there is nothing to
    .get()); returns the last value."""
    deadline = time.monotonic() + timeout
    last, since = probe(), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.2)
        value = probe()
        if value != last:
            last, since = value, time.monotonic()
        elif value[0] and time.monotonic() - since >= quiet:
            return value
    return last


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_worker_sends_due_invitations_exactly_once(celery_worker, world, specialist):
    group = WorkingGroupFactory(owner_district=world.district)
    staff_member_of(group, agency=world.agency, user=specialist)
    guest_of(group, email="gast@jmd.example")
    meeting = MeetingFactory(group=group, date=timezone.localdate() + timedelta(days=14))
    send_due_invitations.delay()
    send_due_invitations.delay()
    send_due_action_reminders.delay()

    def probe():
        sent = Meeting.objects.filter(pk=meeting.pk, invitations_sent_at__isnull=False).exists()
        return sent, Notice.objects.filter(meeting=meeting, kind=Notice.Kind.INVITATION).count(), len(mail.outbox)

    assert _wait_until_stable(probe) == (True, 2, 2)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([specialist.email, "gast@jmd.example"])
