"""The landing page shows each role its own world."""

import pytest
from django.urls import reverse

from tests import factories

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


@pytest.mark.parametrize("size", [5, 200])
@pytest.mark.parametrize("role", ["specialist", "provider_manager", "coordinator", "state_level"])
def test_dashboard_queries_do_not_grow(client, world, request, role, size, django_assert_max_num_queries):
    for _ in range(size):
        agency = factories.AgencyFactory(provider=world.provider)
        factories.staff_agency(agency, "1.00")
    client.force_login(request.getfixturevalue(role))
    # About one query per panel: the merged apps (meetings, finance, staff changes, controlling) brought the
    # coordinator's landing page to 20; the point is that it does not grow with the number of agencies.
    with django_assert_max_num_queries(20):
        assert client.get(reverse("reporting:dashboard")).status_code == 200


def test_funding_authority_is_not_told_it_lacks_an_organisation(client, authority, world):
    client.force_login(authority)
    body = client.get(reverse("reporting:dashboard")).content.decode()
    assert "keine Organisation zugeordnet" not in body
    assert "Bewilligungsbehörde" in body
