from celery import shared_task
from django.utils import timezone

from reporting.services import reminders


@shared_task(name="reporting.send_survey_reminders")
def send_survey_reminders() -> int:
    return reminders.send_due(today=timezone.localdate())
