"""Who may do what with the organisation registry. Views and querysets use these and nothing else."""

import rules

from agencies.access import scope_for


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
