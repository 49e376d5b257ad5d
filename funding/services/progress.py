"""How an obligation follows its document, how the coordination marks the others fulfilled, and late-marking."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency, DistrictAssociation
from funding.models import DocumentKind, Obligation, ObligationEvent, ObligationState, Tier
from funding.selectors import pending_q

# core.workflow.State value → obligation state; a draft does not touch the obligation.
FOLLOWS = {
    "submitted": ObligationState.SUBMITTED,
    "returned": ObligationState.RETURNED,
    "approved": ObligationState.APPROVED,
    "forwarded": ObligationState.FORWARDED,
}


def record_document_progress(
    *,
    kind: DocumentKind,
    year: int,
    state: str,
    at: datetime,
    agency: Agency | None = None,
    district: DistrictAssociation | None = None,
) -> None:
    """Tells the deadline calendar that a document for funding year `year` reached workflow `state`
    (core.workflow.State) at `at`. The document is owed either by `agency` or, for the district association's own
    documents (joint application, interim and final statement), by `district`: exactly one of the two is given.
    Called by the higher apps' services after every transition, inside their transaction, so an obligation follows
    its document (open → submitted → approved → forwarded).

    Side effects: the matching obligation (same debtor, kind and funding year; for a document written once per
    phase, the obligation of the phase containing `year`) changes its state and the date of the step, and an
    ObligationEvent row records it. A document without an obligation (none generated, or cancelled) changes
    nothing; this function never raises for that, so a document's transition never fails because of it.
    """
    if (agency is None) == (district is None):
        raise TypeError("record_document_progress() needs exactly one of agency= and district=")
    to_state = FOLLOWS.get(str(state))
    if to_state is None:
        return
    on = timezone.localdate(at) if timezone.is_aware(at) else at.date()
    debtor = Q(agency=agency) if agency is not None else Q(district=district, agency__isnull=True)
    candidates = Obligation.objects.select_for_update().filter(debtor, document_kind=kind, cancelled_on__isnull=True)
    obligations = list(candidates.filter(year=year))
    if not obligations:
        obligations = list(
            candidates.filter(rule__phase__starts_on__year__lte=year, rule__phase__ends_on__year__gte=year)
        )
    for obligation in obligations:
        _apply(obligation, to_state=to_state, on=on, by=None, action=ObligationEvent.Action.PROGRESS)


def _apply(obligation: Obligation, *, to_state: str, on: date, by, action: str, **event) -> ObligationEvent:
    from_state = obligation.state
    obligation.state = to_state
    if to_state in (ObligationState.SUBMITTED, ObligationState.APPROVED, ObligationState.FORWARDED):
        # The first submission meets the district's date, even if the document comes back later.
        obligation.submitted_on = obligation.submitted_on or on
    if to_state in (ObligationState.APPROVED, ObligationState.FORWARDED):
        obligation.approved_on = obligation.approved_on or on
    if to_state == ObligationState.FORWARDED:
        obligation.forwarded_on = on
    obligation.save(update_fields=["state", "submitted_on", "approved_on", "forwarded_on", "updated_at"])
    return ObligationEvent.objects.create(
        obligation=obligation,
        action=action,
        from_state=from_state,
        to_state=to_state,
        effective_on=on,
        by=by,
        **event,
    )


def fulfilment_steps(obligation: Obligation) -> list[tuple[str, str]]:
    """The steps the coordination may record for a manual obligation."""
    steps = [(ObligationState.SUBMITTED, _("beim Bezirksverband eingegangen"))]
    if obligation.authority_due is None:
        steps.append((ObligationState.APPROVED, _("geprüft und abgeschlossen")))
    else:
        steps.append((ObligationState.FORWARDED, _("an die Bewilligungsbehörde übermittelt")))
    return steps


@transaction.atomic
def mark_fulfilled(
    *, obligation: Obligation, step: str, on: date, by, attachment=None, note: str = "", today: date
) -> ObligationEvent:
    """The coordination records that a document Agenturnetz does not write (e.g. Verwendungsnachweis) reached
    `step` on `on`, with the document as attachment. Side effects: the obligation's state and step date change
    (the obligation is locked while it changes); an ObligationEvent keeps who, when, the date, note and file."""
    obligation = Obligation.objects.select_for_update().get(pk=obligation.pk)
    if not obligation.is_manual:
        raise ValidationError(
            _(
                "Diese Abgabepflicht folgt ihrem Dokument in Agenturnetz "
                "und wird mit ihm eingereicht und weitergeleitet."
            )
        )
    if obligation.cancelled_on:
        raise ValidationError(_("Diese Abgabepflicht ist entfallen."))
    if step not in dict(fulfilment_steps(obligation)):
        raise ValidationError({"step": _("Dieser Schritt passt nicht zu dieser Unterlage.")})
    if on > today:
        raise ValidationError({"on": _("Das Datum darf nicht in der Zukunft liegen.")})
    return _apply(
        obligation,
        to_state=step,
        on=on,
        by=by,
        action=ObligationEvent.Action.FULFILLED,
        note=note,
        attachment=attachment,
        attachment_name=getattr(attachment, "name", "")[:200] if attachment else "",
    )


def record_missed_deadlines(*, today: date) -> int:
    """Late-marking: writes one "Frist versäumt" event per obligation and tier whose date passed without the step.
    The partial unique constraint keeps it once, even when two runs overlap. Returns the number of new events."""
    created = 0
    tiers = (
        (Tier.DISTRICT, Q(submitted_on__isnull=True, district_due__lt=today), "district_due"),
        (Tier.AUTHORITY, Q(authority_due__lt=today), "authority_due"),
    )
    for tier, late, due_field in tiers:
        already = ObligationEvent.objects.filter(
            obligation=OuterRef("pk"), action=ObligationEvent.Action.MISSED, tier=tier
        )
        rows = Obligation.objects.filter(pending_q(), late).filter(~Exists(already)).values_list("pk", due_field)
        for pk, due in rows.iterator():
            try:
                with transaction.atomic():
                    ObligationEvent.objects.create(
                        obligation_id=pk, action=ObligationEvent.Action.MISSED, tier=tier, effective_on=due
                    )
                    created += 1
            except IntegrityError:
                continue  # another run recorded it a moment ago
    return created
