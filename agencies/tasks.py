"""Celery tasks of the registry: thin wrappers around services."""

from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone


@shared_task
def run_staff_change_day() -> dict:
    """Daily: apply staff changes that take effect, warn about missing decisions, remind about contact data."""
    from agencies.staff_changes.reminders import run_daily

    result = run_daily(today=timezone.localdate())
    return result.__dict__


@shared_task(autoretry_for=(SMTPException, ConnectionError), retry_backoff=True, max_retries=5)
def send_staff_change_mail(change_pk: int, event: str) -> int:
    from agencies.staff_changes.notifications import send_notification

    return send_notification(change_pk, event)
