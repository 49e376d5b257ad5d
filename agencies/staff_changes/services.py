"""Operations on staff changes: filing, the workflow steps (through `core.services.transition`), the authority's
decision and completing a new hire's contact data. One function per step; who may call it is a rule in
agencies/rules.py, checked by the caller."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency, StaffChange, StaffChangeDecision, StaffChangeEvent, StaffMember
from agencies.models.staff_changes import KIND_FIELDS
from agencies.staff_changes.apply import check_against_registry
from agencies.staff_changes.notifications import queue_notification
from agencies.staff_changes.pdf import render_change_pdf
from core.services import TransitionError, save_with_version_check, transition
from core.workflow import State

EDITABLE_FIELDS = ("effective_on", "note", *sorted({f for fields in KIND_FIELDS.values() for f in fields}))


def _validate(change: StaffChange) -> None:
    change.full_clean(exclude=["created_by", "state", "version"])
    check_against_registry(change)


@transaction.atomic
def create_staff_change(*, agency: Agency, kind: str, data: dict, by) -> StaffChange:
    """Creates a draft. Side effects: a CREATED event. Raises ValidationError (field → message) on bad input."""
    change = StaffChange(agency=agency, kind=kind, created_by=by)
    for field in ("effective_on", "note", *KIND_FIELDS[kind]):
        if field in data:
            setattr(change, field, data[field])
    _validate(change)
    change.save()
    StaffChangeEvent.objects.create(change=change, kind=StaffChangeEvent.Kind.CREATED, by=by)
    return change


def update_staff_change(*, change: StaffChange, expected_version: int, data: dict, by) -> StaffChange:
    """Saves a draft or returned change if nobody saved it meanwhile (core.services.StaleEditError otherwise).
    Side effects: an EDITED event."""
    fields = {field: data[field] for field in ("effective_on", "note", *KIND_FIELDS[change.kind]) if field in data}
    candidate = StaffChange.objects.get(pk=change.pk)
    for field, value in fields.items():
        setattr(candidate, field, value)
    _validate(candidate)
    with transaction.atomic():
        db_fields = {
            (f"{name}_id" if StaffChange._meta.get_field(name).is_relation else name): (
                value.pk if hasattr(value, "pk") else value
            )
            for name, value in fields.items()
        }
        save_with_version_check(document=change, expected_version=expected_version, fields=db_fields)
        StaffChangeEvent.objects.create(change=change, kind=StaffChangeEvent.Kind.EDITED, by=by)
    change.refresh_from_db()
    return change


@transaction.atomic
def delete_draft(*, change: StaffChange, by) -> None:
    """Deletes a change that was never filed (drafts have no history worth keeping)."""
    deleted, _rows = StaffChange.objects.filter(pk=change.pk, state=State.DRAFT).delete()
    if not deleted:
        raise TransitionError(_("Nur Entwürfe können gelöscht werden."))


def submit_staff_change(*, change: StaffChange, by, comment: str = "", today: date | None = None):
    """Files the change with the district coordination. Refused for approval-requiring changes whose date is today
    or past (no retroactive approval). Side effects: transition to SUBMITTED (frozen revision, Transition row);
    after commit an e-mail to the district's coordinators."""
    today = today or timezone.localdate()
    _validate(change)
    change.validate_filing(today)
    return transition(
        document=change,
        to=State.SUBMITTED,
        by=by,
        comment=comment,
        on_commit=lambda: queue_notification(change.pk, "filed"),
    )


def return_staff_change(*, change: StaffChange, by, comment: str):
    """Returns the change to the filer with a reason. Side effects: Transition row; e-mail to the filer."""
    return transition(
        document=change,
        to=State.RETURNED,
        by=by,
        comment=comment,
        on_commit=lambda: queue_notification(change.pk, "returned"),
    )


def release_staff_change(*, change: StaffChange, by, comment: str = ""):
    """The coordination has checked the change and releases it for forwarding (state APPROVED). From then on a
    notifiable change takes effect on its date. Side effects: Transition row."""
    return transition(document=change, to=State.APPROVED, by=by, comment=comment)


