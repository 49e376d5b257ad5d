"""Periodic tasks run by Celery beat. Each app adds its schedule here, so the whole timetable is in one place."""

from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    "reporting-survey-reminders": {
        "task": "reporting.send_survey_reminders",
        "schedule": crontab(hour=7, minute=15),
    },
}
