"""The main menu in the browser: every entry can be reached with the keyboard, the menu collapses behind a button
on a phone, and the landing page with its menu passes axe for a coordinator and a specialist."""

import pytest
from django.utils import timezone

from agencies import demo
from planning.demo import ensure_phases
from tests.e2e.conftest import assert_accessible, assert_no_horizontal_scroll, login

pytestmark = pytest.mark.django_db(transaction=True)

MENU = "#hauptmenue > ul.me-auto > li"


@pytest.fixture
def registry(db):
    demo.seed(today=timezone.localdate())
    ensure_phases(timezone.localdate())


def _menu_entries(page) -> list[dict]:
    """Every entry as the page shows it: the dropdown button it sits behind (or None) and its place there."""
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)].flatMap(li => {
            const toggle = li.querySelector(':scope > button.dropdown-toggle');
            const links = [...li.querySelectorAll('a[href]')];
            return links.map((a, index) => ({
                toggle: toggle ? toggle.id : null, index, href: a.getAttribute('href'), label: a.textContent.trim()
            }));
        })""",
        MENU,
    )


def _tab_to(page, selector: str, limit: int = 40) -> None:
    """Presses Tab (from the top of a freshly loaded page) until `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{selector} ist mit der Tabulatortaste nicht erreichbar.")


def _focused_href(page) -> str | None:
    return page.evaluate("() => document.activeElement.getAttribute('href')")


def test_coordinator_reaches_every_menu_entry_with_the_keyboard(page, registry):
    login(page, "koordination")
    entries = _menu_entries(page)
    assert len(entries) >= 20
    assert sum(1 for entry in entries if entry["toggle"]) >= 15  # most entries sit in dropdowns
    for entry in entries:
        if entry["toggle"]:
            toggle = f"#{entry['toggle']}"
            _tab_to(page, toggle)
            assert page.get_attribute(toggle, "aria-expanded") == "false"
            page.keyboard.press("Enter")
            assert page.get_attribute(toggle, "aria-expanded") == "true"
            for _ in range(entry["index"] + 1):
                page.keyboard.press("ArrowDown")
        else:
            _tab_to(page, f'{MENU} > a[href="{entry["href"]}"]')
        assert _focused_href(page) == entry["href"], entry
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.evaluate("() => location.pathname").startswith(entry["href"])  # some pages add the year
        current = page.locator("#hauptmenue a[aria-current]")
        assert current.count() == 1
        assert current.get_attribute("href") == entry["href"]


def test_escape_closes_a_dropdown_and_returns_the_focus_to_its_button(page, registry):
    login(page, "koordination")
    _tab_to(page, "#menu-finance")
    page.keyboard.press("ArrowDown")  # opens the dropdown and moves into it
    assert page.get_attribute("#menu-finance", "aria-expanded") == "true"
    assert _focused_href(page) is not None
    page.keyboard.press("Escape")
    assert page.get_attribute("#menu-finance", "aria-expanded") == "false"
    assert page.evaluate("() => document.activeElement.id") == "menu-finance"


def test_menu_collapses_behind_a_button_at_360_px_and_opens(phone_page, registry):
    login(phone_page, "koordination")
    menu = phone_page.locator("#hauptmenue")
    toggler = phone_page.get_by_role("button", name="Menü öffnen")
    assert not menu.is_visible()
    assert toggler.get_attribute("aria-expanded") == "false"
    toggler.click()
    menu.wait_for(state="visible")
    assert toggler.get_attribute("aria-expanded") == "true"
    phone_page.get_by_role("button", name="Finanzen").click()
    assert phone_page.get_by_role("link", name="Kosten- und Finanzierungspläne").is_visible()
    assert_no_horizontal_scroll(phone_page)
    assert_accessible(phone_page)


@pytest.mark.parametrize("username", ["koordination", "fachkraft"])
def test_landing_page_with_its_menu_is_accessible_at_1280_px(page, registry, username):
    login(page, username)
    assert_accessible(page)
    page.get_by_role("button", name="Planung & Berichte").click()
    assert_accessible(page)


@pytest.mark.parametrize("username", ["koordination", "fachkraft"])
def test_landing_page_with_its_menu_is_accessible_at_360_px(phone_page, registry, username):
    login(phone_page, username)
    assert_accessible(phone_page)
    phone_page.get_by_role("button", name="Menü öffnen").click()
    phone_page.locator("#hauptmenue").wait_for(state="visible")
    phone_page.get_by_role("button", name="Planung & Berichte").click()
    assert_no_horizontal_scroll(phone_page)
    assert_accessible(phone_page)


def test_specialist_gets_plain_links_for_groups_with_one_entry(page, registry):
    login(page, "fachkraft")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    assert nav.get_by_role("link", name="Agenturen", exact=True).is_visible()
    assert nav.get_by_role("link", name="Arbeitskreise", exact=True).is_visible()
    assert nav.get_by_role("button", name="Agenturen").count() == 0
