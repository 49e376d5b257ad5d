"""Periodic tasks run by Celery beat. Each app adds its schedule here, so the whole timetable is in one place."""

from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    "agencies-staff-change-day": {
        "task": "agencies.tasks.run_staff_change_day",
        "schedule": crontab(hour=5, minute=30),
    },
}
