"""Fixtures for staff changes: a district with its funding authority and changes in each workflow state."""

import pytest

from agencies.staff_changes import services
from tests import factories
from tests.agencies.factories import StaffChangeFactory


@pytest.fixture
def authority_org(world):
    """The district of `world` forwards to Bezirksregierung Arnsberg (the `authority` user's authority)."""
    authority = factories.FundingAuthorityFactory()
    world.district.funding_authority = authority
    world.district.save(update_fields=["funding_authority"])
    return authority


@pytest.fixture
def half_time_agency(world):
    """`world.agency` has a 0.50 position (the second one): its holder can be increased to 1.00."""
    return world.agency


@pytest.fixture
def increase(world, provider_manager, authority_org):
    """A draft increase of a half-time staff member of world.agency to 1,00 VZÄ, in ten weeks."""
    assignment = world.agency.positions.get(fte="0.50").assignments.get()
    return StaffChangeFactory(agency=world.agency, staff_member=assignment.staff_member, created_by=provider_manager)


@pytest.fixture
def forwarded(increase, provider_manager, coordinator):
    services.submit_staff_change(change=increase, by=provider_manager)
    services.release_staff_change(change=increase, by=coordinator)
    services.forward_staff_change(change=increase, by=coordinator)
    return increase


@pytest.fixture
def other_change(world, authority_org):
    """A forwarded change of another district whose district has no authority of ours."""
    other_manager = factories.provider_manager_of(world.other_agency.provider)
    other_coordinator = factories.coordinator_of(world.other_district)
    other_authority = factories.FundingAuthorityFactory(name="Bezirksregierung Detmold")
    world.other_district.funding_authority = other_authority
    world.other_district.save(update_fields=["funding_authority"])
    assignment = world.other_agency.positions.first().assignments.get()
    change = StaffChangeFactory(
        agency=world.other_agency, staff_member=assignment.staff_member, created_by=other_manager, new_fte="1.00"
    )
    change.kind = "hours_reduction"
    change.new_fte = "0.50"
    change.justification = ""
    change.save()
    services.submit_staff_change(change=change, by=other_manager)
    services.release_staff_change(change=change, by=other_coordinator)
    services.forward_staff_change(change=change, by=other_coordinator)
    return change
