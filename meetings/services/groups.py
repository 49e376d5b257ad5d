"""Groups, members, annual plans, meetings and agendas."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agencies.models import Agency, Membership, Role
from meetings.models import (
    AgendaAttachment,
    AgendaItem,
    AnnualPlan,
    Meeting,
    Member,
    MemberKind,
    Notice,
    WorkingGroup,
)
from meetings.selectors import active_members
from meetings.services.log import log
from meetings.services.notices import notify_members

GROUP_FIELDS = (
    "name",
    "kind",
    "description",
    "owner_district",
    "yearly_minimum",
    "invitation_weeks",
    "reminder_days",
    "uses_rotation",
    "default_location",
    "is_active",
)
MEETING_FIELDS = ("title", "date", "end_date", "start_time", "end_time", "location", "online_url")
ITEM_FIELDS = ("title", "description", "presenter", "minutes")


def _fields(data: dict, allowed) -> dict:
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    return data


@transaction.atomic
def create_group(*, by, **data) -> WorkingGroup:
    """Creates a working group. Side effects: a log entry."""
    group = WorkingGroup(**_fields(data, GROUP_FIELDS))
    group.full_clean()
    group.save()
    log(group=group, action="group_created", by=by, detail=group.name)
    return group


@transaction.atomic
def update_group(*, group: WorkingGroup, by, **data) -> WorkingGroup:
    for field, value in _fields(data, GROUP_FIELDS).items():
        setattr(group, field, value)
    group.full_clean()
    group.save()
    log(group=group, action="group_updated", by=by, detail=", ".join(sorted(data)))
    return group


def _reactivate_or_create(*, group: WorkingGroup, lookup: dict, defaults: dict) -> tuple[Member, bool]:
    member = Member.objects.filter(group=group, **lookup).first()
    if member is not None:
        changed = not member.active
        for field, value in defaults.items():
            setattr(member, field, value)
        member.active = True
        member.full_clean()
        member.save()
        return member, changed
    member = Member(group=group, **lookup, **defaults)
    member.full_clean()
    member.save()
    return member, True


@transaction.atomic
def add_user_member(*, group: WorkingGroup, user, kind: str, agency: Agency | None = None, by) -> Member:
    """Adds (or re-activates) a user as member. Side effects: a log entry."""
    if kind == MemberKind.GUEST:
        raise ValidationError({"kind": _("Benutzer mit Konto werden nicht als Gast aufgenommen.")})
    member, changed = _reactivate_or_create(
        group=group,
        lookup={"user": user},
        defaults={"kind": kind, "agency": agency if kind == MemberKind.STAFF else None},
    )
    if changed:
        log(group=group, action="member_added", by=by, detail=str(user))
    return member


@transaction.atomic
def add_agency_staff(*, group: WorkingGroup, agency: Agency, by) -> int:
    """Adds every user who works in `agency` (specialist membership) to the group; returns how many were new."""
    users = Membership.objects.filter(role=Role.SPECIALIST, agency=agency).select_related("user")
    added = 0
    for membership in users:
        _, changed = _reactivate_or_create(
            group=group, lookup={"user": membership.user}, defaults={"kind": MemberKind.STAFF, "agency": agency}
        )
        added += int(changed)
    if added:
        log(group=group, action="agency_staff_added", by=by, detail=f"{agency}: {added}")
    return added


@transaction.atomic
def add_guest(*, group: WorkingGroup, name: str, email: str, organisation: str = "", by) -> Member:
    """Adds a guest without login (e.g. an MBE or JMD adviser); they are reached by e-mail only."""
    member, changed = _reactivate_or_create(
        group=group,
        lookup={"user": None, "email": email.strip().lower()},
        defaults={"kind": MemberKind.GUEST, "name": name.strip(), "organisation": organisation.strip()},
    )
    if changed:
        log(group=group, action="guest_added", by=by, detail=f"{member.name} <{member.email}>")
    return member


@transaction.atomic
def remove_member(*, member: Member, by) -> None:
    """Deactivates a member: they receive nothing more, their past RSVPs and action items stay on record."""
    if Member.objects.filter(pk=member.pk, active=True).update(active=False):
        log(group=member.group, action="member_removed", by=by, detail=member.display_name)
    member.active = False


def plan_of(group: WorkingGroup, year: int) -> AnnualPlan | None:
    return AnnualPlan.objects.filter(group=group, year=year).first()


class PlanError(Exception):
    pass


def publish_plan(*, group: WorkingGroup, year: int, by) -> AnnualPlan:
    """Publishes the dates of `year`. Side effects, in one transaction: every meeting of the year becomes visible to
    the members (and their calendar feed), a log entry, and each active member gets one e-mail with the dates
    (exactly once per plan and member, also when publishing again after adding a date)."""
    with transaction.atomic():
        plan, _created = AnnualPlan.objects.select_for_update().get_or_create(group=group, year=year)
        meetings = list(
            Meeting.objects.filter(group=group, date__year=year, cancelled_at__isnull=True).order_by("date")
        )
        if not meetings:
            raise PlanError(_("Der Jahresplan %(year)s enthält noch keinen Termin.") % {"year": year})
        now = timezone.now()
        Meeting.objects.filter(group=group, date__year=year, published_at__isnull=True).update(published_at=now)
        if plan.published_at is None:
            plan.published_at = now
            plan.published_by = by
            plan.save(update_fields=["published_at", "published_by"])
        log(
            group=group,
            action="plan_published",
            by=by,
            detail=", ".join(date_format(m.date, "SHORT_DATE_FORMAT") for m in meetings),
        )
        notify_members(
            members=active_members(group),
            kind=Notice.Kind.PLAN,
            template="plan_published",
            context={"group": group, "year": year, "meetings": meetings},
            plan=plan,
        )
    return plan


def create_meeting(*, group: WorkingGroup, by, **data) -> Meeting:
    """Adds a date. In a year whose plan is already published the meeting is published at once."""
    with transaction.atomic():
        meeting = Meeting(group=group, **_fields(data, MEETING_FIELDS))
        meeting.full_clean()
        if AnnualPlan.objects.filter(group=group, year=meeting.date.year, published_at__isnull=False).exists():
            meeting.published_at = timezone.now()
        meeting.save()
        log(group=group, meeting=meeting, action="meeting_created", by=by, detail=str(meeting))
    return meeting


@transaction.atomic
def update_meeting(*, meeting: Meeting, by, **data) -> Meeting:
    before = str(meeting)
    for field, value in _fields(data, MEETING_FIELDS).items():
        setattr(meeting, field, value)
    meeting.full_clean()
    meeting.save()
    log(group=meeting.group, meeting=meeting, action="meeting_updated", by=by, detail=f"{before} → {meeting}")
    return meeting


class MeetingError(Exception):
    pass


def cancel_meeting(*, meeting: Meeting, by, reason: str) -> Meeting:
    """Cancels a meeting. Side effects: log entry; members of a published meeting are told once by e-mail."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Bitte geben Sie einen Grund für die Absage an.")})
    with transaction.atomic():
        now = timezone.now()
        if not Meeting.objects.filter(pk=meeting.pk, cancelled_at__isnull=True).update(
            cancelled_at=now, cancel_reason=reason
        ):
            raise MeetingError(_("Die Sitzung ist bereits abgesagt."))
        meeting.cancelled_at, meeting.cancel_reason = now, reason
        log(group=meeting.group, meeting=meeting, action="meeting_cancelled", by=by, detail=reason)
        if meeting.is_published:
            notify_members(
                members=active_members(meeting.group),
                kind=Notice.Kind.CANCELLATION,
                template="meeting_cancelled",
                context={"meeting": meeting, "group": meeting.group},
                meeting=meeting,
            )
    return meeting


