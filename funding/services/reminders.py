"""Reminder e-mails that arrive exactly once.

Two phases, both safe to run twice or in two workers at once:
1. claim: the Reminder rows (obligation, recipient, step) due today are inserted with INSERT … ON CONFLICT DO
   NOTHING; the unique constraint makes a second run find the row instead of adding one;
2. deliver: open rows are leased in batches (locked with SELECT … FOR UPDATE SKIP LOCKED just long enough to write
   a lease token and expiry, then committed), each e-mail is sent and its row marked sent by one committed UPDATE
   before the next e-mail goes out. A row another worker holds is skipped; a sent row is never picked again; the
   rows of a crashed worker come back when its lease runs out. A failed SMTP send marks only that row for a later
   attempt (exponential backoff) and the others go on.
If a worker dies between handing a mail to the SMTP server and committing its row, that one mail can be sent again
on retry – the only window no database can close; every other duplicate is excluded by the database. Each row keeps
its status, sending time, attempts and last error: the record of what was sent.
"""

import logging
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from smtplib import SMTPException
from uuid import uuid4

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connections, router, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from agencies.models import Membership, Role
from core.emails import templated_message
from funding.lights import describe
from funding.models import Debtor, Digest, DocumentKind, Obligation, Reminder, ReminderStatus
from funding.selectors import due_soon_q, overdue_q, pending_q

DEFAULT_STEPS = (28, 14, 7, 1)
DEFAULT_SENDERS = 2
OVERDUE = "overdue"
OVERDUE_WINDOW = 7  # an overdue notice missed by an outage is still sent within a week
SEND_ERRORS = (SMTPException, OSError)
BATCH_SIZE = 100  # reminder rows leased at once: well under a second of sending, so parallel senders share the tail
DIGEST_BATCH_SIZE = 10  # a digest takes some 40 ms to write
LEASE = timedelta(minutes=20)  # how long leased rows are hidden from other workers; a crashed worker's come back

logger = logging.getLogger(__name__)


def reminder_steps() -> tuple[int, ...]:
    return tuple(sorted(getattr(settings, "FUNDING_REMINDER_DAYS", DEFAULT_STEPS)))


def reminder_senders() -> int:
    """How many worker processes share the sending of one run (the worker's concurrency in production)."""
    return max(1, getattr(settings, "FUNDING_REMINDER_SENDERS", DEFAULT_SENDERS))


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
    deferred: int = 0  # open rows another (possibly crashed) worker holds a lease on: retry when it has run out


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
    result = claim_due_reminders(today=today, dry_run=dry_run)
    if not dry_run:
        deliver_due_reminders(today=today, result=result)
    return result


def claim_due_reminders(*, today: date, dry_run: bool = False) -> RunResult:
    """The first phase of the run: plans today's reminders and claims their rows (nothing is sent)."""
    result = RunResult(planned=plan_reminders(today=today))
    if not dry_run:
        result.claimed = claim_reminders(result.planned)
    return result


def deliver_due_reminders(*, today: date, result: RunResult | None = None) -> RunResult:
    """The second phase: sends the open reminder rows, worded for `today`. Several processes may run it at once
    (the daily task starts `reminder_senders()` of them); each row goes out once."""
    result = result or RunResult()
    deliver(
        Reminder.objects.select_related("recipient", "obligation__agency", "obligation__district"),
        compose=lambda reminder: _compose_reminder(reminder, today),
        result=result,
        ahead=True,
    )
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


def _compose_reminder(reminder: Reminder, today: date) -> EmailMessage | None:
    obligation = reminder.obligation
    still_owed = obligation.cancelled_on is None and not obligation.is_fulfilled and obligation.submitted_on is None
    if not still_owed:
        return None  # fulfilled in the meantime: reminders stop
    overdue = reminder.step == OVERDUE
    return templated_message(
        template_prefix="funding/emails/overdue" if overdue else "funding/emails/reminder",
        to=[reminder.recipient.email],
        context={
            "recipient": reminder.recipient,
            "obligation": obligation,
            # Formatted once here rather than in each of the three templates (4,000 e-mails on a busy day).
            "kind": DocumentKind(obligation.document_kind).label,
            "district_due": date_format(obligation.district_due, "SHORT_DATE_FORMAT"),
            "days_left": (obligation.district_due - today).days,
            "link": settings.SITE_URL + obligation.get_absolute_url(),
            "for_district": obligation.agency_id is None,
        },
    )


def _open_rows(queryset: QuerySet, now: datetime) -> QuerySet:
    """Rows still to send: pending or failed, not waiting for a retry, and not leased by a worker."""
    return queryset.filter(status__in=[ReminderStatus.PENDING, ReminderStatus.FAILED]).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
        Q(claimed_until__isnull=True) | Q(claimed_until__lte=now),
    )


