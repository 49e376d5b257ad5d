"""E-mails to members, each exactly once: a Notice row (unique per kind, member and meeting/plan/action item) is
created with get_or_create inside the caller's transaction, and the mail is queued with on_commit only when the
row is new."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from meetings.models import ActionItem, Attendance, Meeting, Member, Notice, Protocol
from meetings.selectors import active_members


def _queue(*, template: str, member: Member, context: dict, attachments=()) -> None:
    from meetings.mail import send_to_member

    transaction.on_commit(
        lambda: send_to_member(template=template, member=member, context=context, attachments=attachments)
    )


def notify_members(
    *,
    members: Iterable[Member],
    kind: str,
    template: str,
    context: dict,
    attachments=(),
    meeting: Meeting | None = None,
    plan=None,
    action_item: ActionItem | None = None,
) -> int:
    """Creates one Notice per member (if not yet there) and queues its e-mail. Must run inside a transaction.
    Returns how many e-mails were queued."""
    queued = 0
    for member in members:
        _, created = Notice.objects.get_or_create(
            kind=kind, member=member, meeting=meeting, plan=plan, action_item=action_item
        )
        if created:
            _queue(template=template, member=member, context=context, attachments=attachments)
            queued += 1
    return queued


def send_invitations(*, meeting: Meeting, by=None) -> int:
    """Invites every active member to `meeting` with the agenda (HTML + text, agenda PDF and calendar entry
    attached). Side effects, in one transaction: an Attendance row (with the personal RSVP link) per member, a
    Notice per member (so nobody is invited twice, even by two workers), `invitations_sent_at`, a log entry.
    Returns the number of e-mails queued."""
    from meetings.documents import agenda_pdf, meeting_ics
    from meetings.services.log import log

    with transaction.atomic():
        locked = (
            Meeting.objects.select_for_update(skip_locked=True)
            .filter(pk=meeting.pk, cancelled_at__isnull=True, published_at__isnull=False)
            .first()
        )
        if locked is None:
            return 0
        meeting = Meeting.objects.select_related("group", "presenting_agency").get(pk=meeting.pk)
        members = list(active_members(meeting.group))
        already = set(
            Notice.objects.filter(meeting=meeting, kind=Notice.Kind.INVITATION).values_list("member_id", flat=True)
        )
        pending = [member for member in members if member.pk not in already]
        queued = 0
        if pending:
            attachments = (
                (f"Tagesordnung-{meeting.date:%Y-%m-%d}.pdf", agenda_pdf(meeting), "application/pdf"),
                (f"Sitzung-{meeting.date:%Y-%m-%d}.ics", meeting_ics(meeting), "text/calendar"),
            )
            items = list(meeting.agenda_items.order_by("position", "pk"))
            for member in pending:
                attendance, _ = Attendance.objects.get_or_create(meeting=meeting, member=member)
                queued += notify_members(
                    members=[member],
                    kind=Notice.Kind.INVITATION,
                    template="invitation",
                    context={"meeting": meeting, "group": meeting.group, "items": items, "attendance": attendance},
                    attachments=attachments,
                    meeting=meeting,
                )
        if meeting.invitations_sent_at is None:
            Meeting.objects.filter(pk=meeting.pk).update(invitations_sent_at=timezone.now())
        if queued:
            log(group=meeting.group, meeting=meeting, action="invitations_sent", by=by, detail=str(queued))
    return queued


def meetings_due_for_invitation(today: date):
    """Published, not cancelled meetings from today on whose invitation date (the group's weeks ahead) has come
    and which still have members without an invitation."""
    candidates = Meeting.objects.filter(
        date__gte=today,
        date__lte=today + timedelta(weeks=12),
        published_at__isnull=False,
        cancelled_at__isnull=True,
    ).select_related("group")
    return [meeting for meeting in candidates if meeting.invitation_due_on() <= today and meeting.group.is_active]


def send_due_invitations(*, today: date) -> int:
    """The daily batch: invites to every meeting that is due. Safe to run on several workers at once."""
    return sum(send_invitations(meeting=meeting) for meeting in meetings_due_for_invitation(today))


def send_due_action_reminders(*, today: date) -> int:
    """Reminds the responsible member of each open action item of a published protocol once, when its due date is
    `reminder_days` (per group) or fewer days away."""
    items = (
        ActionItem.objects.filter(
            done_at__isnull=True,
            due_date__gte=today,
            due_date__lte=today + timedelta(days=60),
            agenda_item__meeting__protocol__status=Protocol.Status.PUBLISHED,
            responsible__active=True,
        )
        .exclude(notices__kind=Notice.Kind.ACTION_REMINDER)
        .select_related("agenda_item__meeting__group", "responsible__user")
    )
    queued = 0
    for item in items:
        group = item.agenda_item.meeting.group
        if item.due_date - timedelta(days=group.reminder_days) > today:
            continue
        with transaction.atomic():
            queued += notify_members(
                members=[item.responsible],
                kind=Notice.Kind.ACTION_REMINDER,
                template="action_reminder",
                context={"item": item, "meeting": item.agenda_item.meeting, "group": group},
                action_item=item,
            )
    return queued
