"""A specialist writes an analysis and a plan in the browser; the coordinator returns it, the specialist
resubmits, the coordinator approves, forwards and downloads the stored PDF."""

import pytest
from django.utils import timezone

from agencies import demo
from core.workflow import State
from planning.demo import ensure_phases
from planning.models import SocialSpaceAnalysis, TaskPlan
from tests.e2e.conftest import assert_accessible, follow_menu, login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def registry(db):
    demo.seed(today=timezone.localdate())
    ensure_phases(timezone.localdate())


def test_specialist_and_coordinator_walk_the_whole_flow(page, browser, live_server, registry):
    login(page, "fachkraft")
    follow_menu(page, "Planung & Berichte", "Analysen, Planungen, Sachberichte")
    page.get_by_role("link", name="Sozialraumanalyse anlegen").click()
    page.get_by_label("Förderjahr").fill("2025")
    page.get_by_role("button", name="Anlegen").click()
    page.get_by_role("link", name="Bearbeiten", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Altendorf (Essen)").check()
    page.get_by_label("Caritas Essen-Altendorf").check()
    page.fill("#id_daten-0-indicator", "Anteil ohne deutsche Staatsangehörigkeit")
    page.fill("#id_daten-0-value", "31,4")
    page.fill("#id_daten-0-unit", "%")
    page.fill("#id_daten-0-source", "Amt für Statistik Essen")
    page.fill("#id_daten-0-reference_year", "2024")
    page.get_by_label("Erkenntnisse", exact=True).fill("Viele junge Familien, wenige Treffpunkte.")
    page.fill("#id_bedarfe-0-title", "Begegnungsorte schaffen")
    page.select_option("#id_bedarfe-0-field_of_action", label="Sozialraumorientierte Arbeit")
    page.get_by_label("Bezug zum kommunalen Integrationskonzept").fill("Mitarbeit im Arbeitskreis Integration.")
    page.get_by_label("Kooperation mit dem Kommunalen Integrationszentrum").fill("Quartalsweise Abstimmung.")
    page.get_by_role("button", name="Speichern und zur Übersicht").click()
    page.get_by_role("button", name="Einreichen").click()
    assert page.get_by_text("Das Dokument wurde eingereicht.").is_visible()
    analysis = SocialSpaceAnalysis.objects.get(agency__name="Essen")
    assert analysis.state == State.SUBMITTED

    follow_menu(page, "Planung & Berichte", "Analysen, Planungen, Sachberichte")
    page.get_by_role("link", name="Aufgabenplanung anlegen").click()
    page.get_by_label("Förderjahr").fill("2026")
    page.get_by_role("button", name="Anlegen").click()
    page.get_by_role("link", name="Aufgabe hinzufügen").click()
    page.get_by_label("Thema der Aufgabe").fill("Nachbarschaftstreff im Quartier")
    page.select_option("#id_field_of_action", label="Sozialraumorientierte Arbeit")
    page.get_by_label("Begegnungsorte schaffen").check()
    page.get_by_label("Anlass/Begründung").fill("Die Analyse zeigt fehlende Treffpunkte.")
    page.get_by_label("Übergeordnetes Ziel").fill("Nachbarinnen und Nachbarn begegnen sich regelmäßig.")
    page.fill("#id_teilziele-0-description", "Regelmäßige Treffen")
    page.fill("#id_teilziele-0-indicator", "Treffen")
    page.fill("#id_teilziele-0-target_value", "20")
    page.fill("#id_teilziele-0-unit", "Termine")
    page.fill("#id_massnahmen-0-description", "Offener Treff im Stadtteilbüro")
    page.select_option("#id_massnahmen-0-start_month", label="Januar")
    page.select_option("#id_massnahmen-0-end_month", label="Dezember")
    assert_accessible(page)
    page.get_by_role("button", name="Speichern und zur Planung").click()
    page.get_by_role("button", name="Einreichen").click()
    plan = TaskPlan.objects.get(agency__name="Essen")
    assert plan.state == State.SUBMITTED

    context = browser.new_context(locale="de-DE", base_url=live_server.url)
    coordinator = context.new_page()
    login(coordinator, "koordination")
    follow_menu(coordinator, "Planung & Berichte", "Eingang")
    assert_accessible(coordinator)
    coordinator.get_by_role("link", name="Aufgabenplanung").first.click()
    coordinator.get_by_label("Begründung der Rückgabe (Pflicht)").fill("Bitte das Ziel konkretisieren.")
    coordinator.get_by_role("button", name="Zurückgeben").click()
    assert coordinator.get_by_text("zurückgegeben").first.is_visible()

    page.goto(plan.get_absolute_url())
    assert page.get_by_text("Bitte das Ziel konkretisieren.").is_visible()
    page.get_by_role("link", name="bearbeiten", exact=True).click()
    page.get_by_label("Übergeordnetes Ziel").fill("Jede Woche ein offener Treff mit 15 Nachbarinnen und Nachbarn.")
    page.get_by_role("button", name="Speichern und zur Planung").click()
    page.get_by_role("button", name="Einreichen").click()

    coordinator.goto(plan.get_absolute_url())
    assert coordinator.get_by_text("Geändert seit der letzten Einreichung").is_visible()
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Freigeben").click()
    coordinator.get_by_role("button", name="An die Bewilligungsbehörde weiterleiten").click()
    assert coordinator.get_by_text("das PDF ist gespeichert").is_visible()
    link = coordinator.get_by_role("link", name="Weitergeleitetes PDF herunterladen")
    response = coordinator.request.get(live_server.url + link.get_attribute("href"))
    assert response.body().startswith(b"%PDF")
    plan.refresh_from_db()
    assert plan.state == State.FORWARDED
    context.close()
