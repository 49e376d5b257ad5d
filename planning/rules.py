"""Who may do what with the planning documents. Views, services and querysets use these and nothing else.

- specialists of the agency write, edit, submit and amend;
- the district coordination reviews (returns, approves), comments per section and forwards;
- provider managers read their agencies' documents;
- the funding authority reads what was forwarded (all districts forward to the one authority of the programme,
  so every funding-authority membership sees every forwarded document);
- the state level sees no single document.
"""

import rules

from agencies.access import scope_for
from core.workflow import State


def _agency_id(document) -> int:
    return document.agency_id


@rules.predicate
def can_view_document(user, document) -> bool:
    if document is None:
        return False
    scope = scope_for(user)
    if scope.is_funding_authority and document.state == State.FORWARDED:
        return True
    return scope.can_see_agency(document.agency)


@rules.predicate
def writes_for_agency(user, document) -> bool:
    scope = scope_for(user)
    return document is not None and (scope.is_administrator or _agency_id(document) in scope.agency_ids)


@rules.predicate
def coordinates_document(user, document) -> bool:
    return document is not None and scope_for(user).coordinates(document.agency.provider.district_id)


@rules.predicate
def is_editable(user, document) -> bool:
    return document is not None and document.is_editable


@rules.predicate
def is_submitted(user, document) -> bool:
    return document is not None and document.state == State.SUBMITTED


@rules.predicate
def is_approved(user, document) -> bool:
    return document is not None and document.state == State.APPROVED


@rules.predicate
def can_write_for_agency(user, agency) -> bool:
    scope = scope_for(user)
    return agency is not None and (scope.is_administrator or agency.pk in scope.agency_ids)


@rules.predicate
def can_see_agency_documents(user, agency) -> bool:
    return agency is not None and scope_for(user).can_see_agency(agency)


rules.add_perm("planning.view_document", can_view_document)
rules.add_perm("planning.create_document", can_write_for_agency)
rules.add_perm("planning.edit_document", writes_for_agency & is_editable)
rules.add_perm("planning.submit_document", writes_for_agency & is_editable)
rules.add_perm("planning.amend_document", writes_for_agency)
rules.add_perm("planning.review_document", coordinates_document & is_submitted)
rules.add_perm("planning.comment_document", coordinates_document & is_submitted)
rules.add_perm("planning.forward_document", coordinates_document & is_approved)
rules.add_perm("planning.view_traceability", can_see_agency_documents)

# Which permission each workflow target needs.
TRANSITION_PERMS = {
    State.SUBMITTED: "planning.submit_document",
    State.RETURNED: "planning.review_document",
    State.APPROVED: "planning.review_document",
    State.FORWARDED: "planning.forward_document",
}