def _lease(queryset: QuerySet, *, after_pk: int, token: str, size: int) -> list[int]:
    """Leases up to `size` open rows after `after_pk` to `token` and commits: the rows are locked with SKIP LOCKED
    only while the lease is written, so parallel workers take disjoint batches, and a row stays this worker's
    (invisible to the others) until it is marked or the lease runs out."""
    now = timezone.now()
    with transaction.atomic():
        # The bare rows, without the joins of `queryset`'s select_related: with them the database would join every
        # open row before it can lock the first ones.
        pks = list(
            _open_rows(queryset.select_related(None), now)
            .select_for_update(skip_locked=True)
            .filter(pk__gt=after_pk)
            .order_by("pk")
            .values_list("pk", flat=True)[:size]
        )
        if pks:
            queryset.model.objects.filter(pk__in=pks).update(claim_token=token, claimed_until=now + LEASE)
    return pks


class _Marker:
    """Marks one leased row sent, cancelled or failed and releases its lease, if the lease is still `token`'s.
    The statement is written once instead of compiled by the ORM per e-mail: it runs once for every e-mail sent."""

    def __init__(self, model, token: str):
        self.token = token
        self.connection = connections[router.db_for_write(model)]
        quote, meta = self.connection.ops.quote_name, model._meta
        column = {name: quote(meta.get_field(name).column) for name in self.FIELDS}
        self.sql = (
            f"UPDATE {quote(meta.db_table)} SET "
            + ", ".join(f"{column[name]} = %s" for name in self.FIELDS)
            + f" WHERE {quote(meta.pk.column)} = %s AND {column['claim_token']} = %s"
        )

    FIELDS = ("status", "sent_at", "last_error", "next_attempt_at", "attempts", "claimed_until", "claim_token")

    def mark(self, row, status: str, sent_at, last_error: str, *, next_attempt_at) -> bool:
        adapt = self.connection.ops.adapt_datetimefield_value
        values = (status, adapt(sent_at), last_error, adapt(next_attempt_at), row.attempts + 1, None, "")
        values += (row.pk, self.token)
        with self.connection.cursor() as cursor:
            cursor.execute(self.sql, values)
            return cursor.rowcount == 1


def deliver(
    queryset: QuerySet,
    *,
    compose: Callable[[object], EmailMessage | None],
    result: RunResult,
    batch_size: int | None = None,
    ahead: bool = False,
) -> None:
    """Sends every open row of `queryset` once; `compose(row)` writes its e-mail, or returns None when it is no
    longer needed (the row is then cancelled).

    Rows are leased in batches (`_lease`, committed before anything is sent) and the batch is loaded with its
    relations in one query. After each e-mail one autocommitted UPDATE marks that row sent – guarded by the lease
    token, so it never marks a row another worker has taken over – and releases it. A crash therefore repeats at
    most the one e-mail in flight, when its lease has run out; the rest of the batch was either marked or not sent.
    A batch is handed back unfinished when half its lease is used up (a slow mail server), so that no row is
    still being sent when its lease ends and another worker may take it. Batches are walked in primary-key order
    (keyset: `pk > last`), so each lease query stays as small at the 4,000th row as at the first.

    With `ahead`, a second thread composes the next e-mails while this one waits for the mail server and the
    database; sending and marking stay in this thread, one after the other. Only for a `compose` that needs no
    database (the batch is loaded with everything it reads): the other thread has no transaction of ours."""
    token = uuid4().hex
    model = queryset.model
    marker = _Marker(model, token)
    last_pk = 0
    with _composer(compose, ahead) as compose_all:
        while pks := _lease(queryset, after_pk=last_pk, token=token, size=batch_size or BATCH_SIZE):
            leased_at = timezone.now()
            rows = list(queryset.filter(pk__in=pks, claim_token=token).order_by("pk"))
            with get_connection() as connection:  # one mail server session per batch
                messages = compose_all(rows)
                for index, row in enumerate(rows):
                    if index and timezone.now() - leased_at > LEASE / 2:  # the first row always goes: progress
                        model.objects.filter(pk__gte=row.pk, pk__in=pks, claim_token=token).update(
                            claim_token="", claimed_until=None
                        )
                        break
                    message = next(messages)
                    now = timezone.now()
                    last_pk = row.pk
                    retry_at = None
                    if message is None:
                        mark = (ReminderStatus.CANCELLED, None, "")
                        result.cancelled += 1
                    else:
                        try:
                            connection.send_messages([message])
                        except SEND_ERRORS as error:
                            with suppress(*SEND_ERRORS):
                                connection.close()  # the next e-mail opens a new session, should this one be broken
                            mark = (ReminderStatus.FAILED, None, f"{type(error).__name__}: {error}"[:300])
                            retry_at = now + timedelta(minutes=2 ** (row.attempts + 1))
                            result.failed += 1
                        else:
                            mark = (ReminderStatus.SENT, timezone.now(), "")
                            result.sent += 1
                    # Outside any transaction of ours: this UPDATE is committed before the next e-mail is sent.
                    if not marker.mark(row, *mark, next_attempt_at=retry_at):
                        logger.warning(
                            "%s %s: lease lost while sending, marked by another worker", model.__name__, row.pk
                        )
                else:
                    last_pk = pks[-1]
    result.deferred = (
        queryset.filter(status__in=[ReminderStatus.PENDING, ReminderStatus.FAILED], claimed_until__gt=timezone.now())
        .exclude(claim_token=token)
        .count()
    )


