"""Measures the background work against the database in DATABASE_URL; prints JSON (one row per job).

    python benchmarks/jobs.py [--pdf] [--zip COUNT]

- daily run: obligation sync, late-marking and the reminder e-mails on a day a deadline of every agency is a week
  away (30.04. of next year minus 7 days), and the weekly digest of that week – time and queries, in this process;
- the same through a real Celery worker with --workers processes (started here, on the broker in
  CELERY_BROKER_URL), as beat runs it in production: the daily task claims and sends together with its helper
  tasks on the other processes. It runs a week earlier (the 14-day reminders and that week's digest, as many
  e-mails), because the in-process run has already sent the first day's; timed until every e-mail is recorded;
- the survey report recomputed for the closed edition with the most answers;
- with --pdf: the PDF of the first agency's long Sachbericht vs bare WeasyPrint on the same HTML;
- with --zip N: the bulk forward of N approved documents through a real Celery worker (started here, on the broker
  in CELERY_BROKER_URL) vs the sum of rendering the same N PDFs one after another in this process.
Run by benchmarks/run.py; times with time.perf_counter.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.utils import timezone  # noqa: E402

settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
settings.DEBUG = False


def measured(name: str, call, note: str = "") -> dict:
    count = [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):  # counts every statement (the debug log keeps only 9,000)
        started = time.perf_counter()
        result = call()
        elapsed = (time.perf_counter() - started) * 1000
    return {"job": name, "ms": elapsed, "queries": count[0], "note": note.format(result=result)}


def daily_run(today: date) -> list[dict]:
    from funding.services import obligations, progress, reminders

    def run():
        obligations.sync_all_phases(today=today)
        progress.record_missed_deadlines(today=today)
        return reminders.send_due_reminders(today=today).sent

    daily = measured("Tageslauf (Abgleich, Verspätungen, Erinnerungen)", run, "{result} E-Mails")
    digest = measured(
        "Wochenübersicht (Digest)", lambda: reminders.send_weekly_digests(today=today).sent, "{result} E-Mails"
    )
    return [daily, digest]


def start_worker(processes: int) -> subprocess.Popen:
    from config.celery import app

    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", f"--concurrency={processes}", "-l", "WARNING"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(app.control.ping(timeout=1)) < 1:
        pass  # until the worker answers: its start-up is not part of the run
    return worker


def wait_until_recorded(model, expected: int, since) -> None:
    from funding.models import ReminderStatus

    done = model.objects.filter(created_at__gte=since, status__in=[ReminderStatus.SENT, ReminderStatus.CANCELLED])
    deadline = time.monotonic() + 600
    while done.count() < expected and time.monotonic() < deadline:
        time.sleep(0.05)


def daily_run_worker(today: date, processes: int) -> list[dict]:
    from config.celery import app
    from funding import tasks
    from funding.models import Digest, Reminder
    from funding.services import obligations, progress, reminders

    app.control.purge()  # a retry left on the benchmark's broker by an earlier run must not run during this one
    expected = len(reminders.plan_reminders(today=today))
    worker = start_worker(processes)
    try:
        daily_since = timezone.now()
        started = time.perf_counter()
        obligations.sync_all_phases(today=today)
        progress.record_missed_deadlines(today=today)
        tasks.send_due_reminders.delay(today.isoformat())
        wait_until_recorded(Reminder, expected, daily_since)
        daily_ms = (time.perf_counter() - started) * 1000
        digest_since = timezone.now()
        started = time.perf_counter()
        digests = reminders.claim_weekly_digests(today=today).claimed  # here, to know how many to wait for
        tasks.send_weekly_digests.delay(today.isoformat())
        wait_until_recorded(Digest, digests, digest_since)
        digest_ms = (time.perf_counter() - started) * 1000
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    sent = Reminder.objects.filter(created_at__gte=daily_since, status="sent").count()
    digests_sent = Digest.objects.filter(created_at__gte=digest_since, status="sent").count()
    return [
        {
            "job": f"Tageslauf über Celery-Worker ({processes} Prozesse, Erinnerung 14 Tage vorher)",
            "ms": daily_ms,
            "queries": 0,
            "note": f"{sent} E-Mails",
        },
        {
            "job": f"Wochenübersicht über Celery-Worker ({processes} Prozesse)",
            "ms": digest_ms,
            "queries": 0,
            "note": f"{digests_sent} E-Mails",
        },
    ]


def survey_report() -> dict:
    from django.db.models import Count, Q

    from reporting.models import Survey
    from reporting.services import report as report_service

    survey = (
        Survey.objects.filter(state="closed")
        .annotate(n=Count("responses", filter=Q(responses__state="submitted")))
        .order_by("-n")
        .first()
    )
    row = measured("Umfragebericht neu berechnet", lambda: report_service.compute(survey), "")
    row["note"] = f"{survey.n} Antworten"
    return row


def long_report_pdf() -> list[dict]:
    from weasyprint import HTML

    from core.pdf import _static_url_fetcher
    from core.services import latest_revision
    from planning.models import ActivityReport
    from planning.services.pdf import pdf_context, render_document_pdf

    report = (
        ActivityReport.objects.filter(state="forwarded", agency__name__startswith="Skala-")
        .order_by("agency_id", "-year")
        .first()
    )
    revision = latest_revision(report)
    html = render_to_string("planning/pdf/document.html", pdf_context(report, revision))
    pages = len(HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_static_url_fetcher).render().pages)

    def ours():
        return render_document_pdf(report, revision)

    def bare():
        return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_static_url_fetcher).write_pdf()

    samples = {"ours": [], "bare": []}
    for _ in range(5):
        for name, call in (("ours", ours), ("bare", bare)):
            started = time.perf_counter()
            call()
            samples[name].append((time.perf_counter() - started) * 1000)
    ours_ms, bare_ms = sorted(samples["ours"])[2], sorted(samples["bare"])[2]
    return [
        {
            "job": f"PDF Sachbericht ({pages} Seiten)",
            "ms": ours_ms,
            "queries": 0,
            "bare_ms": bare_ms,
            "note": f"bare WeasyPrint {bare_ms:.0f} ms",
        }
    ]


def bulk_zip(count: int) -> list[dict]:
    from agencies.models import DistrictAssociation, Membership, Role
    from core.jobs import BulkJob
    from core.models import User
    from core.services import latest_revision
    from planning.models import DOCUMENT_MODELS
    from planning.services.bulk import start_bulk_forward
    from planning.services.pdf import render_document_pdf

    user, _ = User.objects.get_or_create(username="skala-bench-koordination", defaults={"email": "b@skala.example"})
    Membership.objects.bulk_create(
        [Membership(user=user, role=Role.COORDINATOR, district=d) for d in DistrictAssociation.objects.all()],
        ignore_conflicts=True,
    )
    documents = []
    for slug, model in DOCUMENT_MODELS.items():
        for document in model.objects.filter(state="approved").order_by("-year", "pk")[:count]:
            documents.append((slug, document))
    documents = documents[:count]
    started = time.perf_counter()
    for _slug, document in documents:
        render_document_pdf(document, latest_revision(document))
    single_ms = (time.perf_counter() - started) * 1000

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--concurrency=1", "--pool=solo", "-l", "WARNING"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(5)  # the worker connects to the broker
        started = time.perf_counter()
        with transaction.atomic():
            job = start_bulk_forward(refs=[(slug, d.pk) for slug, d in documents], by=user)
        deadline = time.monotonic() + 1800
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.is_finished:
                break
            time.sleep(0.2)
        bulk_ms = (time.perf_counter() - started) * 1000
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    state = BulkJob.objects.get(pk=job.pk).state
    return [
        {
            "job": f"Sammel-ZIP {len(documents)} PDFs (Celery-Worker)",
            "ms": bulk_ms,
            "queries": 0,
            "bare_ms": single_ms,
            "note": f"Summe Einzel-PDFs {single_ms / 1000:.1f} s; Job {state}",
        }
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pdf", action="store_true")
    parser.add_argument("--zip", type=int, default=0)
    parser.add_argument("--days-ahead", type=int, default=7, help="reminder step: days before the 30.04. deadline")
    parser.add_argument("--workers", type=int, default=2, help="worker processes for the daily run (0: skip)")
    args = parser.parse_args()
    today = timezone.localdate()
    reminder_day = date(today.year + 1, 4, 30) - timedelta(days=args.days_ahead)
    rows = daily_run(reminder_day)
    if args.workers:
        rows += daily_run_worker(reminder_day - timedelta(days=7), args.workers)
    rows.append(survey_report())
    if args.pdf:
        rows += long_report_pdf()
    if args.zip:
        rows += bulk_zip(args.zip)
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
