"""Periodic tasks run by Celery beat. Each app adds its schedule here, so the whole timetable is in one place."""

from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    # funding: obligations of agencies that opened or closed, then late-marking, then reminders and the digest.
    "funding-sync-obligations": {"task": "funding.tasks.sync_obligations", "schedule": crontab(hour=5, minute=30)},
    "funding-record-missed-deadlines": {
        "task": "funding.tasks.record_missed_deadlines",
        "schedule": crontab(hour=5, minute=45),
    },
    "funding-send-due-reminders": {"task": "funding.tasks.send_due_reminders", "schedule": crontab(hour=7, minute=0)},
    "funding-send-weekly-digests": {
        "task": "funding.tasks.send_weekly_digests",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon"),
    },
    "agencies-staff-change-day": {
        "task": "agencies.tasks.run_staff_change_day",
        "schedule": crontab(hour=5, minute=30),
    },
    "reporting-survey-reminders": {
        "task": "reporting.send_survey_reminders",
        "schedule": crontab(hour=7, minute=15),
    },
    "meetings-send-due-invitations": {
        "task": "meetings.tasks.send_due_invitations",
        "schedule": crontab(hour=6, minute=15),
    },
    "meetings-send-due-action-reminders": {
        "task": "meetings.tasks.send_due_action_reminders",
        "schedule": crontab(hour=6, minute=30),
    },
}
