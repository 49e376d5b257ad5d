"""The survey's main flow in a browser: a specialist answers and submits; the owner sees the response rate and
the report with the 2013 edition beside it."""

import pytest
from django.utils import timezone

from agencies import demo as agencies_demo
from reporting import demo as reporting_demo
from tests.e2e.conftest import assert_accessible, assert_no_horizontal_scroll, follow_menu, login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_surveys(db):
    today = timezone.localdate()
    agencies_demo.seed(today=today)
    reporting_demo.seed(today=today)
    return str(today.year)


def test_specialist_answers_and_owner_sees_rate_and_report(page, demo_surveys):
    login(page, "fachkraft")
    follow_menu(page, "Netzwerk", "Umfragen")
    page.get_by_role("link", name="Kooperation zwischen Integrationsagenturen vor Ort").first.click()
    page.get_by_role("link", name="Fragebogen öffnen").click()
    assert_accessible(page)

    page.get_by_role("group", name="Gibt es in Ihrem Zuständigkeitsgebiet").get_by_label("ja").check()
    page.get_by_label("Mit welchen Integrationsagenturen sind Sie in Kooperation?").select_option(
        label="Caritas Essen-Altendorf (Caritas)"
    )
    page.get_by_label("gemeinsame Veranstaltungen").check()
    page.get_by_role("button", name="Entwurf speichern").click()
    assert page.get_by_text("Ihr Entwurf wurde gespeichert").is_visible()
    assert page.get_by_label("gemeinsame Veranstaltungen").is_checked()

    # The follow-up question appears only after „ja“.
    follow_up = page.get_by_label("Welche Unterstützung wäre hilfreich?")
    assert not follow_up.is_visible()
    page.get_by_role("group", name="Wünschen Sie Unterstützung").get_by_label("ja").check()
    follow_up.fill("Ein gemeinsamer Fachtag der Agenturen in Essen.")
    page.get_by_role("button", name="Antwort abschicken").click()
    assert page.get_by_text("Vielen Dank!").is_visible()
    assert "Ein gemeinsamer Fachtag" in page.locator("main").inner_text()
    assert_accessible(page)

    page.context.clear_cookies()
    login(page, "land")
    follow_menu(page, "Netzwerk", "Umfragen")
    page.get_by_role("link", name="Kooperation zwischen Integrationsagenturen vor Ort").first.click()
    status = page.locator("main").inner_text()
    assert "8 von 16 Agenturen haben geantwortet (50 %)" in status
    assert_accessible(page)
    page.get_by_role("link", name="Auswertung ansehen").click()
    page.get_by_label("Vergleich mit Ausgabe").select_option(label="2013")
    page.get_by_role("button", name="Anwenden").click()
    text = page.locator("main").inner_text()
    assert "Vergleich mit der Ausgabe 2013" in text
    assert "Mehrfachnennungen möglich" in text
    assert "Ein gemeinsamer Fachtag" in text
    assert page.locator("svg.chart-svg").count() >= 5
    assert_accessible(page)


def test_report_is_readable_at_360_px(phone_page, demo_surveys):
    login(phone_page, "koordination")
    phone_page.goto("/umfragen/")
    phone_page.get_by_role("link", name="Kooperation zwischen Integrationsagenturen vor Ort").last.click()
    phone_page.get_by_role("link", name="Auswertung ansehen").click()
    assert "Rücklauf" in phone_page.locator("main").inner_text()
    assert_no_horizontal_scroll(phone_page)
    assert_accessible(phone_page)


def test_cooperation_pages_are_accessible(page, demo_surveys):
    login(page, "fachkraft")
    follow_menu(page, "Netzwerk", "Kooperationen")
    page.get_by_label("Partneragentur").select_option(label="Caritas Essen-Katernberg (Caritas)")
    page.get_by_label("gemeinsame Sozialraumanalysen").check()
    page.get_by_role("button", name="Speichern").click()
    assert "Caritas Essen-Katernberg" in page.locator("table").inner_text()
    assert_accessible(page)

    page.context.clear_cookies()
    login(page, "koordination")
    follow_menu(page, "Netzwerk", "Kooperationsnetz")
    assert page.locator("svg.network-svg").is_visible()
    assert "Caritas Essen-Katernberg" in page.locator("main").inner_text()
    assert_accessible(page)
    page.goto("/umfragen/neu/")
    page.get_by_role("button", name="Speichern").click()
    assert page.locator("#fehler").is_visible()
    assert_accessible(page)
