"""Thin Celery tasks: each calls one service. `today` may be passed (ISO date) so an operator can replay a day."""

from datetime import date
from functools import partial

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from funding.services import obligations, progress, reminders

MAX_RETRIES = 6


def _day(today: str | None) -> date:
    return date.fromisoformat(today) if today else timezone.localdate()


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True)
def send_due_reminders(self, today: str | None = None) -> dict:
    """Daily. Claims today's reminders, then sends them together with `reminder_senders() - 1` helper tasks on the
    other worker processes (each row goes out once, whoever takes it). Rows whose SMTP send failed are retried
    with exponential backoff (the others are not held up by them), and so are rows still leased by a worker that
    may have crashed (they are sent once its lease has run out)."""
    day = _day(today)
    result = reminders.claim_due_reminders(today=day)
    _start_helpers(deliver_due_reminders, day)
    reminders.deliver_due_reminders(today=day, result=result)
    if result.failed or result.deferred:
        raise self.retry(countdown=60 * 2 ** (self.request.retries + 1))
    return {"claimed": result.claimed, "sent": result.sent, "cancelled": result.cancelled}


@shared_task(acks_late=True)
def deliver_due_reminders(today: str) -> dict:
    """A helper of `send_due_reminders`: sends open reminder rows next to it. Failures are left to its retries."""
    result = reminders.deliver_due_reminders(today=_day(today))
    return {"sent": result.sent, "failed": result.failed}


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True)
def send_weekly_digests(self, today: str | None = None) -> dict:
    day = _day(today)
    result = reminders.claim_weekly_digests(today=day)
    _start_helpers(deliver_weekly_digests, day)
    reminders.deliver_weekly_digests(today=day, result=result)
    if result.failed or result.deferred:
        raise self.retry(countdown=60 * 2 ** (self.request.retries + 1))
    return {"claimed": result.claimed, "sent": result.sent}


@shared_task(acks_late=True)
def deliver_weekly_digests(today: str) -> dict:
    result = reminders.deliver_weekly_digests(today=_day(today))
    return {"sent": result.sent, "failed": result.failed}


def _start_helpers(task, day: date) -> None:
    for _ in range(reminders.reminder_senders() - 1):
        transaction.on_commit(partial(task.delay, day.isoformat()))


@shared_task(acks_late=True)
def record_missed_deadlines(today: str | None = None) -> int:
    return progress.record_missed_deadlines(today=_day(today))


@shared_task(acks_late=True)
def sync_obligations(today: str | None = None) -> dict:
    result = obligations.sync_all_phases(today=_day(today))
    return {"created": result.created, "cancelled": result.cancelled, "moved": result.moved}
