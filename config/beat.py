"""Periodic tasks run by Celery beat. Each app adds its schedule here, so the whole timetable is in one place."""

from celery.schedules import crontab  # noqa: F401

BEAT_SCHEDULE: dict = {}
