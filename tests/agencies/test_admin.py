import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_administrator_edits_memberships_on_the_user_page(client, admin_user, specialist):
    client.force_login(admin_user)
    response = client.get(reverse("admin:core_user_change", args=[specialist.pk]))
    assert response.status_code == 200
    assert "Mitgliedschaften" in response.content.decode()


def test_specialist_has_no_admin_access(client, specialist):
    client.force_login(specialist)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