@contextmanager
def _composer(compose: Callable, ahead: bool):
    """Yields a function that composes the e-mails of a batch lazily, in order: here, or with `ahead` in one
    helper thread that runs ahead (under this thread's language and time zone)."""
    if not ahead:
        yield lambda rows: map(compose, rows)
        return
    language, zone = translation.get_language(), timezone.get_current_timezone()

    def compose_here(row):
        with translation.override(language), timezone.override(zone):
            return compose(row)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="compose") as pool:
        try:
            yield lambda rows: pool.map(compose_here, rows)
        finally:
            pool.shutdown(cancel_futures=True)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def send_weekly_digests(*, today: date) -> RunResult:
    """One overview per coordinator and district per week: the district's late obligations and those due in the
    next eight weeks. Claimed and delivered exactly like reminders; a week with nothing to report sends nothing."""
    result = claim_weekly_digests(today=today)
    return deliver_weekly_digests(today=today, result=result)


def claim_weekly_digests(*, today: date) -> RunResult:
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
    existing = set(Digest.objects.filter(week=week).values_list("recipient_id", "district_id"))
    missing = {pair for pair in memberships if pair[1] in busy and pair not in existing}
    # The unique constraint (recipient, district, week) keeps each digest once when two runs claim at once.
    Digest.objects.bulk_create(
        [Digest(recipient_id=user_id, district_id=district_id, week=week) for user_id, district_id in missing],
        ignore_conflicts=True,
    )
    result.claimed = len(missing)
    return result


def deliver_weekly_digests(*, today: date, result: RunResult | None = None) -> RunResult:
    """Sends the open digests of `today`'s week; like `deliver_due_reminders`, several processes may share it."""
    result = result or RunResult()
    contexts: dict[int, dict] = {}  # the coordinators of one district get the same lists: computed once per run

    def compose(digest: Digest) -> EmailMessage | None:
        if digest.district_id not in contexts:
            contexts[digest.district_id] = digest_context(digest.district_id, today)
        return _compose_digest(digest, today, contexts[digest.district_id])

    queryset = Digest.objects.filter(week=monday_of(today)).select_related("recipient", "district")
    deliver(queryset, compose=compose, result=result, batch_size=DIGEST_BATCH_SIZE)
    return result


def digest_context(district_id: int, today: date, limit: int = 50) -> dict:
    """The lists of one district's digest. Each line is formatted here once – kind, year, debtor, date, status
    sentence, link – and shared by the text and HTML part and by every coordinator of the district."""
    base = Obligation.objects.filter(district_id=district_id).select_related("agency", "district")
    late = base.filter(overdue_q(today)).order_by("district_due", "agency__name")
    soon = base.filter(due_soon_q(today, 56)).order_by("district_due", "agency__name")
    return {
        "late": [_digest_line(o, today) for o in late[:limit]],
        "late_count": late.count(),
        "soon": [_digest_line(o, today) for o in soon[:limit]],
        "soon_count": soon.count(),
        "district_owed": Debtor.DISTRICT,
    }


def _digest_line(obligation: Obligation, today: date) -> tuple[str, str, str, str, str, str]:
    return (
        str(obligation.get_document_kind_display()),
        str(obligation.year),
        obligation.debtor_name,
        date_format(obligation.district_due, "SHORT_DATE_FORMAT"),
        describe(obligation, today),
        settings.SITE_URL + obligation.get_absolute_url(),
    )


def _compose_digest(digest: Digest, today: date, context: dict) -> EmailMessage | None:
    if not (context["late_count"] or context["soon_count"]):
        return None
    return templated_message(
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
