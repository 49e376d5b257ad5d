"""Who may do what with the organisation registry. Views and querysets use these and nothing else."""

import rules

from agencies.access import scope_for
from core.workflow import State


@rules.predicate
def can_view_agency(user, agency) -> bool:
    return agency is not None and scope_for(user).can_see_agency(agency)


@rules.predicate
def can_view_district(user, district) -> bool:
    return district is not None and scope_for(user).coordinates(district.pk)


@rules.predicate
def can_manage_agency(user, agency) -> bool:
    scope = scope_for(user)
    return agency is not None and (scope.is_administrator or scope.manages_provider(agency.provider_id))


@rules.predicate
def can_list_agencies(user) -> bool:
    scope = scope_for(user)
    return scope.is_administrator or bool(scope.agency_ids or scope.provider_ids or scope.district_ids)


@rules.predicate
def can_view_network_figures(user) -> bool:
    """Aggregated figures (fte and head count per association and district), no single agency's details."""
    scope = scope_for(user)
    return scope.is_administrator or scope.is_state_level or bool(scope.district_ids)


rules.add_perm("agencies.view_agency", can_view_agency)
rules.add_perm("agencies.list_agencies", can_list_agencies)
rules.add_perm("agencies.view_district", can_view_district)
rules.add_perm("agencies.manage_agency", can_manage_agency)
rules.add_perm("agencies.view_network_figures", can_view_network_figures)


# Staff and position changes (Kompendium 4.2). Who may do which step; the states a step needs are checked here too,
# so a view can hide a button with the same rule that refuses the request.


def _district_id(change) -> int:
    return change.agency.provider.district_id


@rules.predicate
def can_view_staff_change(user, change) -> bool:
    if change is None:
        return False
    scope = scope_for(user)
    if scope.is_administrator or scope.manages_provider(change.agency.provider_id):
        return True
    if change.state != State.DRAFT and scope.coordinates(_district_id(change)):
        return True
    return change.state == State.FORWARDED and (
        change.agency.provider.district.funding_authority_id in scope.funding_authority_ids
    )


@rules.predicate
def can_file_staff_changes(user, agency=None) -> bool:
    """Provider managers (for their providers' agencies) and administrators file changes."""
    scope = scope_for(user)
    if agency is None:
        return scope.is_administrator or bool(scope.provider_ids)
    return scope.is_administrator or agency.provider_id in scope.provider_ids


@rules.predicate
def can_edit_staff_change(user, change) -> bool:
    return change is not None and change.is_editable and can_file_staff_changes(user, change.agency)


@rules.predicate
def can_delete_staff_change(user, change) -> bool:
    return change is not None and change.state == State.DRAFT and can_file_staff_changes(user, change.agency)


@rules.predicate
def can_review_staff_change(user, change) -> bool:
    """The district coordination checks a filed change: return it or release it for forwarding."""
    return change is not None and change.state == State.SUBMITTED and scope_for(user).coordinates(_district_id(change))


@rules.predicate
def can_forward_staff_change(user, change) -> bool:
    return change is not None and change.state == State.APPROVED and scope_for(user).coordinates(_district_id(change))


@rules.predicate
def can_record_decision(user, change) -> bool:
    """The coordination or a user of the district's funding authority records the authority's decision."""
    if change is None or not change.needs_decision():
        return False
    scope = scope_for(user)
    return scope.coordinates(_district_id(change)) or (
        change.agency.provider.district.funding_authority_id in scope.funding_authority_ids
    )


@rules.predicate
def can_view_staff_overview(user, district) -> bool:
    return district is not None and scope_for(user).coordinates(district.pk)


@rules.predicate
def can_complete_contact_data(user, staff_member) -> bool:
    scope = scope_for(user)
    return staff_member is not None and (
        scope.manages_provider(staff_member.provider_id) or scope.coordinates(staff_member.provider.district_id)
    )


rules.add_perm("agencies.view_staff_change", can_view_staff_change)
rules.add_perm("agencies.file_staff_change", can_file_staff_changes)
rules.add_perm("agencies.edit_staff_change", can_edit_staff_change)
rules.add_perm("agencies.delete_staff_change", can_delete_staff_change)
rules.add_perm("agencies.review_staff_change", can_review_staff_change)
rules.add_perm("agencies.forward_staff_change", can_forward_staff_change)
rules.add_perm("agencies.record_staff_change_decision", can_record_decision)
rules.add_perm("agencies.view_staff_overview", can_view_staff_overview)
rules.add_perm("agencies.complete_contact_data", can_complete_contact_data)
