import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_page_is_german(client):
    content = client.get(reverse("login")).content.decode()
    assert "Bei Agenturnetz anmelden" in content
    assert 'lang="de"' in content


def test_password_change_rejects_short_password_with_german_message_at_the_field(client, specialist):
    client.force_login(specialist)
    response = client.post(
        reverse("password_change"),
        {"old_password": "geheim-123", "new_password1": "kurz", "new_password2": "kurz"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "new_password2" in errors
    assert "zu kurz" in " ".join(errors["new_password2"])


def test_password_change_with_valid_input_succeeds(client, specialist):
    client.force_login(specialist)
    response = client.post(
        reverse("password_change"),
        {"old_password": "geheim-123", "new_password1": "Sozialraum-2027!", "new_password2": "Sozialraum-2027!"},
    )
    assert response.status_code == 302
    specialist.refresh_from_db()
    assert specialist.check_password("Sozialraum-2027!")


def test_logout_requires_post_and_ends_the_session(client, specialist):
    client.force_login(specialist)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("reporting:dashboard")).status_code == 302


def test_an_english_speaking_browser_gets_the_german_page(client):
    content = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="de"' in content
    assert "Benutzername" in content
