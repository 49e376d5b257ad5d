"""Reminder e-mails that arrive exactly once.

Two phases, both safe to run twice or in two workers at once:
1. claim: for each (obligation, recipient, step) due today a Reminder row is created with get_or_create inside a
   transaction; the unique constraint makes a second run find the row instead of adding one;
2. deliver: pending rows are taken one at a time with SELECT … FOR UPDATE SKIP LOCKED, sent, and marked sent in
   the same transaction. A row another worker is sending is skipped; a sent row is never picked again. A failed
   SMTP send marks only that row for a later attempt (exponential backoff) and the others go on.
If a worker dies between handing a mail to the SMTP server and committing, that one mail can be sent again on
retry – the only window no database can close; every other duplicate is excluded by the database.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from smtplib import SMTPException

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from agencies.models import Membership, Role
from core.emails import send_templated_mail
from funding.lights import describe
from funding.models import Debtor, Digest, Obligation, Reminder, ReminderStatus
from funding.selectors import due_soon_q, overdue_q, pending_q

DEFAULT_STEPS = (28, 14, 7, 1)
OVERDUE = "overdue"
OVERDUE_WINDOW = 7  # an overdue notice missed by an outage is still sent within a week
SEND_ERRORS = (SMTPException, OSError)


def reminder_steps() -> tuple[int, ...]:
    return tuple(sorted(getattr(settings, "FUNDING_REMINDER_DAYS", DEFAULT_STEPS)))


def step_for(days_left: int, steps: tuple[int, ...]) -> str | None:
    """The reminder step due when the district date is `days_left` away: the smallest step not below it (so a day
    missed by an outage is caught up next day), or the overdue notice from the day after the date."""
    if -OVERDUE_WINDOW <= days_left <= -1:
        return OVERDUE
    if days_left < 0 or not steps or days_left > steps[-1]:
        return None
    return str(min(step for step in steps if step >= days_left))


@dataclass(frozen=True)
class Planned:
    obligation: Obligation
    recipient_id: int
    recipient_email: str
    step: str


@dataclass
class RunResult:
    planned: list[Planned] = field(default_factory=list)
    claimed: int = 0
    sent: int = 0
    failed: int = 0
    cancelled: int = 0


def _recipients(obligations: list[Obligation]) -> tuple[dict, dict]:
    agency_ids = {o.agency_id for o in obligations if o.agency_id}
    district_ids = {o.district_id for o in obligations}
    people = Membership.objects.filter(user__is_active=True).exclude(user__email="")
    specialists, coordinators = defaultdict(list), defaultdict(list)
    for agency_id, user_id, email in people.filter(role=Role.SPECIALIST, agency_id__in=agency_ids).values_list(
        "agency_id", "user_id", "user__email"
    ):
        specialists[agency_id].append((user_id, email))
    for district_id, user_id, email in people.filter(role=Role.COORDINATOR, district_id__in=district_ids).values_list(
        "district_id", "user_id", "user__email"
    ):
        coordinators[district_id].append((user_id, email))
    return specialists, coordinators


def plan_reminders(*, today: date) -> list[Planned]:
    """Who gets which reminder today. Only obligations not yet submitted to the district are reminded of."""
    steps = reminder_steps()
    horizon = today + timedelta(days=steps[-1] if steps else 0)
    obligations = list(
        Obligation.objects.filter(pending_q(), submitted_on__isnull=True)
        .filter(district_due__gte=today - timedelta(days=OVERDUE_WINDOW), district_due__lte=horizon)
        .select_related("agency", "district")
        .order_by("district_due", "pk")
    )
    specialists, coordinators = _recipients(obligations)
    planned = []
    for obligation in obligations:
        step = step_for((obligation.district_due - today).days, steps)
        if step is None:
            continue
        if obligation.agency_id is None:
            people = coordinators[obligation.district_id]
        elif step == OVERDUE:
            people = specialists[obligation.agency_id] + coordinators[obligation.district_id]
        else:
            people = specialists[obligation.agency_id]
        seen = set()
        for user_id, email in people:
            if user_id not in seen:
                seen.add(user_id)
                planned.append(Planned(obligation, user_id, email, step))
    return planned


def send_due_reminders(*, today: date, dry_run: bool = False) -> RunResult:
    """Claims and sends today's reminders (see the module docstring for why it is exactly once). With
    `dry_run` it only returns the plan and writes nothing."""
    result = RunResult(planned=plan_reminders(today=today))
    if dry_run:
        return result
    result.claimed = claim_reminders(result.planned)
    pending = Reminder.objects.select_related("recipient", "obligation__agency", "obligation__district")
    deliver(pending, send=lambda reminder: _send_reminder(reminder, today), result=result)
    return result


def claim_reminders(planned: list[Planned]) -> int:
    """Creates the missing Reminder rows of `planned` in one INSERT … ON CONFLICT DO NOTHING: the unique
    constraint (obligation, recipient, step) keeps each reminder once even when two runs claim at the same time.
    Returns how many rows were new as far as this run could see (the count is informational only)."""
    if not planned:
        return 0
    obligation_ids = {item.obligation.pk for item in planned}
    existing = set(
        Reminder.objects.filter(obligation_id__in=obligation_ids).values_list("obligation_id", "recipient_id", "step")
    )
    missing = {
        (item.obligation.pk, item.recipient_id, item.step): item
        for item in planned
        if (item.obligation.pk, item.recipient_id, item.step) not in existing
    }
    Reminder.objects.bulk_create(
        [
            Reminder(obligation=item.obligation, recipient_id=item.recipient_id, step=item.step)
            for item in missing.values()
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    return len(missing)


def _send_reminder(reminder: Reminder, today: date) -> bool:
    obligation = reminder.obligation
    still_owed = obligation.cancelled_on is None and not obligation.is_fulfilled and obligation.submitted_on is None
    if not still_owed:
        return False  # fulfilled in the meantime: reminders stop
    overdue = reminder.step == OVERDUE
    send_templated_mail(
        template_prefix="funding/emails/overdue" if overdue else "funding/emails/reminder",
        to=[reminder.recipient.email],
        context={
            "recipient": reminder.recipient,
            "obligation": obligation,
            "days_left": (obligation.district_due - today).days,
            "status_text": describe(obligation, today),
            "link": settings.SITE_URL + obligation.get_absolute_url(),
            "for_district": obligation.agency_id is None,
        },
    )
    return True


def deliver(queryset: QuerySet, *, send: Callable[[object], bool], result: RunResult) -> None:
    """Sends every pending row of `queryset` once. One row per transaction, locked with SKIP LOCKED, so parallel
    workers share the rows and a crash loses at most the row in flight. Rows are walked in primary-key order
    (keyset: `pk > last`), so each query stays as small at the 4,000th row as at the first; a row another worker
    holds is left to that worker, and one released without being sent is picked up by the next run."""
    last_pk = 0
    while True:
        now = timezone.now()
        with transaction.atomic():
            # Lock the bare row first: with the joins of `queryset` in the locking query the database would join
            # and sort every pending row on each turn (quadratic in the number of rows); without them it takes the
            # pending rows after `last_pk` and locks the first it can.
            pk = (
                queryset.select_related(None)
                .select_for_update(skip_locked=True)
                .filter(status__in=[ReminderStatus.PENDING, ReminderStatus.FAILED])
                .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now), pk__gt=last_pk)
                .order_by("pk")
                .values_list("pk", flat=True)
                .first()
            )
            if pk is None:
                return
            last_pk = pk
            row = queryset.get(pk=pk)  # the locked row, with what `send` needs
            row.attempts += 1
            try:
                delivered = send(row)
            except SEND_ERRORS as error:
                row.status = ReminderStatus.FAILED
                row.last_error = f"{type(error).__name__}: {error}"[:300]
                row.next_attempt_at = now + timedelta(minutes=2**row.attempts)
                result.failed += 1
            else:
                if delivered:
                    row.status, row.sent_at, row.last_error = ReminderStatus.SENT, now, ""
                    result.sent += 1
                else:
                    row.status = ReminderStatus.CANCELLED
                    result.cancelled += 1
            row.save(update_fields=["status", "sent_at", "attempts", "next_attempt_at", "last_error"])


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def send_weekly_digests(*, today: date) -> RunResult:
    """One overview per coordinator and district per week: the district's late obligations and those due in the
    next eight weeks. Claimed and delivered exactly like reminders; a week with nothing to report sends nothing."""
    week = monday_of(today)
    result = RunResult()
    memberships = (
        Membership.objects.filter(role=Role.COORDINATOR, user__is_active=True)
        .exclude(user__email="")
        .values_list("user_id", "district_id")
    )
    busy = set(
        Obligation.objects.filter(overdue_q(today) | due_soon_q(today, 56)).values_list("district_id", flat=True)
    )
    for user_id, district_id in memberships:
        if district_id not in busy:
            continue
        with transaction.atomic():
            _, created = Digest.objects.get_or_create(recipient_id=user_id, district_id=district_id, week=week)
        result.claimed += int(created)
    pending = Digest.objects.filter(week=week).select_related("recipient", "district")
    deliver(pending, send=lambda digest: _send_digest(digest, today), result=result)
    return result


def digest_context(district_id: int, today: date, limit: int = 50) -> dict:
    base = Obligation.objects.filter(district_id=district_id).select_related("agency", "district")
    late = base.filter(overdue_q(today)).order_by("district_due", "agency__name")
    soon = base.filter(due_soon_q(today, 56)).order_by("district_due", "agency__name")
    return {
        "late": [(o, describe(o, today)) for o in late[:limit]],
        "late_count": late.count(),
        "soon": [(o, describe(o, today)) for o in soon[:limit]],
        "soon_count": soon.count(),
        "district_owed": Debtor.DISTRICT,
    }


def _send_digest(digest: Digest, today: date) -> bool:
    context = digest_context(digest.district_id, today)
    if not (context["late_count"] or context["soon_count"]):
        return False
    send_templated_mail(
        template_prefix="funding/emails/digest",
        to=[digest.recipient.email],
        context={
            **context,
            "recipient": digest.recipient,
            "district": digest.district,
            "week": digest.week,
            "today": today,
            "matrix_link": settings.SITE_URL + reverse("funding:matrix"),
        },
    )
    return True
