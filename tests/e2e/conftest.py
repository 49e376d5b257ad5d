"""Browser tests: real headless Chromium (Debian's package) driven by Playwright, against pytest-django's
live server. In CI (AGENTURNETZ_REQUIRE_SERVICES=1) a missing browser fails the run instead of skipping."""

import json
import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls in the test itself are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        message = f"Chromium fehlt ({CHROMIUM}); installieren Sie das Debian-Paket 'chromium'."
        if os.environ.get("AGENTURNETZ_REQUIRE_SERVICES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin", base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    """A 360 px wide viewport, the narrowest phone we support."""
    context = browser.new_context(
        locale="de-DE", base_url=live_server.url, viewport={"width": 360, "height": 740}, is_mobile=True
    )
    page = context.new_page()
    yield page
    context.close()


def login(page, username: str, password: str = "demo") -> None:
    page.goto("/anmelden/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state("networkidle")


def axe_violations(page, *, impact=("serious", "critical")) -> list[dict]:
    """Runs axe-core (vendored from the npm package) against the page; returns the serious violations."""
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
    )
    violations = [v for v in result["violations"] if v.get("impact") in impact]
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in violations]


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, json.dumps(violations, indent=2, ensure_ascii=False)


def assert_no_horizontal_scroll(page) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"Die Seite ist {overflow} px breiter als das Fenster."


def follow_menu(page, group: str, entry: str) -> None:
    """Follows an entry of the main menu that sits in a dropdown: opens the collapsed menu on narrow screens, then
    the group, then the entry."""
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    toggler = nav.get_by_role("button", name="Menü öffnen")
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
        toggler.click()
    nav.get_by_role("button", name=group).click()
    nav.get_by_role("link", name=entry, exact=True).click()
    page.wait_for_load_state("domcontentloaded")
