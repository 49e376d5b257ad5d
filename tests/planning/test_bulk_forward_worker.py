"""Bulk forward runs on a real Celery worker and yields one ZIP of the stored PDFs."""

import io
import time
import zipfile

import pytest
from django.urls import reverse

from core.jobs import BulkJob
from core.services import stored_documents_of
from core.workflow import State
from planning.services.workflow import approve, submit
from tests import factories
from tests.planning import factories as pf


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_bulk_forward_on_real_worker_stores_pdfs_and_zip(celery_worker, client, world):
    specialist = factories.specialist_of(world.agency)
    sibling_specialist = factories.specialist_of(world.sibling_agency)
    coordinator = factories.coordinator_of(world.district)
    plans = []
    for agency, user in ((world.agency, specialist), (world.sibling_agency, sibling_specialist)):
        plan = pf.complete_plan(agency)
        submit(document=plan, by=user)
        approve(document=plan, by=coordinator)
        plans.append(plan)
    client.force_login(coordinator)
    response = client.post(
        reverse("planning:bulk_action"),
        {"aktion": "weiterleiten", "dokument": [f"aufgabenplanung:{p.pk}" for p in plans]},
    )
    job = BulkJob.objects.get()
    assert response.url == job.get_absolute_url()
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            break
        time.sleep(0.5)
    assert job.state == BulkJob.State.DONE, job.problems
    assert job.done == job.total == 2
    status = client.get(reverse("core:job_status", args=[job.pk])).json()
    assert status["percent"] == 100 and status["download"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(client.get(status["download"]).streaming_content)))
    assert len(archive.namelist()) == 2
    for plan in plans:
        plan.refresh_from_db()
        assert plan.state == State.FORWARDED
        stored = stored_documents_of(plan).get()
        assert archive.read(stored.filename) == stored.file.open("rb").read()
    client.force_login(specialist)
    assert client.get(reverse("core:job_status", args=[job.pk])).status_code == 404
