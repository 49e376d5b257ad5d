"""Who may do which step of a staff change – one allowed and one refused case per role."""

import pytest

from agencies.access import forget_scope
from agencies.staff_changes import services
from agencies.staff_changes.selectors import staff_changes_visible_to
from tests import factories

pytestmark = pytest.mark.django_db


def test_provider_manager_edits_own_draft_but_not_another_providers(increase, provider_manager, other_change):
    assert provider_manager.has_perm("agencies.edit_staff_change", increase)
    assert not provider_manager.has_perm("agencies.view_staff_change", other_change)


def test_provider_manager_cannot_review_own_change(increase, provider_manager):
    services.submit_staff_change(change=increase, by=provider_manager)
    assert not provider_manager.has_perm("agencies.review_staff_change", increase)
    assert not provider_manager.has_perm("agencies.edit_staff_change", increase)


def test_coordinator_reviews_own_district_only(increase, provider_manager, coordinator, other_coordinator):
    services.submit_staff_change(change=increase, by=provider_manager)
    assert coordinator.has_perm("agencies.review_staff_change", increase)
    assert not other_coordinator.has_perm("agencies.review_staff_change", increase)
    assert not other_coordinator.has_perm("agencies.view_staff_change", increase)


def test_coordinator_does_not_file_changes(world, coordinator):
    assert not coordinator.has_perm("agencies.file_staff_change", world.agency)


def test_specialist_and_state_level_see_no_changes(forwarded, specialist, state_level):
    for user in (specialist, state_level):
        assert not user.has_perm("agencies.view_staff_change", forwarded)
        assert not staff_changes_visible_to(user).exists()


def test_authority_sees_only_forwarded_changes_of_its_districts(increase, forwarded, authority, other_change):
    assert authority.has_perm("agencies.view_staff_change", forwarded)
    assert authority.has_perm("agencies.record_staff_change_decision", forwarded)
    assert list(staff_changes_visible_to(authority)) == [forwarded]  # not the other district's (Detmold)


def test_authority_does_not_see_a_draft(world, provider_manager, authority, authority_org):
    from tests.agencies.factories import StaffChangeFactory

    draft = StaffChangeFactory(agency=world.agency, created_by=provider_manager)
    assert not authority.has_perm("agencies.view_staff_change", draft)


def test_authority_of_another_district_cannot_decide(forwarded):
    stranger = factories.member(
        "funding_authority", funding_authority=factories.FundingAuthorityFactory(name="BR Köln")
    )
    forget_scope(stranger)
    assert not stranger.has_perm("agencies.record_staff_change_decision", forwarded)


def test_nobody_decides_a_notifiable_change(other_change):
    coordinator = factories.coordinator_of(other_change.agency.provider.district)
    assert not coordinator.has_perm("agencies.record_staff_change_decision", other_change)


def test_administrator_may_file_and_review(increase, admin_user, provider_manager):
    assert admin_user.has_perm("agencies.file_staff_change", increase.agency)
    services.submit_staff_change(change=increase, by=provider_manager)
    assert admin_user.has_perm("agencies.review_staff_change", increase)


def test_coordinator_does_not_see_the_providers_drafts(increase, coordinator, provider_manager):
    assert not coordinator.has_perm("agencies.view_staff_change", increase)
    assert not staff_changes_visible_to(coordinator).exists()
    services.submit_staff_change(change=increase, by=provider_manager)
    assert coordinator.has_perm("agencies.view_staff_change", increase)
