"""Online-Controlling in the browser: the specialist confirms the prefilled values and submits, the coordinator
approves, the state level sees the dashboard with the small group suppressed."""

import pytest
from django.utils import timezone

from agencies import demo
from agencies.models import Agency
from core.models import User
from core.workflow import State
from reporting.models import ControllingReport
from reporting.services import controlling as service
from tests.e2e.conftest import assert_accessible, follow_menu, login
from tests.reporting.controlling.factories import FIGURES, published_template, report_with

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def prepared(db):
    demo.seed(today=timezone.localdate())
    template = published_template(figures=[f for f in FIGURES if f[0] in ("vzae", "koepfe", "teilnehmende")])
    awo = Agency.objects.filter(provider__district__welfare_association__short_name="AWO").exclude(name="Essen")
    for agency in awo[:3]:
        report_with(agency, 2026, template, {"teilnehmende": 40, "vzae": "1.0", "koepfe": 1})
    caritas = Agency.objects.filter(provider__district__welfare_association__short_name="Caritas").first()
    report_with(caritas, 2026, template, {"teilnehmende": 70, "vzae": "1.0", "koepfe": 1})
    essen = Agency.objects.get(name="Essen")
    return service.create_report(agency=essen, year=2026, by=User.objects.get(username="fachkraft"))


def test_confirm_submit_approve_and_suppressed_dashboard(page, prepared):
    report = prepared
    login(page, "fachkraft")
    follow_menu(page, "Planung & Berichte", "Online-Controlling")
    page.get_by_role("link", name="Essen").first.click()
    assert page.get_by_text("aus dem Agenturverzeichnis").first.is_visible()
    page.get_by_role("link", name="Werte prüfen und bearbeiten").click()
    assert_accessible(page)
    for box in page.get_by_label("Übernommenen Wert bestätigen").all():
        box.check()
    teilnehmende = report.template.key_figures.get(code="teilnehmende")
    page.fill(f"#id_f{teilnehmende.pk}", "55")
    page.get_by_label("Selbstevaluation?").select_option("ja")
    page.get_by_role("button", name="Speichern").click()
    assert page.get_by_text("Der Bericht wurde gespeichert.").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Einreichen").click()
    assert page.get_by_text("Der Bericht wurde eingereicht.").is_visible()
    report.refresh_from_db()
    assert report.state == State.SUBMITTED

    page.context.clear_cookies()
    login(page, "koordination")
    page.goto(report.get_absolute_url())
    page.get_by_role("button", name="Freigeben").click()
    assert page.get_by_text("Der Bericht wurde freigegeben.").is_visible()
    assert ControllingReport.objects.get(pk=report.pk).state == State.APPROVED

    page.context.clear_cookies()
    login(page, "land")
    page.get_by_role("link", name="Wirkungsdialog").click()
    page.get_by_label("Kennzahl").select_option("teilnehmende")
    page.get_by_role("button", name="Anzeigen").click()
    assert page.get_by_role("cell", name="gesperrt (kleine Gruppe)").first.is_visible()
    assert page.get_by_role("row", name="AWO").first.is_visible()
    text = page.locator("main").inner_text()
    assert "Caritas Essen-Altendorf" not in text and "Duisburg-Marxloh" not in text  # no single agency
    assert_accessible(page)
