"""Thin Celery tasks: each calls one service. `today` may be passed (ISO date) so an operator can replay a day."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from funding.services import obligations, progress, reminders

MAX_RETRIES = 6


def _day(today: str | None) -> date:
    return date.fromisoformat(today) if today else timezone.localdate()


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True)
def send_due_reminders(self, today: str | None = None) -> dict:
    """Daily. Sends each due reminder once; rows whose SMTP send failed are retried with exponential backoff
    (the others are not held up by them), and so are rows still leased by a worker that may have crashed (they are
    sent once its lease has run out)."""
    result = reminders.send_due_reminders(today=_day(today))
    if result.failed or result.deferred:
        raise self.retry(countdown=60 * 2 ** (self.request.retries + 1))
    return {"claimed": result.claimed, "sent": result.sent, "cancelled": result.cancelled}


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True)
def send_weekly_digests(self, today: str | None = None) -> dict:
    result = reminders.send_weekly_digests(today=_day(today))
    if result.failed or result.deferred:
        raise self.retry(countdown=60 * 2 ** (self.request.retries + 1))
    return {"claimed": result.claimed, "sent": result.sent}


@shared_task(acks_late=True)
def record_missed_deadlines(today: str | None = None) -> int:
    return progress.record_missed_deadlines(today=_day(today))


@shared_task(acks_late=True)
def sync_obligations(today: str | None = None) -> dict:
    result = obligations.sync_all_phases(today=_day(today))
    return {"created": result.created, "cancelled": result.cancelled, "moved": result.moved}
