"""Who may do what with surveys, responses and cooperations. Views and selectors use these and nothing else.

- The owner of a survey is the coordination of its district (or, without a district, the state level).
- Specialists answer for their own agency; an agency's single answers are seen by its own people and the owner.
- The state level and other districts see launched surveys as aggregates only, never another owner's drafts.
"""

import rules

from agencies.access import scope_for
from core.workflow import State


def owns(scope, survey) -> bool:
    if scope.is_administrator:
        return True
    if survey.owner_district_id is None:
        return scope.is_state_level
    return scope.coordinates(survey.owner_district_id)


def is_own_agency(scope, agency) -> bool:
    return agency.pk in scope.agency_ids or agency.provider_id in scope.provider_ids


@rules.predicate
def can_create_survey(user) -> bool:
    scope = scope_for(user)
    return scope.is_administrator or scope.is_state_level or bool(scope.district_ids)


@rules.predicate
def can_manage_survey(user, survey) -> bool:
    return survey is not None and owns(scope_for(user), survey)


@rules.predicate
def can_view_report(user, survey) -> bool:
    """Aggregates: the owner always; once launched, the state level and every coordination;
    once closed, the people of the agencies that were asked."""
    if survey is None:
        return False
    scope = scope_for(user)
    if owns(scope, survey):
        return True
    if not survey.is_launched:
        return False
    return scope.is_state_level or bool(scope.district_ids) or (survey.state == "closed" and _is_target(scope, survey))


def _is_target(scope, survey) -> bool:
    agency_ids = getattr(survey, "own_target_ids", None)
    if agency_ids is None:
        agency_ids = set(
            survey.targets.filter(agency_id__in=scope.agency_ids).values_list("agency_id", flat=True)
        ) | set(survey.targets.filter(agency__provider_id__in=scope.provider_ids).values_list("agency_id", flat=True))
    return bool(agency_ids)


@rules.predicate
def can_view_response(user, response) -> bool:
    if response is None:
        return False
    scope = scope_for(user)
    return is_own_agency(scope, response.agency) or owns(scope, response.survey)


@rules.predicate
def can_edit_response(user, response) -> bool:
    """Specialists of the agency, while the survey is open and the response not yet sent."""
    if response is None:
        return False
    scope = scope_for(user)
    return response.agency_id in scope.agency_ids and response.survey.is_open and not response.is_submitted


@rules.predicate
def can_reopen_response(user, response) -> bool:
    return response is not None and response.is_submitted and owns(scope_for(user), response.survey)


@rules.predicate
def can_edit_cooperations(user, agency) -> bool:
    scope = scope_for(user)
    return agency is not None and (scope.is_administrator or agency.pk in scope.agency_ids)


@rules.predicate
def can_view_network(user) -> bool:
    scope = scope_for(user)
    return scope.is_administrator or scope.is_state_level or bool(scope.district_ids)


rules.add_perm("reporting.create_survey", can_create_survey)
rules.add_perm("reporting.manage_survey", can_manage_survey)
rules.add_perm("reporting.view_report", can_view_report)
rules.add_perm("reporting.view_response", can_view_response)
rules.add_perm("reporting.edit_response", can_edit_response)
rules.add_perm("reporting.reopen_response", can_reopen_response)
rules.add_perm("reporting.edit_cooperations", can_edit_cooperations)
rules.add_perm("reporting.view_network", can_view_network)


# Online-Controlling: reports are seen in detail by their agency, its provider and its district's coordination (and,
# once forwarded, by the funding authority); the state level sees aggregates only. Coordinators with state-level
# rights (a state-level membership) and administrators edit the templates.


def _sees_report(scope, report) -> bool:
    if scope.can_see_agency(report.agency):
        return True
    return scope.is_funding_authority and report.state == State.FORWARDED


@rules.predicate
def can_view_controlling_report(user, report) -> bool:
    return report is not None and _sees_report(scope_for(user), report)


@rules.predicate
def can_create_controlling_report(user, agency) -> bool:
    scope = scope_for(user)
    return agency is not None and (scope.is_administrator or agency.pk in scope.agency_ids)


@rules.predicate
def can_edit_controlling_report(user, report) -> bool:
    return report is not None and report.is_editable and can_create_controlling_report(user, report.agency)


@rules.predicate
def can_review_controlling_report(user, report) -> bool:
    return (
        report is not None
        and report.state == State.SUBMITTED
        and scope_for(user).coordinates(report.agency.provider.district_id)
    )


@rules.predicate
def can_forward_controlling_report(user, report) -> bool:
    return (
        report is not None
        and report.state == State.APPROVED
        and scope_for(user).coordinates(report.agency.provider.district_id)
    )


@rules.predicate
def can_manage_controlling_templates(user) -> bool:
    scope = scope_for(user)
    return scope.is_administrator or scope.is_state_level


@rules.predicate
def can_view_controlling_templates(user) -> bool:
    return scope_for(user).has_any_role


@rules.predicate
def can_view_controlling_dashboard(user) -> bool:
    """Aggregates: agencies and providers for their district, coordinators, the state level and the authority
    for every scope (small groups suppressed, see reporting.services.controlling_stats)."""
    return scope_for(user).has_any_role


@rules.predicate
def can_export_open_data(user) -> bool:
    scope = scope_for(user)
    return scope.is_administrator or scope.is_state_level or scope.is_funding_authority or bool(scope.district_ids)


rules.add_perm("reporting.view_controlling_report", can_view_controlling_report)
rules.add_perm("reporting.create_controlling_report", can_create_controlling_report)
rules.add_perm("reporting.edit_controlling_report", can_edit_controlling_report)
rules.add_perm("reporting.submit_controlling_report", can_edit_controlling_report)
rules.add_perm("reporting.review_controlling_report", can_review_controlling_report)
rules.add_perm("reporting.forward_controlling_report", can_forward_controlling_report)
rules.add_perm("reporting.manage_controlling_templates", can_manage_controlling_templates)
rules.add_perm("reporting.view_controlling_templates", can_view_controlling_templates)
rules.add_perm("reporting.view_controlling_dashboard", can_view_controlling_dashboard)
rules.add_perm("reporting.export_open_data", can_export_open_data)

CONTROLLING_TRANSITION_PERMS = {
    State.SUBMITTED: "reporting.submit_controlling_report",
    State.RETURNED: "reporting.review_controlling_report",
    State.APPROVED: "reporting.review_controlling_report",
    State.FORWARDED: "reporting.forward_controlling_report",
}
