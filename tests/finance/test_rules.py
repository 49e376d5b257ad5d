"""Who may do what, per role, with the allowed and the refused case."""

import pytest

from core.workflow import State
from finance.models import CostPlan, JointApplication
from finance.rules import may_move
from finance.services.cost_plans import create_cost_plan
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(money, world, provider_manager) -> CostPlan:
    return create_cost_plan(agency=world.agency, funding_year=money.year1, by=provider_manager)


def test_provider_manager_edits_and_submits_own_plan(plan, provider_manager):
    assert provider_manager.has_perm("finance.edit_document", plan)
    assert may_move(provider_manager, plan, State.SUBMITTED)
    assert not may_move(provider_manager, plan, State.APPROVED)


def test_provider_manager_of_another_provider_cannot_see_the_plan(plan):
    stranger = factories.provider_manager_of(factories.ProviderFactory(district=plan.agency.provider.district))
    assert not stranger.has_perm("finance.view_document", plan)
    assert not stranger.has_perm("finance.edit_document", plan)


def test_specialist_reads_but_cannot_edit_their_agencys_plan(plan, specialist):
    assert specialist.has_perm("finance.view_document", plan)
    assert not specialist.has_perm("finance.edit_document", plan)
    assert not may_move(specialist, plan, State.SUBMITTED)


def test_specialist_of_the_sibling_agency_cannot_see_it(plan, world):
    assert not factories.specialist_of(world.sibling_agency).has_perm("finance.view_document", plan)


def test_coordinator_reviews_plans_of_own_district_only(plan, coordinator, other_coordinator, provider_manager):
    from finance.services.workflow import move

    move(document=plan, to=State.SUBMITTED, by=provider_manager)
    assert may_move(coordinator, plan, State.APPROVED) and may_move(coordinator, plan, State.RETURNED)
    assert not coordinator.has_perm("finance.edit_document", plan)
    assert not other_coordinator.has_perm("finance.view_document", plan)
    assert not may_move(other_coordinator, plan, State.APPROVED)


def test_cost_plans_are_never_forwarded_on_their_own(plan, coordinator, provider_manager):
    from finance.services.workflow import move

    move(document=plan, to=State.SUBMITTED, by=provider_manager)
    move(document=plan, to=State.APPROVED, by=coordinator)
    assert not may_move(coordinator, plan, State.FORWARDED)


def test_state_level_sees_no_document(plan, state_level):
    assert not state_level.has_perm("finance.view_document", plan)


def test_authority_sees_a_joint_application_only_once_forwarded_to_it(money, world, authority):
    application = JointApplication.objects.create(
        district=world.district, phase=money.phase, funding_authority=money.authority
    )
    assert not authority.has_perm("finance.view_document", application)
    JointApplication.objects.filter(pk=application.pk).update(state=State.FORWARDED)
    application.refresh_from_db()
    assert authority.has_perm("finance.view_document", application)
    other_authority = factories.member(
        "funding_authority", funding_authority=factories.FundingAuthorityFactory(name="Andere Behörde")
    )
    assert not other_authority.has_perm("finance.view_document", application)


def test_rates_are_edited_by_coordinators_and_administrators_only(
    coordinator, admin_user, provider_manager, specialist, state_level
):
    assert coordinator.has_perm("finance.edit_rates") and admin_user.has_perm("finance.edit_rates")
    assert not any(u.has_perm("finance.edit_rates") for u in (provider_manager, specialist, state_level))
