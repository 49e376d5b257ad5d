"""A provider manager files a cost plan in the browser, the district coordination approves it."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from core.workflow import State
from finance.models import CostPlan
from tests import factories
from tests.e2e.conftest import assert_accessible, assert_no_horizontal_scroll, login
from tests.finance import factories as finance_factories

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "geheim-123"


@pytest.fixture
def people(db):
    agency = factories.AgencyFactory(name="Duisburg-Marxloh")
    factories.staff_agency(agency, "1.00", pay_group="S 12")
    factories.staff_agency(agency, "0.50", pay_group="S 12")
    phase, _years = finance_factories.phase_2025_2026()
    finance_factories.funding_rate(phase, is_demo=True)
    return {
        "agency": agency,
        "provider": factories.provider_manager_of(agency.provider),
        "coordinator": factories.coordinator_of(agency.provider.district),
    }


def test_provider_files_a_cost_plan_and_coordinator_approves_it(page, people):
    login(page, people["provider"].username, PASSWORD)
    page.goto("/finanzen/kostenplaene/neu/")
    assert_accessible(page)
    page.get_by_label("Integrationsagentur").select_option(label="Duisburg-Marxloh")
    page.get_by_label("Förderjahr").select_option(label="2026")
    page.get_by_role("button", name="Anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kosten- und Finanzierungsplan Duisburg-Marxloh 2026")
    assert "99.000,00 €" in page.locator("main").inner_text()
    assert "Demo-Werte" in page.locator("main").inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Bearbeiten").click()
    page.get_by_label("Eigenanteil des Trägers (€)").fill("8.000,00")
    page.get_by_role("button", name="Speichern und prüfen").click()
    expect(page.locator("main")).to_contain_text("Der Eigenanteil beträgt 8,08 % der Gesamtkosten")
    assert_accessible(page)
    page.get_by_label("Eigenanteil des Trägers (€)").fill("9.900,00")
    page.get_by_label("beantragte Zuwendung (€)").fill("88.100,00")
    page.get_by_label("Drittmittel (€)").fill("1.000,00")
    page.get_by_label("Herkunft der Drittmittel").fill("Zuschuss der Stadt Duisburg")
    page.get_by_role("button", name="Speichern", exact=True).click()
    expect(page.locator("main")).to_contain_text("nichts zu beanstanden")
    page.get_by_role("button", name="Einreichen").click()
    expect(page.locator("main")).to_contain_text("wurde eingereicht")

    page.context.clear_cookies()
    login(page, people["coordinator"].username, PASSWORD)
    plan = CostPlan.objects.get(agency=people["agency"])
    page.goto(plan.get_absolute_url())
    assert_accessible(page)
    page.get_by_label("Kommentar (bei Rückgabe erforderlich)").fill("Geprüft.")
    page.get_by_role("button", name="Freigeben").click()
    expect(page.locator("main")).to_contain_text("wurde freigegeben")
    plan.refresh_from_db()
    assert plan.state == State.APPROVED
    assert plan.third_party_funds == Decimal("1000.00")


def test_cost_plan_page_works_at_360_px(phone_page, people):
    login(phone_page, people["provider"].username, PASSWORD)
    phone_page.goto("/finanzen/kostenplaene/neu/")
    phone_page.get_by_label("Integrationsagentur").select_option(label="Duisburg-Marxloh")
    phone_page.get_by_label("Förderjahr").select_option(label="2025")
    phone_page.get_by_role("button", name="Anlegen").click()
    assert_no_horizontal_scroll(phone_page)
    assert_accessible(phone_page)
