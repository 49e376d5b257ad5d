"""Measures the background work against the database in DATABASE_URL; prints JSON (one row per job).

    python benchmarks/jobs.py [--pdf] [--zip COUNT]

- daily run: obligation sync, late-marking and the reminder e-mails on a day a deadline of every agency is a week
  away (30.04. of next year minus 7 days), and the weekly digest of that week – time and queries;
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
    args = parser.parse_args()
    today = timezone.localdate()
    reminder_day = date(today.year + 1, 4, 30) - timedelta(days=args.days_ahead)
    rows = daily_run(reminder_day)
    rows.append(survey_report())
    if args.pdf:
        rows += long_report_pdf()
    if args.zip:
        rows += bulk_zip(args.zip)
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
