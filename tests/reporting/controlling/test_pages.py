"""Every page of the Online-Controlling renders for the roles that may see it (and says 404 to the others)."""

import pytest
from django.urls import reverse

from reporting.services import controlling as service
from tests.reporting.controlling.factories import report_with

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role", ["specialist", "provider_manager", "coordinator", "state_level", "authority", "admin_user"]
)
def test_lists_and_dashboard_render_for_every_role(client, role, request, template, world):
    report_with(world.agency, 2026, template, {"teilnehmende": 5})
    client.force_login(request.getfixturevalue(role))
    for name in ("controlling_reports", "controlling_templates", "controlling_dashboard", "controlling_briefing"):
        assert client.get(reverse(f"reporting:{name}")).status_code == 200, name
    assert client.get(reverse("reporting:controlling_template", args=[template.pk])).status_code == 200
    assert client.get(reverse("home") if _has_home() else "/").status_code == 200


def _has_home() -> bool:
    from django.urls import NoReverseMatch

    try:
        reverse("home")
    except NoReverseMatch:
        return False
    return True


def test_state_level_edits_a_draft_template_through_its_pages(client, template, state_level):
    draft = service.create_template(phase=template.phase, by=state_level)
    client.force_login(state_level)
    assert client.get(reverse("reporting:controlling_template", args=[draft.pk])).status_code == 200
    assert client.get(reverse("reporting:controlling_template_edit", args=[draft.pk])).status_code == 200
    figure = draft.key_figures.first()
    assert client.get(reverse("reporting:controlling_figure_edit", args=[draft.pk, figure.pk])).status_code == 200
    question = draft.questions.first()
    assert client.get(reverse("reporting:controlling_question_edit", args=[draft.pk, question.pk])).status_code == 200
    response = client.post(reverse("reporting:controlling_item_delete", args=[draft.pk, "frage", question.pk]))
    assert response.status_code == 302 and not draft.questions.filter(pk=question.pk).exists()
    client.post(reverse("reporting:controlling_template_publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.is_published


def test_a_question_with_options_of_a_wrong_shape_is_refused_at_the_field(client, template, state_level):
    draft = service.create_template(phase=template.phase, by=state_level)
    client.force_login(state_level)
    response = client.post(
        reverse("reporting:controlling_question_create", args=[draft.pk]),
        {"code": "stand", "text": "Wie ist der Stand?", "kind": "single", "options": "Gut Ding|gut", "position": 3},
    )
    assert "ist kein gültiger Schlüssel" in response.content.decode()
    assert "Wie ist der Stand?" in response.content.decode()


def test_drafts_of_templates_are_hidden_from_coordinators(client, template, state_level, coordinator):
    draft = service.create_template(phase=template.phase, by=state_level)
    client.force_login(coordinator)
    assert client.get(reverse("reporting:controlling_template", args=[draft.pk])).status_code == 404


def test_specialist_creates_the_report_from_the_list(client, specialist, template, world):
    import time_machine

    with time_machine.travel("2027-03-01 10:00"):
        client.force_login(specialist)
        response = client.post(reverse("reporting:controlling_create"), {"agency": world.agency.pk, "year": 2026})
    assert response.status_code == 302
    assert world.agency.controlling_reports.filter(year=2026).exists()


def test_specialist_cannot_create_for_another_agency_by_url(client, specialist, template, world):
    client.force_login(specialist)
    response = client.post(reverse("reporting:controlling_create"), {"agency": world.other_agency.pk, "year": 2026})
    assert response.status_code == 404


def test_dashboard_panel_lists_reports_to_review(client, coordinator, template, world):
    from core.workflow import State

    report_with(world.agency, 2026, template, {"teilnehmende": 5}, state=State.SUBMITTED)
    client.force_login(coordinator)
    response = client.get("/")
    assert "Online-Controlling: zu prüfen und weiterzuleiten" in response.content.decode()
