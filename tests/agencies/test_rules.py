"""Who may see which part of the registry, role by role, with the refused cases."""

import pytest

pytestmark = pytest.mark.django_db


def test_specialist_may_view_own_agency(specialist, world):
    assert specialist.has_perm("agencies.view_agency", world.agency)


def test_specialist_may_not_view_sibling_agency_of_same_provider(specialist, world):
    assert not specialist.has_perm("agencies.view_agency", world.sibling_agency)


def test_specialist_may_not_view_other_districts_agency(specialist, world):
    assert not specialist.has_perm("agencies.view_agency", world.other_agency)


def test_provider_manager_may_view_all_agencies_of_provider(provider_manager, world):
    assert provider_manager.has_perm("agencies.view_agency", world.agency)
    assert provider_manager.has_perm("agencies.view_agency", world.sibling_agency)


def test_provider_manager_may_not_view_other_providers_agency(provider_manager, world):
    assert not provider_manager.has_perm("agencies.view_agency", world.other_agency)


def test_coordinator_may_view_district_and_its_agencies(coordinator, world):
    assert coordinator.has_perm("agencies.view_district", world.district)
    assert coordinator.has_perm("agencies.view_agency", world.sibling_agency)


def test_coordinator_may_not_view_other_district(coordinator, world):
    assert not coordinator.has_perm("agencies.view_district", world.other_district)
    assert not coordinator.has_perm("agencies.view_agency", world.other_agency)


def test_state_level_sees_aggregates_but_no_single_agency(state_level, world):
    assert state_level.has_perm("agencies.view_network_figures")
    assert not state_level.has_perm("agencies.list_agencies")
    assert not state_level.has_perm("agencies.view_agency", world.agency)


def test_funding_authority_sees_no_registry_details(authority, world):
    assert not authority.has_perm("agencies.view_agency", world.agency)
    assert not authority.has_perm("agencies.view_network_figures")


def test_administrator_sees_everything(admin_user, world):
    assert admin_user.has_perm("agencies.view_agency", world.other_agency)
    assert admin_user.has_perm("agencies.view_district", world.other_district)


def test_only_provider_manager_and_admin_manage_agency(specialist, provider_manager, coordinator, world):
    assert provider_manager.has_perm("agencies.manage_agency", world.agency)
    assert not specialist.has_perm("agencies.manage_agency", world.agency)
    assert not coordinator.has_perm("agencies.manage_agency", world.agency)


def test_user_without_membership_sees_nothing(world):
    from tests.factories import UserFactory

    nobody = UserFactory()
    assert not nobody.has_perm("agencies.list_agencies")
    assert not nobody.has_perm("agencies.view_agency", world.agency)
