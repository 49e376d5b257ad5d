"""The permission rules of the deadline calendar, checked directly."""

import pytest

from funding.models import DocumentKind, Obligation

pytestmark = pytest.mark.django_db


def obligation(world, **kwargs):
    return Obligation.objects.filter(**kwargs).select_related("agency").first()


def test_specialist_views_own_agency_only(specialist, world, phase):
    assert specialist.has_perm("funding.view_obligation", obligation(world, agency=world.agency))
    assert not specialist.has_perm("funding.view_obligation", obligation(world, agency=world.sibling_agency))
    assert not specialist.has_perm("funding.view_obligation", obligation(world, agency=None, district=world.district))


def test_provider_manager_views_the_providers_agencies(provider_manager, world, phase):
    assert provider_manager.has_perm("funding.view_obligation", obligation(world, agency=world.sibling_agency))
    assert not provider_manager.has_perm("funding.view_obligation", obligation(world, agency=world.other_agency))


def test_coordinator_marks_manual_obligations_of_own_district_only(coordinator, world, phase):
    own = obligation(world, district=world.district, document_kind=DocumentKind.FINAL_STATEMENT)
    foreign = obligation(world, district=world.other_district, document_kind=DocumentKind.FINAL_STATEMENT)
    backed = obligation(world, agency=world.agency, document_kind=DocumentKind.ACTIVITY_REPORT)
    assert coordinator.has_perm("funding.mark_fulfilled", own)
    assert not coordinator.has_perm("funding.mark_fulfilled", foreign)
    assert not coordinator.has_perm("funding.mark_fulfilled", backed)


def test_matrix_is_for_coordinators_and_administrators(coordinator, specialist, state_level, admin_user):
    assert coordinator.has_perm("funding.view_matrix") and admin_user.has_perm("funding.view_matrix")
    assert not specialist.has_perm("funding.view_matrix") and not state_level.has_perm("funding.view_matrix")


def test_coordinator_edits_own_districts_rules_only(coordinator, world, phase):
    own = phase.deadline_rules.filter(district=world.district).first()
    foreign = phase.deadline_rules.filter(district=world.other_district).first()
    assert coordinator.has_perm("funding.edit_rule", own)
    assert not coordinator.has_perm("funding.edit_rule", foreign)
