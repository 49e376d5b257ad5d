"""The district coordination walks through the money pages of the demo data; every page passes axe-core."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from agencies import demo as agencies_demo
from finance import demo as finance_demo
from finance.models import JointApplication, UseOfFundsStatement
from tests.e2e.conftest import assert_accessible, login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_money(db):
    agencies_demo.seed(today=timezone.localdate())
    finance_demo.seed(today=timezone.localdate())


def test_coordinator_sees_application_balances_and_interim_statement(page, demo_money):
    login(page, "koordination")
    expect(page.locator("main")).to_contain_text("Gesamtantrag:")
    assert_accessible(page)
    today = timezone.localdate()
    application = JointApplication.objects.get(phase__starts_on__lte=today, phase__ends_on__gte=today)
    phase = application.phase
    page.goto(application.get_absolute_url())
    expect(page.locator("main")).to_contain_text(
        f"KfI 34.2-IA-{phase.starts_on.year}/{phase.ends_on.year % 100:02d}-AWO-NR"
    )
    expect(page.locator("main")).to_contain_text("-1.000,00 €")
    assert_accessible(page)
    page.goto("/finanzen/mittel/")
    expect(page.locator("tfoot")).to_contain_text("Gesamt")
    assert_accessible(page)
    page.goto("/finanzen/mittel-controlling/")
    expect(page.locator("main")).to_contain_text("Mehrbedarf gesamt")
    assert_accessible(page)
    page.goto(UseOfFundsStatement.objects.order_by("-pk").first().get_absolute_url())
    expect(page.locator("main")).to_contain_text("Aufbewahrungsfrist")
    assert_accessible(page)


def test_provider_manager_sees_own_balance_only(page, demo_money):
    login(page, "traeger")
    page.goto("/finanzen/mittel/")
    text = page.locator("main").inner_text()
    assert "Essen" in text and "Duisburg-Marxloh" not in text
    assert_accessible(page)


def test_balances_explain_themselves_before_the_first_phase(page, db):
    agencies_demo.seed(today=timezone.localdate())
    login(page, "koordination")
    page.goto("/finanzen/mittel/")
    expect(page.locator("main")).to_contain_text("Es ist noch keine Förderphase angelegt.")
    assert_accessible(page)
