"""The daily run: apply what takes effect, warn about missing decisions, remind about missing contact data."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from agencies.models import StaffChange, StaffChangeEvent
from agencies.models.staff_changes import HIRE_KINDS, warning_days
from agencies.staff_changes.apply import apply_due_changes
from agencies.staff_changes.notifications import queue_notification


@dataclass(frozen=True)
class DailyResult:
    applied: int
    warned: int
    overdue: int
    contact_reminders: int


def run_daily(*, today: date) -> DailyResult:
    """Everything the daily task does, in this order; each part is idempotent for the same day."""
    applied = apply_due_changes(today=today)
    warned, overdue = warn_undecided(today=today)
    reminded = remind_missing_contact_data(today=today)
    return DailyResult(applied=applied, warned=warned, overdue=overdue, contact_reminders=reminded)


def _once(*, change: StaffChange, kind: str, key: str, message: str, event: str) -> bool:
    """Writes the event and queues its e-mail unless `key` was already used (unique constraint)."""
    try:
        with transaction.atomic():
            StaffChangeEvent.objects.create(change=change, kind=kind, message=message, dedupe_key=key)
            transaction.on_commit(lambda: queue_notification(change.pk, event))
    except IntegrityError:
        return False
    return True


def warn_undecided(*, today: date) -> tuple[int, int]:
    """Approval-requiring changes without decision: one warning when the date is `warning_days` away or closer,
    one flag when the date arrived without a decision (it then must not take effect). Side effects: an event each
    (exactly once per change) and an e-mail to filer and coordination."""
    warned = overdue = 0
    undecided = StaffChange.objects.undecided().select_related("agency")
    for change in undecided.filter(effective_on__gt=today, effective_on__lte=today + timedelta(days=warning_days())):
        warned += _once(
            change=change,
            kind=StaffChangeEvent.Kind.DEADLINE_WARNING,
            key=f"warning-{change.pk}",
            message=_("Die Entscheidung der Behörde fehlt; Beginn am %(day)s.")
            % {"day": change.effective_on.strftime("%d.%m.%Y")},
            event="deadline_warning",
        )
    for change in undecided.filter(effective_on__lte=today):
        overdue += _once(
            change=change,
            kind=StaffChangeEvent.Kind.OVERDUE,
            key=f"overdue-{change.pk}-{change.effective_on.isoformat()}",
            message=_("Der Beginn am %(day)s ist ohne Entscheidung verstrichen; die Veränderung gilt noch nicht.")
            % {"day": change.effective_on.strftime("%d.%m.%Y")},
            event="overdue",
        )
    return warned, overdue


def remind_missing_contact_data(*, today: date) -> int:
    """Weekly reminder to the provider while a new staff member's contact data are incomplete after the start."""
    year, week, _day = today.isocalendar()
    reminded = 0
    hires = StaffChange.objects.filter(
        kind__in=HIRE_KINDS, hired_staff_member__employed_from__lte=today
    ).select_related("hired_staff_member")
    for change in hires:
        if change.hired_staff_member.contact_complete:
            continue
        reminded += _once(
            change=change,
            kind=StaffChangeEvent.Kind.CONTACT_REMINDER,
            key=f"contact-{change.pk}-{year}-{week}",
            message=_("Die Kontaktdaten von %(staff)s sind unvollständig.") % {"staff": change.hired_staff_member},
            event="contact_reminder",
        )
    return reminded
