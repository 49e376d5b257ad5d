"""Reminders: the schedule on a frozen clock, exactly once under duplicate and concurrent runs, failures, digest."""

import threading
from datetime import date, datetime, timedelta

import pytest
import time_machine
from celery.exceptions import Retry
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from funding import tasks
from funding.models import DeadlineRule, DocumentKind, Obligation, Reminder, ReminderStatus
from funding.services import record_document_progress, reminders
from funding.services.reminders import (
    LEASE,
    RunResult,
    deliver,
    plan_reminders,
    send_due_reminders,
    send_weekly_digests,
    step_for,
)
from tests import factories
from tests.funding.backends import DIES_AFTER, DROPS, REFUSED, WorkerDied
from tests.funding.factories import DeadlineRuleFactory, FundingPhaseFactory, ObligationFactory, phase_2025

STEPS = (1, 7, 14, 28)


@pytest.mark.parametrize(
    ("days_left", "step"),
    [
        (29, None),
        (28, "28"),
        (20, "28"),
        (14, "14"),
        (7, "7"),
        (2, "7"),
        (1, "1"),
        (0, "1"),
        (-1, "overdue"),
        (-7, "overdue"),
        (-8, None),
    ],
)
def test_step_for_days_left(days_left, step):
    assert step_for(days_left, STEPS) == step


OWN_AGENCY = object()


def obligation_due(world, due: date, agency=OWN_AGENCY, **kwargs):
    rule = DeadlineRule.objects.filter(district=world.district).first() or DeadlineRuleFactory(
        district=world.district, phase=FundingPhaseFactory()
    )
    return ObligationFactory(
        rule=rule, agency=world.agency if agency is OWN_AGENCY else agency, district_due=due, **kwargs
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("today", "due", "step"),
    [
        (date(2026, 12, 4), date(2027, 1, 1), "28"),  # across the year end
        (date(2027, 12, 31), date(2028, 1, 1), "1"),
        (date(2028, 2, 15), date(2028, 2, 29), "14"),  # leap day
        (date(2028, 3, 1), date(2028, 2, 29), "overdue"),  # the day after a leap day
        (date(2027, 3, 1), date(2027, 2, 28), "overdue"),
    ],
)
def test_schedule_on_a_frozen_clock(world, specialist, mailbox, today, due, step):
    obligation_due(world, due)
    with time_machine.travel(
        datetime(today.year, today.month, today.day, 7, tzinfo=timezone.get_current_timezone()), tick=False
    ):
        send_due_reminders(today=timezone.localdate())
    assert list(Reminder.objects.values_list("step", flat=True)) == [step]
    assert len(mailbox) == 1


@pytest.mark.django_db
def test_reminder_email_is_german_with_html_and_direct_link(world, specialist, mailbox):
    obligation = obligation_due(world, date(2026, 12, 8))
    send_due_reminders(today=date(2026, 11, 24))
    message = mailbox[0]
    assert message.to == [specialist.email]
    assert message.subject == "Erinnerung: Sachbericht 2025 ist bis 08.12.2026 fällig"
    assert "in 14 Tagen" in message.body
    assert f"/foerderung/fristen/{obligation.pk}/" in message.body
    html = message.alternatives[0][0]
    assert f'href="http://localhost:8000/foerderung/fristen/{obligation.pk}/"' in html


@pytest.mark.django_db
def test_running_twice_on_the_same_day_sends_once(world, specialist, mailbox):
    obligation_due(world, date(2026, 12, 1))
    send_due_reminders(today=date(2026, 11, 24))
    second = send_due_reminders(today=date(2026, 11, 24))
    assert len(mailbox) == 1
    assert second.sent == 0 and second.claimed == 0


@pytest.mark.django_db
def test_a_day_missed_by_an_outage_is_caught_up_once(world, specialist, mailbox):
    obligation_due(world, date(2026, 12, 8))
    send_due_reminders(today=date(2026, 11, 25))  # 13 days ahead: the 14-day reminder
    send_due_reminders(today=date(2026, 11, 26))  # 12 days: same step, nothing new
    assert [r.step for r in Reminder.objects.all()] == ["14"]
    assert len(mailbox) == 1


@pytest.mark.django_db
def test_overdue_notice_goes_to_agency_and_coordinator(world, specialist, coordinator, mailbox):
    obligation_due(world, date(2026, 11, 23))
    send_due_reminders(today=date(2026, 11, 24))
    assert sorted(m.to[0] for m in mailbox) == sorted([specialist.email, coordinator.email])
    assert mailbox[0].subject.startswith("Frist versäumt: Sachbericht 2025")


@pytest.mark.django_db
def test_district_obligations_remind_the_coordinators(world, specialist, coordinator, other_coordinator, mailbox):
    obligation_due(world, date(2026, 11, 25), agency=None)
    send_due_reminders(today=date(2026, 11, 24))
    assert [m.to for m in mailbox] == [[coordinator.email]]


