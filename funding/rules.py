"""Who may do what with phases, deadline rules and obligations. Views and querysets use these and nothing else."""

import rules

from agencies.access import scope_for


@rules.predicate
def can_view_obligation(user, obligation) -> bool:
    if obligation is None:
        return False
    scope = scope_for(user)
    if scope.is_administrator or obligation.district_id in scope.district_ids:
        return True
    if obligation.agency_id is None:
        return False
    return obligation.agency_id in scope.agency_ids or obligation.agency.provider_id in scope.provider_ids


@rules.predicate
def can_mark_fulfilled(user, obligation) -> bool:
    """The coordination of the obligation's district records documents Agenturnetz does not write."""
    return obligation is not None and obligation.is_manual and scope_for(user).coordinates(obligation.district_id)


@rules.predicate
def can_list_obligations(user) -> bool:
    scope = scope_for(user)
    return scope.is_administrator or bool(scope.agency_ids or scope.provider_ids or scope.district_ids)


@rules.predicate
def can_view_matrix(user) -> bool:
    scope = scope_for(user)
    return scope.is_administrator or bool(scope.district_ids)


@rules.predicate
def can_edit_rule(user, rule) -> bool:
    return rule is not None and scope_for(user).coordinates(rule.district_id)


@rules.predicate
def can_create_phase(user) -> bool:
    return scope_for(user).is_administrator


@rules.predicate
def has_calendar(user) -> bool:
    return scope_for(user).has_any_role


rules.add_perm("funding.view_obligation", can_view_obligation)
rules.add_perm("funding.mark_fulfilled", can_mark_fulfilled)
rules.add_perm("funding.list_obligations", can_list_obligations)
rules.add_perm("funding.view_matrix", can_view_matrix)
rules.add_perm("funding.view_phases", can_view_matrix)
rules.add_perm("funding.edit_rule", can_edit_rule)
rules.add_perm("funding.create_phase", can_create_phase)
rules.add_perm("funding.use_calendar", has_calendar)
