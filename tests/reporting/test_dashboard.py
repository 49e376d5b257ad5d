"""The landing page shows each role its own world."""

import pytest
from django.urls import reverse

from tests import factories
from tests.limits import DASHBOARD_MAX_QUERIES

pytestmark = pytest.mark.django_db


def test_specialist_dashboard_shows_own_agency(client, specialist, world):
    client.force_login(specialist)
    content = client.get(reverse("reporting:dashboard")).content.decode()
    assert "Ihre Integrationsagentur" in content
    assert "Duisburg-Marxloh" in content
    assert "Caritas Hochfeld" not in content


def test_coordinator_dashboard_shows_district_totals(client, coordinator, world):
    client.force_login(coordinator)
    content = client.get(reverse("reporting:dashboard")).content.decode()
    assert world.district.name in content
    assert "2,25 VZÄ" in content


def test_state_level_dashboard_shows_only_aggregates(client, state_level, world):
    client.force_login(state_level)
    content = client.get(reverse("reporting:dashboard")).content.decode()
    assert "Das Netzwerk in Zahlen" in content
    assert "Duisburg-Marxloh" not in content


def test_user_without_membership_is_told_what_to_do(client, world):
    client.force_login(factories.UserFactory())
    assert "noch keine Organisation zugeordnet" in client.get(reverse("reporting:dashboard")).content.decode()


def _agencies(world, count: int) -> None:
    for _ in range(count):
        agency = factories.AgencyFactory(provider=world.provider)
        factories.staff_agency(agency, "1.00")


@pytest.mark.parametrize(
    "role", ["specialist", "provider_manager", "coordinator", "state_level", "authority", "admin_user"]
)
def test_dashboard_queries_do_not_grow(client, world, request, role, django_assert_max_num_queries):
    client.force_login(request.getfixturevalue(role))
    _agencies(world, 5)
    with django_assert_max_num_queries(DASHBOARD_MAX_QUERIES) as few:
        assert client.get(reverse("reporting:dashboard")).status_code == 200
    _agencies(world, 195)
    with django_assert_max_num_queries(DASHBOARD_MAX_QUERIES) as many:
        assert client.get(reverse("reporting:dashboard")).status_code == 200
    assert len(many) == len(few)


def test_funding_authority_is_not_told_it_lacks_an_organisation(client, authority, world):
    client.force_login(authority)
    body = client.get(reverse("reporting:dashboard")).content.decode()
    assert "keine Organisation zugeordnet" not in body
    assert "Bewilligungsbehörde" in body
