"""The registry pages as each role sees them, including the refused cases and bounded query counts."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import FieldOfAction, PartnerOrganisation, SocialSpace
from agencies.selectors import figures_for
from tests import factories

pytestmark = pytest.mark.django_db


def test_specialist_lists_only_own_agency(client, specialist, world):
    client.force_login(specialist)
    response = client.get(reverse("agencies:list"))
    assert response.status_code == 200
    names = [agency.name for agency in response.context["page"]]
    assert names == ["Duisburg-Marxloh"]


def test_specialist_gets_404_for_another_agency(client, specialist, world):
    client.force_login(specialist)
    assert client.get(world.other_agency.get_absolute_url()).status_code == 404
    assert client.get(world.sibling_agency.get_absolute_url()).status_code == 404


def test_agency_detail_shows_positions_and_staff(client, specialist, world):
    client.force_login(specialist)
    response = client.get(world.agency.get_absolute_url())
    content = response.content.decode()
    assert "1,50" in content  # funded fte in German format
    assert world.agency.positions.first().assignments.first().staff_member.last_name in content


def test_coordinator_lists_district_agencies(client, coordinator, world):
    client.force_login(coordinator)
    response = client.get(reverse("agencies:list"))
    assert {a.name for a in response.context["page"]} == {"Duisburg-Marxloh", "Duisburg-Laar"}


def test_agency_list_filters_by_field_of_action(client, coordinator, world):
    engagement = FieldOfAction.objects.get(code="buergerschaftliches-engagement")
    world.sibling_agency.fields_of_action.add(engagement)
    client.force_login(coordinator)
    response = client.get(reverse("agencies:list"), {"field_of_action": engagement.pk})
    assert [a.name for a in response.context["page"]] == ["Duisburg-Laar"]


def test_agency_list_filter_offers_no_foreign_district(client, coordinator, world):
    client.force_login(coordinator)
    response = client.get(reverse("agencies:list"))
    offered = [value for value, _label in response.context["filter"].form.fields["district"].choices if value]
    assert offered == [world.district.pk]


def test_agency_list_filter_options_are_the_visible_places_in_german_order(client, coordinator, world):
    umlaut = factories.AgencyFactory(
        provider=factories.ProviderFactory(district=world.district, name="Ärztlicher Verein"),
        municipality=factories.MunicipalityFactory(name="Ückendorf"),
    )
    client.force_login(coordinator)
    form = client.get(reverse("agencies:list")).context["filter"].form

    def offered(name):
        return [label for value, label in form.fields[name].choices if value]

    assert offered("district") == [world.district.name]
    assert offered("provider") == sorted([world.provider.name, "Ärztlicher Verein"], key=lambda n: n.replace("Ä", "A"))
    places = sorted({world.agency.municipality.name, world.sibling_agency.municipality.name})  # "Stadt …"
    assert offered("municipality") == [*places, umlaut.municipality.name]
    assert world.other_agency.provider.name not in offered("provider")


def test_foreign_district_filter_value_is_rejected_not_leaked(client, coordinator, world):
    client.force_login(coordinator)
    response = client.get(reverse("agencies:list"), {"district": world.other_district.pk})
    assert response.status_code == 200
    assert "district" in response.context["filter"].form.errors
    assert "Caritas Hochfeld" not in response.content.decode()


def test_own_district_filter_value_is_accepted(client, coordinator, world):
    client.force_login(coordinator)
    response = client.get(reverse("agencies:list"), {"district": world.district.pk})
    assert response.context["filter"].form.errors == {}
    shown = {agency.pk for agency in response.context["page"]}
    assert world.agency.pk in shown and world.other_agency.pk not in shown


def test_agency_list_is_paginated(client, coordinator, world):
    for _ in range(30):
        factories.AgencyFactory(provider=world.provider)
    client.force_login(coordinator)
    response = client.get(reverse("agencies:list"))
    assert len(response.context["page"].object_list) == 25
    assert response.context["page"].paginator.num_pages == 2


def test_state_level_may_not_list_agencies(client, state_level, world):
    client.force_login(state_level)
    assert client.get(reverse("agencies:list")).status_code == 403


def test_state_level_sees_network_figures_without_agency_names(client, state_level, world):
    client.force_login(state_level)
    response = client.get(reverse("agencies:network"))
    content = response.content.decode()
    assert response.status_code == 200
    assert world.district.name in content
    assert "Duisburg-Marxloh" not in content


def test_coordinator_sees_own_district_overview_with_totals(client, coordinator, world):
    client.force_login(coordinator)
    response = client.get(world.district.get_absolute_url())
    assert response.status_code == 200
    totals = response.context["totals"]
    assert (str(totals.staffed_fte), totals.head_count) == ("2.25", 3)


def test_coordinator_gets_404_for_other_districts_overview(client, coordinator, world):
    client.force_login(coordinator)
    assert client.get(world.other_district.get_absolute_url()).status_code == 404


def test_anonymous_user_is_sent_to_login(client, world):
    response = client.get(reverse("agencies:list"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def _grow_district(world, count):
    for index in range(count):
        agency = factories.AgencyFactory(
            provider=world.provider if index % 2 else factories.ProviderFactory(district=world.district)
        )
        factories.staff_agency(agency, "0.50")


@pytest.mark.parametrize("size", [5, 200])
def test_agency_list_queries_do_not_grow(client, coordinator, world, size, django_assert_max_num_queries):
    _grow_district(world, size)
    client.force_login(coordinator)
    # session, user, scope, count, rows, fields of action, the three place choice lists at once, fields' choices
    with django_assert_max_num_queries(8):
        response = client.get(reverse("agencies:list"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [5, 200])
def test_district_overview_queries_do_not_grow(client, coordinator, world, size, django_assert_max_num_queries):
    _grow_district(world, size)
    client.force_login(coordinator)
    # session, user, scope, district, agencies with their figures, providers, heads per provider and in all
    with django_assert_max_num_queries(8):
        response = client.get(world.district.get_absolute_url())
    assert len(response.context["groups"]) >= 2


def test_district_overview_counts_a_person_once_per_provider_and_once_in_the_district(client, coordinator, world):
    second_provider_agency = factories.AgencyFactory(provider=factories.ProviderFactory(district=world.district))
    person = factories.StaffMemberFactory(provider=world.provider)
    for agency in (world.agency, world.sibling_agency, second_provider_agency):
        position = factories.PositionFactory(agency=agency, fte=Decimal("0.25"))
        factories.AssignmentFactory(position=position, staff_member=person)
    client.force_login(coordinator)

    context = client.get(world.district.get_absolute_url()).context
    per_provider = {group["provider"].pk: group["totals"] for group in context["groups"]}

    assert per_provider[world.provider.pk].head_count == 4  # three in the fixture, the shared person once
    assert per_provider[world.provider.pk].staffed_fte == Decimal("2.75")
    assert per_provider[second_provider_agency.provider_id].head_count == 1
    assert context["totals"] == figures_for(day=timezone.localdate(), district_ids=[world.district.pk])
    assert context["totals"].head_count == 4


@pytest.mark.parametrize("size", [1, 20])
def test_agency_detail_queries_do_not_grow(client, specialist, world, size, django_assert_num_queries):
    for index in range(size):
        factories.staff_agency(world.agency, "0.10")
        world.agency.social_spaces.add(
            SocialSpace.objects.create(municipality=world.agency.municipality, name=f"Quartier {index}")
        )
    client.force_login(specialist)
    with django_assert_num_queries(10):
        response = client.get(world.agency.get_absolute_url())
    assert response.context["figures"].head_count == size + 2
    assert response.content.decode().count("Quartier ") == size


def test_district_figures_take_the_day_in_german_format_from_any_browser(client, coordinator, world):
    client.force_login(coordinator)
    response = client.get(
        reverse("agencies:district", args=[world.district.pk]),
        {"stichtag": "30.04.2027"},
        HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9",
    )
    content = response.content.decode()
    assert "Am 30.04.2027 arbeiten" in content
    assert 'value="30.04.2027"' in content and 'placeholder="TT.MM.JJJJ"' in content


def test_agency_detail_lists_its_partners_then_the_others_of_its_municipality(client, specialist, world):
    kind = PartnerOrganisation.Kind
    here, elsewhere = world.agency.municipality, factories.AgencyFactory().municipality
    own = PartnerOrganisation.objects.create(kind=kind.JOBCENTER, name="Jobcenter Duisburg", municipality=here)
    own.agencies.add(world.agency, world.other_agency)  # in the municipality too: listed once, as the agency's own
    PartnerOrganisation.objects.create(kind=kind.KI, name="KI Duisburg", municipality=here)
    PartnerOrganisation.objects.create(kind=kind.KI, name="KI anderswo", municipality=elsewhere)
    client.force_login(specialist)

    text = client.get(world.agency.get_absolute_url()).content.decode()

    assert text.count("Jobcenter Duisburg") == 1
    assert (
        'KI Duisburg <span class="text-body-secondary small">(Kommunales Integrationszentrum, in der Kommune)' in text
    )
    assert text.index("Jobcenter Duisburg") < text.index("KI Duisburg")
    assert "KI anderswo" not in text