@transaction.atomic
def add_agenda_item(*, meeting: Meeting, by, **data) -> AgendaItem:
    last = meeting.agenda_items.aggregate(n=Max("position"))["n"]
    item = AgendaItem(meeting=meeting, position=(last or 0) + 1, **_fields(data, ITEM_FIELDS))
    item.full_clean()
    item.save()
    log(group=meeting.group, meeting=meeting, action="agenda_item_added", by=by, detail=item.title)
    return item


@transaction.atomic
def update_agenda_item(*, item: AgendaItem, by, **data) -> AgendaItem:
    for field, value in _fields(data, ITEM_FIELDS).items():
        setattr(item, field, value)
    item.full_clean()
    item.save()
    log(group=item.meeting.group, meeting=item.meeting, action="agenda_item_updated", by=by, detail=item.title)
    return item


@transaction.atomic
def delete_agenda_item(*, item: AgendaItem, by) -> None:
    """Removes an item from the agenda; a proposal it came from goes back to the pool of open proposals."""
    from meetings.models import ProposalStatus

    meeting = item.meeting
    if hasattr(item, "proposal"):
        proposal = item.proposal
        proposal.status, proposal.agenda_item = ProposalStatus.DEFERRED, None
        proposal.save(update_fields=["status", "agenda_item"])
    if item.action_items.exists():
        raise ValidationError(_("Zu diesem Punkt gibt es Aufgaben im Protokoll; er kann nicht entfernt werden."))
    log(group=meeting.group, meeting=meeting, action="agenda_item_removed", by=by, detail=item.title)
    item.delete()


@transaction.atomic
def move_agenda_item(*, item: AgendaItem, direction: int, by) -> None:
    """Swaps the item with its neighbour above (direction -1) or below (+1)."""
    items = list(item.meeting.agenda_items.order_by("position", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + direction
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    for position, other in enumerate(items, start=1):
        if other.position != position:
            AgendaItem.objects.filter(pk=other.pk).update(position=position)
    log(group=item.meeting.group, meeting=item.meeting, action="agenda_reordered", by=by, detail=item.title)


MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ALLOWED_EXTENSIONS = (".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".png", ".jpg", ".jpeg", ".txt")


def add_attachment(*, item: AgendaItem, upload: UploadedFile, by) -> AgendaAttachment:
    name = upload.name.rsplit("/", 1)[-1][:200]
    if not name.lower().endswith(ALLOWED_EXTENSIONS):
        raise ValidationError(
            {"file": _("Bitte laden Sie ein PDF, ein Office-Dokument, ein Bild oder eine Textdatei hoch.")}
        )
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": _("Die Datei ist größer als 10 MB.")})
    with transaction.atomic():
        attachment = AgendaAttachment(item=item, filename=name, size=upload.size, uploaded_by=by)
        attachment.file.save(name, upload, save=False)
        try:
            attachment.save()
        except IntegrityError:  # pragma: no cover - the storage wrote the file, the row failed
            attachment.file.delete(save=False)
            raise
        log(group=item.meeting.group, meeting=item.meeting, action="attachment_added", by=by, detail=name)
    return attachment
