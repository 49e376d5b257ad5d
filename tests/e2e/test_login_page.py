import pytest

from tests.e2e.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_wrong_password_shows_german_error_and_keeps_username(page):
    page.goto("/anmelden/")
    page.get_by_label("Benutzername").fill("fachkraft")
    page.get_by_label("Passwort").fill("falsch")
    page.get_by_role("button", name="Anmelden").click()
    assert "Passwort eingeben" in page.locator(".error-summary").inner_text()
    assert page.get_by_label("Benutzername").input_value() == "fachkraft"
    assert_accessible(page)
