"""Applying a change to the registry on its effective date.

Nothing is overwritten that history needs: positions and assignments are closed (valid_to) and continued by a
successor row, so fte and head count for any past day stay as they were. Only descriptive data without validity
periods (a staff member's name, an agency's address) are updated in place; the old values go into the change's
event log.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Assignment, Position, Site, StaffChange, StaffChangeDecision, StaffChangeEvent, StaffMember
from agencies.models.staff_changes import APPROVAL_REQUIRED, ChangeKind
from core.workflow import State

ONE = Decimal("1.00")
DAY = timedelta(days=1)


class ApplyError(Exception):
    """The registry no longer matches the change (e.g. the assignment it refers to ended meanwhile)."""


def assignment_of(change: StaffChange, day: date) -> Assignment | None:
    """The staff member's assignment in the change's agency that runs on `day`."""
    if not change.staff_member_id:
        return None
    return (
        Assignment.objects.active_on(day)
        .filter(staff_member_id=change.staff_member_id, position__agency_id=change.agency_id)
        .select_related("position")
        .order_by("-valid_from", "-pk")
        .first()
    )


def check_against_registry(change: StaffChange) -> None:
    """Checks that need the registry as of the effective date; raises ValidationError at the field."""
    day = change.effective_on
    if day is None:
        return
    if change.kind in (ChangeKind.HOURS_REDUCTION, ChangeKind.HOURS_INCREASE, ChangeKind.VACANCY):
        current = assignment_of(change, day)
        if change.staff_member_id and current is None:
            raise ValidationError(
                {"staff_member": _("Diese Fachkraft hat am gewählten Tag keinen Stellenanteil in dieser Agentur.")}
            )
        if current is not None and change.new_fte is not None:
            if change.kind == ChangeKind.HOURS_REDUCTION and change.new_fte >= current.fte:
                raise ValidationError(
                    {
                        "new_fte": _("Für eine Reduzierung muss der neue Anteil kleiner als %(fte)s VZÄ sein.")
                        % {"fte": _de(current.fte)}
                    }
                )
            if change.kind == ChangeKind.HOURS_INCREASE and change.new_fte <= current.fte:
                raise ValidationError(
                    {
                        "new_fte": _("Für eine Aufstockung muss der neue Anteil größer als %(fte)s VZÄ sein.")
                        % {"fte": _de(current.fte)}
                    }
                )
            if current.position.fte - current.fte + change.new_fte > ONE:
                raise ValidationError(
                    {"new_fte": _("Die Stelle hätte dann mehr als 1,00 VZÄ; bitte beantragen Sie eine weitere Stelle.")}
                )
    if change.kind == ChangeKind.EXTENSION and change.staff_member_id:
        old_end = change.staff_member.employed_to
        if old_end and change.end_on and change.end_on <= old_end:
            raise ValidationError(
                {"end_on": _("Das neue Ende muss nach dem bisherigen Ende (%(day)s) liegen.") % {"day": _dmy(old_end)}}
            )
    hire = change.kind in (ChangeKind.NEW_HIRE, ChangeKind.DEVIATING_QUALIFICATION)
    if hire and change.position_id and change.new_fte and change.new_fte > change.position.fte:
        raise ValidationError({"new_fte": _("Der Anteil ist größer als der Umfang der gewählten Stelle.")})
    if change.kind == ChangeKind.SITE_CLOSING and change.site_id and change.site.closed_on:
        raise ValidationError({"site": _("Dieser Standort ist bereits geschlossen.")})


def _de(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def _dmy(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def start_of(change: StaffChange) -> date:
    decision = change.decision_or_none
    return decision.start if decision is not None else change.effective_on


def due_changes(today: date):
    """Changes that take effect by `today` and are not applied yet: notifiable ones once the coordination has
    checked them, approval-requiring ones once the authority approved them (from the approved start)."""
    notifiable = Q(state__in=[State.APPROVED, State.FORWARDED], effective_on__lte=today) & ~Q(
        kind__in=APPROVAL_REQUIRED
    )
    approved = Q(kind__in=APPROVAL_REQUIRED, decision__outcome=StaffChangeDecision.Outcome.APPROVED) & (
        Q(decision__effective_from__lte=today) | Q(decision__effective_from__isnull=True, effective_on__lte=today)
    )
    return StaffChange.objects.filter(applied_at__isnull=True).filter(notifiable | approved).order_by("effective_on")


def apply_due_changes(*, today: date) -> int:
    """Applies every due change exactly once. Side effects per change, in its own transaction: the registry rows
    change (see `apply_change`), `applied_at` is set and an APPLIED event is written. Rows locked by another worker
    are skipped (select_for_update(skip_locked=True)); a change that no longer fits the registry gets one
    APPLY_FAILED event per day and stays due. Returns the number of applied changes."""
    applied = 0
    for pk in list(due_changes(today).values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                change = (
                    StaffChange.objects.select_for_update(skip_locked=True, of=("self",))
                    .filter(pk=pk, applied_at__isnull=True)
                    .select_related("agency", "staff_member", "position", "site")
                    .first()
                )
                if change is None:
                    continue
                message = apply_change(change)
                StaffChange.objects.filter(pk=pk).update(
                    applied_at=timezone.now(), hired_staff_member=change.hired_staff_member
                )
                StaffChangeEvent.objects.create(
                    change=change, kind=StaffChangeEvent.Kind.APPLIED, message=message, dedupe_key=f"applied-{pk}"
                )
                applied += 1
        except (ApplyError, ValidationError, IntegrityError) as error:
            _log_failure(pk, today, error)
    return applied


def _log_failure(pk: int, today: date, error: Exception) -> None:
    with transaction.atomic():
        StaffChangeEvent.objects.get_or_create(
            dedupe_key=f"apply-failed-{pk}-{today.isoformat()}",
            defaults={"change_id": pk, "kind": StaffChangeEvent.Kind.APPLY_FAILED, "message": str(error)},
        )


def apply_change(change: StaffChange) -> str:
    """Changes the registry as `change` says, from its start date; returns a log message (old → new)."""
    start = start_of(change)
    handler = HANDLERS[change.kind]
    return handler(change, start)


def _split(assignment: Assignment, day: date, **changes) -> Assignment:
    """Ends `assignment` the day before `day` and continues it from `day` with `changes`; returns the successor."""
    if assignment.valid_from >= day:
        for field, value in changes.items():
            setattr(assignment, field, value)
        assignment.save()
        return assignment
    successor = Assignment(
        staff_member_id=assignment.staff_member_id,
        position_id=assignment.position_id,
        fte=assignment.fte,
        valid_from=day,
        valid_to=assignment.valid_to,
    )
    for field, value in changes.items():
        setattr(successor, field, value)
    assignment.valid_to = day - DAY
    assignment.save(update_fields=["valid_to"])
    successor.save()
    return successor


def _reshape_position(position: Position, day: date, fte: Decimal) -> Position:
    """Gives `position` the size `fte` from `day`, keeping the old size for the days before."""
    if position.valid_from >= day:
        position.fte = fte
        position.save(update_fields=["fte"])
        return position
    successor = Position.objects.create(
        agency_id=position.agency_id,
        title=position.title,
        pay_group=position.pay_group,
        fte=fte,
        valid_from=day,
        valid_to=position.valid_to,
    )
    position.valid_to = day - DAY
    position.save(update_fields=["valid_to"])
    for assignment in Assignment.objects.filter(position=position).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    ):
        if assignment.valid_from >= day:
            assignment.position = successor
            assignment.save(update_fields=["position"])
        else:
            _split(assignment, day, position_id=successor.pk)
    return successor


def _current(change: StaffChange, day: date) -> Assignment:
    assignment = assignment_of(change, day)
    if assignment is None:
        raise ApplyError(
            _("%(staff)s hat am %(day)s keinen Stellenanteil in der Agentur.")
            % {"staff": change.staff_member, "day": _dmy(day)}
        )
    return assignment


def _change_hours(change: StaffChange, start: date) -> str:
    assignment = _current(change, start)
    old_fte = assignment.fte
    position = _reshape_position(assignment.position, start, assignment.position.fte - old_fte + change.new_fte)
    assignment = _current(change, start)  # the successor on the reshaped position
    _split(assignment, start, fte=change.new_fte, position_id=position.pk)
    return _("Stellenanteil von %(staff)s: %(old)s → %(new)s VZÄ ab %(day)s") % {
        "staff": change.staff_member,
        "old": _de(old_fte),
        "new": _de(change.new_fte),
        "day": _dmy(start),
    }


def _vacancy(change: StaffChange, start: date) -> str:
    assignment = _current(change, start)
    if assignment.valid_from >= start:
        raise ApplyError(_("Die Stellenbesetzung beginnt erst am Tag der Vakanz; bitte korrigieren Sie sie direkt."))
    original_end = assignment.valid_to
    assignment.valid_to = start - DAY
    assignment.save(update_fields=["valid_to"])
    if change.end_on and (original_end is None or original_end > change.end_on):
        Assignment.objects.create(
            staff_member_id=assignment.staff_member_id,
            position_id=assignment.position_id,
            fte=assignment.fte,
            valid_from=change.end_on + DAY,
            valid_to=original_end,
        )
        return _("Vakanz von %(staff)s vom %(start)s bis %(end)s; die Stelle bleibt bestehen.") % {
            "staff": change.staff_member,
            "start": _dmy(start),
            "end": _dmy(change.end_on),
        }
    return _("Vakanz von %(staff)s ab %(start)s; die Stelle bleibt bestehen.") % {
        "staff": change.staff_member,
        "start": _dmy(start),
    }


def _end_employment(change: StaffChange, last_day: date) -> str:
    staff = change.staff_member
    staff.employed_to = last_day
    staff.save(update_fields=["employed_to"])
    Assignment.objects.filter(staff_member=staff, valid_from__lte=last_day).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=last_day)
    ).update(valid_to=last_day)
    return _("Beschäftigung von %(staff)s endet am %(day)s (%(reason)s); die Stelle bleibt bestehen.") % {
        "staff": staff,
        "day": _dmy(last_day),
        "reason": change.get_end_reason_display(),
    }


def _update_fields(instance, change: StaffChange, fields: tuple[str, ...]) -> str:
    updates = []
    for field in fields:
        value = getattr(change, field)
        if value and value != getattr(instance, field):
            updates.append(f"{instance._meta.get_field(field).verbose_name}: „{getattr(instance, field)}“ → „{value}“")
            setattr(instance, field, value)
    instance.full_clean()
    instance.save()
    return "; ".join(updates) or _("keine abweichenden Angaben")


def _personal_change(change: StaffChange, start: date) -> str:
    return _update_fields(change.staff_member, change, ("first_name", "last_name", "email", "phone"))


def _agency_change(change: StaffChange, start: date) -> str:
    return _update_fields(change.agency, change, ("street", "postcode", "city", "phone", "email", "website"))


def _hire(change: StaffChange, start: date) -> str:
    staff = StaffMember.objects.create(
        provider_id=change.agency.provider_id,
        first_name=change.first_name,
        last_name=change.last_name,
        email=change.email,
        phone=change.phone,
        qualification=change.qualification,
        employed_from=start,
        employed_to=change.end_on,
    )
    position = change.position or Position.objects.create(
        agency_id=change.agency_id, fte=change.new_fte, valid_from=start, valid_to=change.end_on
    )
    Assignment.objects.create(
        staff_member=staff, position=position, fte=change.new_fte, valid_from=start, valid_to=change.end_on
    )
    change.hired_staff_member = staff
    return _("%(staff)s eingestellt ab %(day)s mit %(fte)s VZÄ.") % {
        "staff": staff,
        "day": _dmy(start),
        "fte": _de(change.new_fte),
    }


def _extend(change: StaffChange, start: date) -> str:
    staff = change.staff_member
    old_end = staff.employed_to
    staff.employed_to = change.end_on
    staff.save(update_fields=["employed_to"])
    assignments = Assignment.objects.filter(staff_member=staff, valid_to=old_end, position__agency_id=change.agency_id)
    Position.objects.filter(pk__in=assignments.values("position"), valid_to=old_end).update(valid_to=change.end_on)
    assignments.update(valid_to=change.end_on)
    return _("Beschäftigung von %(staff)s verlängert: bis %(old)s → %(new)s") % {
        "staff": staff,
        "old": _dmy(old_end) if old_end else "–",
        "new": _dmy(change.end_on) if change.end_on else _("unbefristet"),
    }


def _open_site(change: StaffChange, start: date) -> str:
    site = Site.objects.create(
        agency_id=change.agency_id,
        kind=change.site_kind,
        street=change.street,
        postcode=change.postcode,
        city=change.city,
        opened_on=start,
    )
    return _("Standort eröffnet: %(site)s ab %(day)s") % {"site": site, "day": _dmy(start)}


def _close_site(change: StaffChange, start: date) -> str:
    site = change.site
    site.closed_on = start
    site.save(update_fields=["closed_on"])
    return _("Standort geschlossen: %(site)s zum %(day)s") % {"site": site, "day": _dmy(start)}


HANDLERS = {
    ChangeKind.VACANCY: _vacancy,
    ChangeKind.END_OF_EMPLOYMENT: _end_employment,
    ChangeKind.HOURS_REDUCTION: _change_hours,
    ChangeKind.HOURS_INCREASE: _change_hours,
    ChangeKind.PERSONAL_CHANGE: _personal_change,
    ChangeKind.AGENCY_CHANGE: _agency_change,
    ChangeKind.NEW_HIRE: _hire,
    ChangeKind.DEVIATING_QUALIFICATION: _hire,
    ChangeKind.EXTENSION: _extend,
    ChangeKind.SITE_OPENING: _open_site,
    ChangeKind.SITE_CLOSING: _close_site,
}