@pytest.mark.django_db
def test_reminders_stop_once_the_document_is_submitted(world, specialist, mailbox):
    obligation = obligation_due(world, date(2026, 12, 22))
    send_due_reminders(today=date(2026, 11, 24))
    record_document_progress(
        agency=world.agency,
        kind=DocumentKind.ACTIVITY_REPORT,
        year=obligation.year,
        state="submitted",
        at=timezone.now(),
    )
    send_due_reminders(today=date(2026, 12, 8))
    assert len(mailbox) == 1
    assert plan_reminders(today=date(2026, 12, 15)) == []


@pytest.mark.django_db
def test_pending_reminder_of_a_fulfilled_obligation_is_cancelled_not_sent(world, specialist, mailbox):
    obligation = obligation_due(world, date(2026, 12, 1))
    Reminder.objects.create(obligation=obligation, recipient=specialist, step="7")
    Obligation.objects.filter(pk=obligation.pk).update(submitted_on=date(2026, 11, 20), state="submitted")
    send_due_reminders(today=date(2026, 11, 24))
    assert Reminder.objects.get().status == ReminderStatus.CANCELLED
    assert mailbox == []


@pytest.mark.django_db
def test_failed_smtp_send_is_retried_later_and_does_not_block_others(world, specialist, mailbox, settings):
    settings.EMAIL_BACKEND = "tests.funding.backends.RefusingBackend"
    refused = factories.specialist_of(world.agency)
    refused.email = REFUSED
    refused.save()
    obligation_due(world, date(2026, 12, 1))
    result = send_due_reminders(today=date(2026, 11, 24))
    assert (result.sent, result.failed) == (1, 1)
    failed = Reminder.objects.get(recipient=refused)
    assert (
        failed.status == ReminderStatus.FAILED and failed.attempts == 1 and "SMTPRecipientsRefused" in failed.last_error
    )
    assert failed.next_attempt_at > timezone.now()
    # An immediate re-run leaves it alone (backoff); later it is tried again.
    assert send_due_reminders(today=date(2026, 11, 24)).failed == 0
    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=5)):
        assert send_due_reminders(today=date(2026, 11, 24)).failed == 1
    assert Reminder.objects.get(recipient=refused).attempts == 2
    assert len(mailbox) == 1


@pytest.mark.django_db
def test_a_dropped_mail_session_is_reopened_for_the_next_email(world, mailbox, settings):
    settings.EMAIL_BACKEND = "tests.funding.backends.DroppingBackend"
    dropped = factories.specialist_of(world.agency)  # first in line: the session breaks before the others
    dropped.email = DROPS
    dropped.save()
    others = [factories.specialist_of(world.agency) for _ in range(2)]
    obligation_due(world, date(2026, 12, 1))
    result = send_due_reminders(today=date(2026, 11, 24))
    assert (result.sent, result.failed) == (2, 1)
    assert sorted(m.to[0] for m in mailbox) == sorted(user.email for user in others)


@pytest.mark.django_db
def test_send_reminders_dry_run_prints_and_sends_nothing(world, specialist, mailbox, capsys):
    obligation_due(world, date(2026, 12, 1))
    call_command("send_reminders", "--dry-run", "--date", "2026-11-24")
    out = capsys.readouterr().out
    assert specialist.email in out and "Sachbericht 2025" in out and "1 Erinnerungen würden" in out
    assert mailbox == [] and not Reminder.objects.exists()


@pytest.mark.django_db
def test_send_reminders_command_sends_through_the_same_service(world, specialist, mailbox, capsys):
    obligation_due(world, date(2026, 12, 1))
    call_command("send_reminders", "--date", "2026-11-24")
    call_command("send_reminders", "--date", "2026-11-24")
    assert len(mailbox) == 1


@pytest.mark.django_db
def test_weekly_digest_lists_late_and_upcoming_once_per_week(world, coordinator, mailbox):
    phase_2025()
    send_weekly_digests(today=date(2026, 5, 4))
    send_weekly_digests(today=date(2026, 5, 6))  # same week
    assert len(mailbox) == 1
    message = mailbox[0]
    assert message.to == [coordinator.email]
    # per agency (two): analysis, two task plans, spending forecast 2025, controlling and report 2025; the district:
    # interim statement (30.04.2026)
    assert "Überfällig: 13 Abgabepflichten" in message.body
    assert "In den nächsten acht Wochen fällig: 0 Abgabepflichten" in message.body
    assert "Duisburg-Marxloh" in message.body
    html = message.alternatives[0][0]
    assert "Duisburg-Marxloh (Frist 30.04.2026; Frist beim Bezirksverband versäumt)" in html
    assert 'href="http://localhost:8000/foerderung/fristen/' in html


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("batch_size", [200, 2])  # one batch each, or the threads interleave many small batches
def test_concurrent_runs_send_each_reminder_once(requires_postgres, world, mailbox, monkeypatch, batch_size):
    monkeypatch.setattr(reminders, "BATCH_SIZE", batch_size)
    for _ in range(6):
        factories.specialist_of(world.agency)
    for day in (1, 2, 3, 4, 5):
        obligation_due(world, date(2026, 11, 24 + day), year=2020 + day)
    errors = []
    barrier = threading.Barrier(3)

    def run():
        try:
            barrier.wait()
            send_due_reminders(today=date(2026, 11, 24))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Reminder.objects.count() == 30
    assert Reminder.objects.filter(status=ReminderStatus.SENT).count() == 30
    assert len(mailbox) == 30
    assert len({(m.to[0], m.subject) for m in mailbox}) == 30


