"""Browser: the provider files an increase of hours, the coordination checks and forwards it, the funding authority
records its approval – each step on the demo data, each page checked with axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone

from agencies import demo
from agencies.models import StaffChange
from tests.e2e.conftest import assert_accessible, assert_no_horizontal_scroll, follow_menu, login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_registry(db):
    demo.seed(today=timezone.localdate())


def _switch_user(page, username):
    page.context.clear_cookies()
    login(page, username)


def test_increase_of_hours_from_filing_to_approval(page, demo_registry):
    start = timezone.localdate() + timedelta(weeks=8)
    login(page, "traeger")
    follow_menu(page, "Agenturen", "Personalveränderungen")
    page.get_by_role("link", name="Veränderung melden oder beantragen").first.click()
    page.get_by_label("Aufstockung des Stellenumfangs").check()
    assert_accessible(page)
    page.get_by_role("button", name="Weiter").click()

    page.get_by_label("wirksam ab").fill(start.strftime("%d.%m.%Y"))
    page.get_by_label("Fachkraft").select_option(label="Tobias Engel")
    page.get_by_label("Stellenanteil künftig (VZÄ)").fill("0,75")
    page.get_by_role("button", name="Als Entwurf speichern").click()
    assert "Begründung" in page.locator(".error-summary").inner_text()  # written justification required
    assert page.get_by_label("Stellenanteil künftig (VZÄ)").input_value() == "0,75"
    page.get_by_label("Begründung").fill("Zusätzliche Sprechstunden im Stadtteilbüro Altendorf.")
    page.get_by_role("button", name="Als Entwurf speichern").click()
    assert_accessible(page)
    page.get_by_role("button", name="Beim Bezirksverband einreichen").click()
    assert "eingereicht" in page.locator("main").inner_text()
    change = StaffChange.objects.get(kind="hours_increase", staff_member__last_name="Engel")

    _switch_user(page, "koordination")
    assert "Aufstockung des Stellenumfangs" in page.locator("main").inner_text()  # dashboard: awaiting check
    page.goto(change.get_absolute_url())
    page.get_by_role("button", name="Prüfung abschließen und freigeben").click()
    page.get_by_role("button", name="weiterleiten").click()
    assert page.get_by_role("link", name=f"personalveraenderung-{change.pk}").count() == 1
    assert_accessible(page)

    _switch_user(page, "behoerde")
    page.goto(change.get_absolute_url())
    page.get_by_role("link", name="Entscheidung der Behörde erfassen").click()
    page.get_by_label("Zugestimmt").check()
    page.get_by_label("Aktenzeichen").fill("KfI 51.2-0815/27")
    assert_accessible(page)
    page.get_by_role("button", name="Entscheidung speichern").click()
    main = page.locator("main").inner_text()
    assert "KfI 51.2-0815/27" in main and "Zugestimmt" in main
    change.refresh_from_db()
    assert change.decision.is_approved


def test_staff_change_list_works_at_360_px(phone_page, demo_registry):
    login(phone_page, "koordination")
    phone_page.goto("/agenturen/veraenderungen/")
    assert phone_page.locator("tbody tr").count() >= 5
    assert_no_horizontal_scroll(phone_page)
    assert_accessible(phone_page)
