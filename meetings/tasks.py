"""Thin Celery tasks; the work is done (and tested) in meetings.services.notices."""

from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from meetings.services import notices


@shared_task(bind=True, autoretry_for=(SMTPException,), retry_backoff=True, max_retries=5)
def send_due_invitations(self):
    return notices.send_due_invitations(today=timezone.localdate())


@shared_task(bind=True, autoretry_for=(SMTPException,), retry_backoff=True, max_retries=5)
def send_due_action_reminders(self):
    return notices.send_due_action_reminders(today=timezone.localdate())