def in_future(delta):
    return time_machine.travel(timezone.now() + delta, tick=False)


@pytest.mark.django_db
def test_rows_leased_by_a_crashed_worker_wait_for_the_lease_then_go_out_once(world, specialist, mailbox):
    obligation = obligation_due(world, date(2026, 12, 1))
    Reminder.objects.create(
        obligation=obligation,
        recipient=specialist,
        step="7",
        claim_token="crashed",
        claimed_until=timezone.now() + LEASE,
    )
    result = send_due_reminders(today=date(2026, 11, 24))
    assert (result.sent, result.deferred, len(mailbox)) == (0, 1, 0)
    with in_future(LEASE):
        result = send_due_reminders(today=date(2026, 11, 24))
    assert (result.sent, result.deferred, len(mailbox)) == (1, 0, 1)
    assert Reminder.objects.get().status == ReminderStatus.SENT


@pytest.mark.django_db
def test_a_worker_dying_after_the_mail_server_took_an_email_repeats_only_that_one(world, mailbox, settings):
    for _ in range(2):
        factories.specialist_of(world.agency)
    dying = factories.specialist_of(world.agency)
    dying.email = DIES_AFTER
    dying.save()
    for _ in range(2):
        factories.specialist_of(world.agency)
    obligation_due(world, date(2026, 12, 1))
    settings.EMAIL_BACKEND = "tests.funding.backends.WorkerDiesAfterHandingOver"
    with pytest.raises(WorkerDied):
        send_due_reminders(today=date(2026, 11, 24))
    assert len(mailbox) == 3  # two before it, and its own, taken by the server but not recorded
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due_reminders(today=date(2026, 11, 24)).sent == 0  # the rest is still leased to the dead worker
    with in_future(LEASE):
        send_due_reminders(today=date(2026, 11, 24))
    addresses = [message.to[0] for message in mailbox]
    assert len(addresses) == 6 and len(set(addresses)) == 5
    assert addresses.count(DIES_AFTER) == 2
    assert Reminder.objects.filter(status=ReminderStatus.SENT).count() == 5


@pytest.mark.django_db
def test_a_batch_is_handed_back_when_half_its_lease_is_used_and_each_email_still_goes_once(world, mailbox, monkeypatch):
    for _ in range(3):
        factories.specialist_of(world.agency)
    obligation_due(world, date(2026, 12, 1))
    reminders.claim_reminders(plan_reminders(today=date(2026, 11, 24)))
    leases = []
    lease = reminders._lease
    monkeypatch.setattr(reminders, "_lease", lambda *a, **kw: leases.append(lease(*a, **kw)) or leases[-1])
    with time_machine.travel(timezone.now(), tick=False) as traveller:

        def slow_compose(reminder):
            traveller.shift(LEASE / 2 + timedelta(seconds=1))  # each e-mail takes half the lease
            return reminders._compose_reminder(reminder, date(2026, 11, 24))

        result = RunResult()
        deliver(Reminder.objects.select_related("recipient", "obligation"), compose=slow_compose, result=result)
    assert result.sent == 3 and len(mailbox) == 3
    assert [len(pks) for pks in leases] == [3, 2, 1, 0]
    assert not Reminder.objects.exclude(status=ReminderStatus.SENT).exists()
    assert not Reminder.objects.exclude(claim_token="").exists()


@pytest.mark.django_db
def test_a_run_needs_one_query_more_per_further_email(world, specialist, mailbox):
    def queries_for_a_run(emails: int) -> int:
        Reminder.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            assert send_due_reminders(today=date(2026, 11, 24)).sent == emails
        return len(queries)

    obligation_due(world, date(2026, 12, 1), year=2020)
    one = queries_for_a_run(1)
    for _ in range(3):
        factories.specialist_of(world.agency)
    obligation_due(world, date(2026, 12, 1), year=2021)
    eight = queries_for_a_run(8)  # two obligations, four specialists
    assert eight - one == 7  # the UPDATE that marks each further e-mail sent


@pytest.mark.django_db
def test_the_daily_task_retries_while_rows_are_leased_elsewhere(world, specialist, mailbox):
    obligation = obligation_due(world, date(2026, 12, 1))
    Reminder.objects.create(
        obligation=obligation,
        recipient=specialist,
        step="7",
        claim_token="crashed",
        claimed_until=timezone.now() + LEASE,
    )
    with pytest.raises(Retry):  # raised into the caller because eager tasks propagate (settings)
        tasks.send_due_reminders.apply(kwargs={"today": "2026-11-24"})
