"""Which agency presents its own project next (Kompendium 4.3: a tradition in every Facharbeitskreis).

The proposal is fair and explainable: agencies that volunteered come first (earliest offer first), then agencies
that never presented, then the one whose last presentation lies furthest back. Closed agencies and agencies
already booked for a later meeting are skipped. The owner confirms the proposal or chooses another agency, giving
a reason."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agencies.models import Agency
from meetings.models import Meeting, PresentationVolunteer, WorkingGroup
from meetings.services.log import log


@dataclass(frozen=True)
class Candidate:
    agency: Agency
    last_presented: date | None
    volunteered: PresentationVolunteer | None

    @property
    def explanation(self) -> str:
        if self.volunteered is not None:
            return _("hat sich am %(day)s freiwillig gemeldet") % {
                "day": date_format(timezone.localtime(self.volunteered.created_at).date(), "SHORT_DATE_FORMAT")
            } + (f" ({self.volunteered.topic})" if self.volunteered.topic else "")
        if self.last_presented is None:
            return _("hat in diesem Arbeitskreis noch nie vorgestellt")
        return _("hat zuletzt am %(day)s vorgestellt") % {"day": date_format(self.last_presented, "SHORT_DATE_FORMAT")}


def rotation_agencies(group: WorkingGroup, on: date):
    """The agencies taking part: those of the group's active staff members, open on `on`."""
    return (
        Agency.objects.active_on(on)
        .filter(working_group_members__group=group, working_group_members__active=True)
        .distinct()
    )


def candidates(group: WorkingGroup, meeting: Meeting) -> list[Candidate]:
    """All eligible agencies for `meeting` in the order the rotation proposes them (three queries)."""
    agencies = list(rotation_agencies(group, meeting.date).only("name"))  # shown and ranked by name
    # Per agency that presented or will present: its last presentation before `meeting` and whether it is booked
    # for `meeting`'s day or later (another meeting than this one).
    presenters = (
        Meeting.objects.filter(group=group, presenting_agency__isnull=False, cancelled_at__isnull=True)
        .values("presenting_agency")
        .annotate(
            last=Max("date", filter=Q(date__lt=meeting.date)),
            later=Count("pk", filter=Q(date__gte=meeting.date) & ~Q(pk=meeting.pk)),
        )
        .values_list("presenting_agency", "last", "later")
    )
    last, booked = {}, set()
    for agency_id, last_presented, later in presenters:
        if last_presented is not None:
            last[agency_id] = last_presented
        if later:
            booked.add(agency_id)
    return _ranked(group, agencies, last, booked)


def candidates_among(
    group: WorkingGroup,
    meeting: Meeting,
    *,
    member_agencies: Iterable[Agency | None],
    group_meetings: Iterable[Meeting],
) -> list[Candidate]:
    """`candidates` from rows the caller has read anyway (the group page): the agencies of the group's active
    members (repeated, closed or missing ones allowed: they are sorted out here as in `rotation_agencies`) and all
    of the group's meetings with their date, presenting agency and cancellation. One query, the open offers."""
    agencies = {
        agency.pk: agency for agency in member_agencies if agency is not None and agency.is_active_on(meeting.date)
    }
    last, booked = {}, set()
    for other in group_meetings:
        agency_id = other.presenting_agency_id
        if agency_id is None or other.cancelled_at is not None:
            continue
        if other.date < meeting.date:
            if agency_id not in last or last[agency_id] < other.date:
                last[agency_id] = other.date
        elif other.pk != meeting.pk:
            booked.add(agency_id)
    return _ranked(group, agencies.values(), last, booked)


def _ranked(
    group: WorkingGroup, agencies: Iterable[Agency], last: dict[int, date], booked: set[int]
) -> list[Candidate]:
    """The agencies not `booked` in the rotation's order: volunteers first (earliest offer first), then those that
    never presented, then the one whose `last` presentation lies furthest back."""
    offers = {}
    for offer in PresentationVolunteer.objects.filter(group=group, used_for__isnull=True).order_by("created_at", "pk"):
        offers.setdefault(offer.agency_id, offer)
    result = [
        Candidate(agency=agency, last_presented=last.get(agency.pk), volunteered=offers.get(agency.pk))
        for agency in agencies
        if agency.pk not in booked
    ]
    return sorted(
        result,
        key=lambda c: (
            c.volunteered is None,
            c.volunteered.created_at.timestamp() if c.volunteered else 0.0,
            c.last_presented is not None,
            c.last_presented or date.min,
            c.agency.name,
            c.agency.pk,
        ),
    )


def proposal_for(group: WorkingGroup, meeting: Meeting) -> Candidate | None:
    ranked = candidates(group, meeting)
    return ranked[0] if ranked else None


def confirm_presenter(*, meeting: Meeting, agency: Agency, by, reason: str = "") -> Meeting:
    """Sets the presenting agency. Choosing another agency than the proposal needs a reason; both are logged.
    A volunteer offer of the agency is marked as used."""
    reason = reason.strip()
    ranked = candidates(meeting.group, meeting)
    eligible = {c.agency.pk: c for c in ranked}
    if agency.pk not in eligible:
        raise ValidationError({"agency": _("Diese Agentur kann für diese Sitzung nicht vorgeschlagen werden.")})
    proposed = ranked[0]
    if agency.pk != proposed.agency.pk and not reason:
        raise ValidationError(
            {
                "reason": _("Sie weichen vom Vorschlag (%(agency)s) ab; bitte begründen Sie das kurz.")
                % {"agency": proposed.agency}
            }
        )
    with transaction.atomic():
        meeting.presenting_agency = agency
        meeting.presenting_reason = reason or eligible[agency.pk].explanation
        meeting.presenting_confirmed_at = timezone.now()
        meeting.save(update_fields=["presenting_agency", "presenting_reason", "presenting_confirmed_at", "updated_at"])
        PresentationVolunteer.objects.filter(group=meeting.group, agency=agency, used_for__isnull=True).update(
            used_for=meeting
        )
        log(
            group=meeting.group,
            meeting=meeting,
            action="presenter_confirmed",
            by=by,
            detail=f"{agency}: {meeting.presenting_reason}",
        )
    return meeting


def history(group: WorkingGroup):
    return (
        Meeting.objects.filter(group=group, presenting_agency__isnull=False, cancelled_at__isnull=True)
        .select_related("presenting_agency")
        .order_by("-date")
    )
