"""A reminder through a real Celery worker on the configured broker (Redis in CI) into Django's outbox."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from funding.models import Reminder, ReminderStatus
from funding.tasks import send_due_reminders
from tests import factories
from tests.funding.factories import DeadlineRuleFactory, FundingPhaseFactory, ObligationFactory


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_delivers_a_reminder_exactly_once(celery_worker, world, mailbox):
    specialist = factories.specialist_of(world.agency)
    today = timezone.localdate()
    rule = DeadlineRuleFactory(district=world.district, phase=FundingPhaseFactory())
    ObligationFactory(rule=rule, agency=world.agency, district_due=today + timedelta(days=7))
    send_due_reminders.delay(today=today.isoformat())
    send_due_reminders.delay(today=today.isoformat())  # a duplicate delivery of the same beat run
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(mailbox) < 1:
        time.sleep(0.2)
    time.sleep(1.5)  # give the duplicate time to (not) send
    assert [m.to for m in mailbox] == [[specialist.email]]
    reminder = Reminder.objects.get()
    assert (reminder.step, reminder.status) == ("7", ReminderStatus.SENT)
