"""Each permission per role: one allowed and the refused cases."""

import pytest

from core.services import transition
from core.workflow import State

pytestmark = pytest.mark.django_db


def test_specialist_may_edit_and_submit_own_draft(specialist, plan):
    assert specialist.has_perm("planning.edit_document", plan)
    assert specialist.has_perm("planning.submit_document", plan)


def test_specialist_may_not_review_or_forward(specialist, plan):
    transition(document=plan, to=State.SUBMITTED, by=specialist)
    assert not specialist.has_perm("planning.review_document", plan)
    assert not specialist.has_perm("planning.edit_document", plan)


def test_specialist_may_not_touch_another_agencys_plan(specialist, other_plan):
    assert not specialist.has_perm("planning.view_document", other_plan)
    assert not specialist.has_perm("planning.edit_document", other_plan)


def test_provider_manager_reads_but_does_not_write(provider_manager, plan):
    assert provider_manager.has_perm("planning.view_document", plan)
    assert not provider_manager.has_perm("planning.edit_document", plan)


def test_coordinator_reviews_submitted_documents_of_own_district(specialist, coordinator, plan):
    assert not coordinator.has_perm("planning.review_document", plan)  # still a draft
    transition(document=plan, to=State.SUBMITTED, by=specialist)
    assert coordinator.has_perm("planning.review_document", plan)
    assert coordinator.has_perm("planning.comment_document", plan)
    assert not coordinator.has_perm("planning.edit_document", plan)


def test_coordinator_of_another_district_may_not_review(specialist, other_coordinator, plan):
    transition(document=plan, to=State.SUBMITTED, by=specialist)
    assert not other_coordinator.has_perm("planning.view_document", plan)
    assert not other_coordinator.has_perm("planning.review_document", plan)


def test_coordinator_forwards_only_approved(specialist, coordinator, plan):
    transition(document=plan, to=State.SUBMITTED, by=specialist)
    assert not coordinator.has_perm("planning.forward_document", plan)
    transition(document=plan, to=State.APPROVED, by=coordinator)
    assert coordinator.has_perm("planning.forward_document", plan)


def test_authority_sees_only_forwarded(specialist, coordinator, authority, plan):
    assert not authority.has_perm("planning.view_document", plan)
    transition(document=plan, to=State.SUBMITTED, by=specialist)
    transition(document=plan, to=State.APPROVED, by=coordinator)
    assert not authority.has_perm("planning.view_document", plan)
    transition(document=plan, to=State.FORWARDED, by=coordinator)
    assert authority.has_perm("planning.view_document", plan)
    assert not authority.has_perm("planning.edit_document", plan)


def test_state_level_sees_no_document(specialist, coordinator, state_level, plan):
    transition(document=plan, to=State.SUBMITTED, by=specialist)
    transition(document=plan, to=State.APPROVED, by=coordinator)
    transition(document=plan, to=State.FORWARDED, by=coordinator)
    assert not state_level.has_perm("planning.view_document", plan)
