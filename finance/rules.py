"""Who may do what with money documents. Built on agencies.access.scope_for; views and selectors use these.

Agency documents (cost plan, spending forecast): the provider's managers edit and submit them, specialists of the
agency read them, the district's coordination returns or approves them. Provider documents (partial statement):
the provider's managers and the district's coordination. District documents (joint application, interim and final
statement): the coordination prepares, approves and forwards them; the funding authority reads what was forwarded
to it. The state level sees aggregates only. Administrators may do everything.
"""

import rules

from agencies.access import scope_for
from core.workflow import State
from finance.models import CostPlan, JointApplication, PartialStatement, SpendingForecast, UseOfFundsStatement

AGENCY_DOCUMENTS = (CostPlan, SpendingForecast)
DISTRICT_DOCUMENTS = (JointApplication, UseOfFundsStatement)


def district_id_of(document) -> int:
    if isinstance(document, AGENCY_DOCUMENTS):
        return document.agency.provider.district_id
    if isinstance(document, PartialStatement):
        return document.provider.district_id
    return document.district_id


def provider_id_of(document) -> int | None:
    if isinstance(document, AGENCY_DOCUMENTS):
        return document.agency.provider_id
    if isinstance(document, PartialStatement):
        return document.provider_id
    return None


def _forwarded_to(scope, document) -> bool:
    if not scope.funding_authority_ids or document.state != State.FORWARDED:
        return False
    if isinstance(document, DISTRICT_DOCUMENTS):
        return document.funding_authority_id in scope.funding_authority_ids
    if isinstance(document, CostPlan):
        return JointApplication.objects.filter(
            district_id=district_id_of(document),
            phase_id=document.funding_year.phase_id,
            state=State.FORWARDED,
            funding_authority_id__in=scope.funding_authority_ids,
        ).exists()
    return False


@rules.predicate
def can_view_document(user, document) -> bool:
    scope = scope_for(user)
    if document is None:
        return False
    if scope.is_administrator or scope.coordinates(district_id_of(document)):
        return True
    provider_id = provider_id_of(document)
    if provider_id is not None and scope.manages_provider(provider_id):
        return True
    if isinstance(document, AGENCY_DOCUMENTS) and document.agency_id in scope.agency_ids:
        return True
    return _forwarded_to(scope, document)


@rules.predicate
def is_author(user, document) -> bool:
    """The side that fills in the document: the provider for its documents, the coordination for the district's."""
    scope = scope_for(user)
    if document is None:
        return False
    if scope.is_administrator:
        return True
    if isinstance(document, DISTRICT_DOCUMENTS):
        return scope.coordinates(document.district_id)
    return scope.manages_provider(provider_id_of(document))


@rules.predicate
def is_reviewer(user, document) -> bool:
    return document is not None and scope_for(user).coordinates(district_id_of(document))


@rules.predicate
def is_editable(user, document) -> bool:
    return document is not None and document.is_editable


@rules.predicate
def is_forwardable_directly(user, document) -> bool:
    """Agency and provider documents reach the authority inside the district's joint application or statement."""
    return isinstance(document, DISTRICT_DOCUMENTS)


@rules.predicate
def can_manage_agency_money(user, agency) -> bool:
    scope = scope_for(user)
    return agency is not None and (scope.is_administrator or scope.manages_provider(agency.provider_id))


@rules.predicate
def can_manage_provider_money(user, provider) -> bool:
    return provider is not None and scope_for(user).manages_provider(provider.pk)


@rules.predicate
def coordinates_district(user, district) -> bool:
    return district is not None and scope_for(user).coordinates(district.pk)


@rules.predicate
def can_edit_rates(user) -> bool:
    scope = scope_for(user)
    return scope.is_administrator or bool(scope.district_ids)


@rules.predicate
def can_use_finance(user) -> bool:
    scope = scope_for(user)
    return scope.is_administrator or bool(
        scope.agency_ids or scope.provider_ids or scope.district_ids or scope.funding_authority_ids
    )


@rules.predicate
def can_view_network_money(user) -> bool:
    scope = scope_for(user)
    return scope.is_administrator or scope.is_state_level


rules.add_perm("finance.view_document", can_view_document)
rules.add_perm("finance.edit_document", is_author & is_editable)
rules.add_perm("finance.submit_document", is_author)
rules.add_perm("finance.review_document", is_reviewer)
rules.add_perm("finance.forward_document", is_reviewer & is_forwardable_directly)
rules.add_perm("finance.manage_agency_money", can_manage_agency_money)
rules.add_perm("finance.manage_provider_money", can_manage_provider_money)
rules.add_perm("finance.manage_district", coordinates_district)
rules.add_perm("finance.edit_rates", can_edit_rates)
rules.add_perm("finance.use_finance", can_use_finance)
rules.add_perm("finance.view_network_money", can_view_network_money)

STEP_PERMISSION = {
    State.SUBMITTED: "finance.submit_document",
    State.RETURNED: "finance.review_document",
    State.APPROVED: "finance.review_document",
    State.FORWARDED: "finance.forward_document",
}


def may_move(user, document, to: str) -> bool:
    permission = STEP_PERMISSION.get(to)
    return bool(permission) and document.can_transition_to(to) and user.has_perm(permission, document)
