"""The workflow through the views, as the users click it."""

import pytest
from django.urls import reverse

from core.services import revisions_of, stored_documents_of
from core.workflow import State, Transition
from planning.models import TaskPlan

pytestmark = pytest.mark.django_db


def step_url(document, target):
    return reverse("planning:step", args=[document.URL_KIND, document.pk, target])


def test_specialist_submits_complete_plan(client, specialist, plan):
    client.force_login(specialist)
    response = client.post(step_url(plan, "einreichen"), {"comment": "Bitte prüfen"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.state == State.SUBMITTED
    assert revisions_of(plan).count() == 1


def test_coordinator_cannot_submit_for_agency(client, coordinator, plan):
    client.force_login(coordinator)
    assert client.post(step_url(plan, "einreichen")).status_code == 404
    plan.refresh_from_db()
    assert plan.state == State.DRAFT


def test_return_needs_a_comment(client, specialist, coordinator, plan):
    client.force_login(specialist)
    client.post(step_url(plan, "einreichen"))
    client.force_login(coordinator)
    client.post(step_url(plan, "zurueckgeben"), {"comment": ""})
    plan.refresh_from_db()
    assert plan.state == State.SUBMITTED


def test_full_cycle_return_resubmit_approve_forward_stores_pdf(client, specialist, coordinator, plan):
    client.force_login(specialist)
    client.post(step_url(plan, "einreichen"))
    client.force_login(coordinator)
    client.post(step_url(plan, "zurueckgeben"), {"comment": "Teilziel schärfen"})
    client.force_login(specialist)
    task = plan.tasks.first()
    task.goal = "Geschärftes Ziel"
    task.save()
    client.post(step_url(plan, "einreichen"))
    client.force_login(coordinator)
    detail = client.get(plan.get_absolute_url())
    assert "Geschärftes Ziel" in detail.content.decode()
    assert "Geändert seit der letzten Einreichung" in detail.content.decode()
    client.post(step_url(plan, "freigeben"))
    client.post(step_url(plan, "weiterleiten"))
    plan.refresh_from_db()
    assert plan.state == State.FORWARDED and plan.forwarded_at is not None
    stored = stored_documents_of(plan).get()
    response = client.get(reverse("planning:pdf", args=[plan.URL_KIND, plan.pk]))
    assert b"".join(response.streaming_content) == stored.file.open("rb").read()
    assert Transition.objects.filter(object_id=plan.pk).count() == 5


def test_specialist_cannot_open_another_agencys_plan(client, specialist, other_plan):
    client.force_login(specialist)
    assert client.get(other_plan.get_absolute_url()).status_code == 404
    assert client.get(reverse("planning:pdf", args=[other_plan.URL_KIND, other_plan.pk])).status_code == 404


def test_other_coordinator_cannot_approve(client, specialist, other_coordinator, plan):
    client.force_login(specialist)
    client.post(step_url(plan, "einreichen"))
    client.force_login(other_coordinator)
    assert client.post(step_url(plan, "freigeben")).status_code == 404
    assert TaskPlan.objects.get(pk=plan.pk).state == State.SUBMITTED
