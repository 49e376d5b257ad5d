"""Periodic tasks run by Celery beat. Each app adds its schedule here, so the whole timetable is in one place."""

from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    "meetings-send-due-invitations": {
        "task": "meetings.tasks.send_due_invitations",
        "schedule": crontab(hour=6, minute=15),
    },
    "meetings-send-due-action-reminders": {
        "task": "meetings.tasks.send_due_action_reminders",
        "schedule": crontab(hour=6, minute=30),
    },
}