def forward_staff_change(*, change: StaffChange, by, comment: str = ""):
    """Forwards the change to the district's funding authority. Side effects: Transition row; the change notice is
    rendered as PDF and stored as forwarded; after commit an e-mail to the authority."""
    if change.agency.provider.district.funding_authority_id is None:
        raise TransitionError(
            _(
                "Für diesen Bezirksverband ist keine Bewilligungsbehörde eingetragen. Bitte wenden Sie sich an die "
                "Administration."
            )
        )
    return transition(
        document=change,
        to=State.FORWARDED,
        by=by,
        comment=comment,
        render_pdf=render_change_pdf,
        on_commit=lambda: queue_notification(change.pk, "forwarded"),
    )


def record_decision(
    *,
    change: StaffChange,
    outcome: str,
    decided_on: date,
    reference: str,
    by,
    note: str = "",
    effective_from: date | None = None,
) -> StaffChangeDecision:
    """Records the funding authority's decision on a forwarded approval-requiring change, exactly once.

    An approval dated after the requested start cannot apply retroactively: it then needs a start (`effective_from`)
    on or after the decision date. Side effects: the decision row and a DECIDED event in one transaction; after
    commit an e-mail to the filer and the coordination. Raises ValidationError (field → message)."""
    if not change.needs_decision():
        raise ValidationError(_("Für diese Veränderung kann keine Entscheidung erfasst werden."))
    errors = {}
    if decided_on > timezone.localdate():
        errors["decided_on"] = _("Das Datum der Entscheidung darf nicht in der Zukunft liegen.")
    if effective_from and effective_from < change.effective_on:
        errors["effective_from"] = _("Der Beginn darf nicht vor dem beantragten Datum liegen.")
    start = effective_from or change.effective_on
    if outcome == StaffChangeDecision.Outcome.APPROVED and decided_on > start:
        errors["effective_from"] = _(
            "Eine nachträgliche Zustimmung ist nicht möglich: Die Entscheidung ist vom %(decided)s, die Veränderung "
            "sollte am %(start)s beginnen. Bitte tragen Sie den Beginn ein, dem die Behörde zugestimmt hat."
        ) % {"decided": decided_on.strftime("%d.%m.%Y"), "start": start.strftime("%d.%m.%Y")}
    if not reference.strip():
        errors["reference"] = _("Bitte geben Sie das Aktenzeichen der Behörde an.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            decision = StaffChangeDecision.objects.create(
                change=change,
                outcome=outcome,
                decided_on=decided_on,
                reference=reference.strip(),
                effective_from=effective_from,
                note=note.strip(),
                recorded_by=by,
            )
            StaffChangeEvent.objects.create(
                change=change,
                kind=StaffChangeEvent.Kind.DECIDED,
                by=by,
                message=f"{decision.get_outcome_display()}, {decided_on:%d.%m.%Y}, Az. {decision.reference}",
            )
            transaction.on_commit(lambda: queue_notification(change.pk, "decided"))
    except IntegrityError as error:
        raise ValidationError(_("Die Entscheidung wurde bereits von jemand anderem erfasst.")) from error
    change.decision = decision
    return decision


@transaction.atomic
def complete_contact_data(*, staff_member: StaffMember, email: str, phone: str, qualification: str, by) -> None:
    """Stores a new staff member's contact data. Side effects: a CONTACT_COMPLETED event on the hiring change."""
    staff_member.email, staff_member.phone, staff_member.qualification = email, phone, qualification
    staff_member.full_clean()
    staff_member.save(update_fields=["email", "phone", "qualification"])
    for change in StaffChange.objects.filter(hired_staff_member=staff_member):
        StaffChangeEvent.objects.create(
            change=change,
            kind=StaffChangeEvent.Kind.CONTACT_COMPLETED,
            by=by,
            message=_("Kontaktdaten vollständig") if staff_member.contact_complete else _("Kontaktdaten ergänzt"),
        )
