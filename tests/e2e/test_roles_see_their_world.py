"""A specialist and a coordinator log in and see their own world – and nothing of the other district."""

import pytest
from django.utils import timezone

from agencies import demo
from tests.e2e.conftest import assert_accessible, assert_no_horizontal_scroll, login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_registry(db):
    demo.seed(today=timezone.localdate())


def test_specialist_sees_own_agency_only(page, demo_registry):
    login(page, "fachkraft")
    assert page.get_by_role("heading", name="Ihre Integrationsagentur").is_visible()
    page.get_by_role("link", name="Agenturen", exact=True).click()
    rows = page.locator("tbody tr")
    assert rows.count() == 1
    assert "Essen" in rows.first.inner_text()
    assert "Caritas" not in page.content()
    assert_accessible(page)


def test_specialist_cannot_open_caritas_agency_by_url(page, demo_registry):
    from agencies.models import Agency

    other = Agency.objects.get(name="Caritas Essen-Altendorf")
    login(page, "fachkraft")
    response = page.goto(other.get_absolute_url())
    assert response.status == 404
    assert "Altendorf" not in page.locator("main").inner_text()


def test_coordinator_sees_district_with_compendium_figures(page, demo_registry):
    login(page, "koordination")
    main = page.locator("main")
    assert "AWO Bezirksverband Niederrhein" in main.inner_text()
    assert "15,25 VZÄ" in main.inner_text()
    page.get_by_role("link", name="Agenturen und Stellen des Bezirks").click()
    text = page.locator("main").inner_text()
    assert "Duisburg-Marxloh" in text and "Caritas" not in text
    assert "23" in page.locator("tfoot").inner_text()
    assert_accessible(page)


def test_agency_list_works_at_360_px(phone_page, demo_registry):
    login(phone_page, "koordination")
    phone_page.goto("/agenturen/")
    assert phone_page.locator("tbody tr").count() == 13
    assert_no_horizontal_scroll(phone_page)
    assert_accessible(phone_page)
