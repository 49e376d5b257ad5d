"""What members do: RSVP, propose agenda items, volunteer to present, propose and vote on retreat topics; and
what the owner does with it: record attendance, decide on proposals, choose topics."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency
from meetings.models import (
    AgendaProposal,
    Attendance,
    Meeting,
    Member,
    PresentationVolunteer,
    ProposalStatus,
    Response,
    TopicProposal,
    TopicVote,
    WorkingGroup,
)
from meetings.services.groups import add_agenda_item
from meetings.services.log import log


def respond(*, meeting: Meeting, member: Member, response: str, substitute: str = "", comment: str = "") -> Attendance:
    """Records a member's RSVP (again: the last answer counts). Side effects: a log entry."""
    if meeting.is_cancelled:
        raise ValidationError(_("Die Sitzung wurde abgesagt."))
    if meeting.is_past:
        raise ValidationError(_("Die Sitzung liegt in der Vergangenheit; eine Rückmeldung ist nicht mehr möglich."))
    if response not in Response.values:
        raise ValidationError({"response": _("Bitte wählen Sie eine Antwort.")})
    with transaction.atomic():
        attendance, _created = Attendance.objects.select_for_update().get_or_create(meeting=meeting, member=member)
        attendance.response = response
        attendance.substitute = substitute.strip() if response != Response.YES else ""
        attendance.comment = comment.strip()
        attendance.responded_at = timezone.now()
        attendance.save(update_fields=["response", "substitute", "comment", "responded_at"])
        log(
            group=meeting.group,
            meeting=meeting,
            action="rsvp",
            by=member.user,
            detail=f"{member.display_name}: {attendance.get_response_display()}",
        )
    return attendance


@transaction.atomic
def record_attendance(*, meeting: Meeting, present_member_ids: set[int], by) -> int:
    """Stores who attended (every active member is marked present or absent). Returns the number present."""
    members = list(Member.objects.filter(group=meeting.group, active=True))
    existing = {a.member_id: a for a in Attendance.objects.filter(meeting=meeting)}
    for member in members:
        attendance = existing.get(member.pk) or Attendance.objects.create(meeting=meeting, member=member)
        attendance.attended = member.pk in present_member_ids
        attendance.save(update_fields=["attended"])
    Meeting.objects.filter(pk=meeting.pk).update(attendance_recorded_at=timezone.now())
    present = sum(1 for member in members if member.pk in present_member_ids)
    log(group=meeting.group, meeting=meeting, action="attendance_recorded", by=by, detail=str(present))
    return present


@transaction.atomic
def propose_item(
    *, group: WorkingGroup, member: Member, title: str, description: str = "", minutes: int = 15, wished_meeting=None
) -> AgendaProposal:
    """Any member proposes an agenda item; it waits for the owner's decision."""
    if wished_meeting is not None and (wished_meeting.group_id != group.pk or wished_meeting.is_past):
        raise ValidationError({"wished_meeting": _("Bitte wählen Sie eine kommende Sitzung dieses Arbeitskreises.")})
    proposal = AgendaProposal(
        group=group,
        proposed_by=member,
        title=title.strip(),
        description=description.strip(),
        minutes=minutes,
        wished_meeting=wished_meeting,
    )
    proposal.full_clean()
    proposal.save()
    log(group=group, action="item_proposed", by=member.user, detail=f"{member.display_name}: {proposal.title}")
    return proposal


class Decision:
    ACCEPT = "accept"
    DEFER = "defer"
    DECLINE = "decline"


def decide_proposal(*, proposal: AgendaProposal, decision: str, by, meeting: Meeting | None = None, reason: str = ""):
    """The owner accepts a proposal into a meeting's agenda, defers it (it stays in the pool) or declines it with a
    reason. Side effects: an agenda item (on accept), a log entry, an e-mail to the proposer."""
    from meetings.services.notices import _queue

    reason = reason.strip()
    if decision == Decision.ACCEPT:
        if meeting is None or meeting.group_id != proposal.group_id or meeting.is_cancelled:
            raise ValidationError({"meeting": _("Bitte wählen Sie eine Sitzung dieses Arbeitskreises.")})
    elif decision in (Decision.DEFER, Decision.DECLINE):
        if not reason:
            raise ValidationError(
                {"reason": _("Bitte begründen Sie kurz, damit die vorschlagende Person es versteht.")}
            )
    else:
        raise ValidationError({"decision": _("Bitte wählen Sie eine Entscheidung.")})
    with transaction.atomic():
        locked = AgendaProposal.objects.select_for_update().get(pk=proposal.pk)
        if not locked.is_pending:
            raise ValidationError(_("Über diesen Vorschlag wurde bereits entschieden."))
        if decision == Decision.ACCEPT:
            member = locked.proposed_by
            item = add_agenda_item(
                meeting=meeting,
                by=by,
                title=locked.title,
                description=locked.description,
                presenter=f"{member.display_name} ({member.affiliation})"
                if member.affiliation
                else member.display_name,
                minutes=locked.minutes,
            )
            locked.agenda_item, locked.status = item, ProposalStatus.ACCEPTED
        else:
            locked.status = ProposalStatus.DEFERRED if decision == Decision.DEFER else ProposalStatus.DECLINED
        locked.reason, locked.decided_by, locked.decided_at = reason, by, timezone.now()
        locked.save()
        log(
            group=locked.group,
            meeting=meeting,
            action=f"proposal_{locked.status}",
            by=by,
            detail=f"{locked.title}{': ' + reason if reason else ''}",
        )
        _queue(
            template="proposal_decided",
            member=locked.proposed_by,
            context={"proposal": locked, "group": locked.group, "meeting": meeting},
        )
    return locked


def volunteer(*, group: WorkingGroup, member: Member, agency: Agency, topic: str = "") -> PresentationVolunteer:
    """An agency offers to present its work in one of the next meetings; the rotation proposes it first."""
    try:
        with transaction.atomic():
            offer = PresentationVolunteer.objects.create(
                group=group, agency=agency, offered_by=member, topic=topic.strip()
            )
            log(group=group, action="volunteered", by=member.user, detail=f"{agency}: {topic}")
    except IntegrityError as error:
        raise ValidationError(
            _("Ihre Agentur hat sich bereits gemeldet; die Koordination meldet sich bei Ihnen.")
        ) from error
    return offer


@transaction.atomic
def propose_topic(
    *, group: WorkingGroup, member: Member, year: int, title: str, description: str = ""
) -> TopicProposal:
    if TopicProposal.objects.filter(group=group, year=year, title__iexact=title.strip()).exists():
        raise ValidationError({"title": _("Dieses Thema wurde bereits vorgeschlagen; Sie können dafür stimmen.")})
    topic = TopicProposal.objects.create(
        group=group, year=year, title=title.strip(), description=description.strip(), proposed_by=member
    )
    TopicVote.objects.create(topic=topic, member=member)
    log(group=group, action="topic_proposed", by=member.user, detail=f"{year}: {topic.title}")
    return topic


@transaction.atomic
def toggle_vote(*, topic: TopicProposal, member: Member) -> bool:
    """Gives or withdraws the member's vote; returns whether the member now votes for the topic."""
    deleted, _ = TopicVote.objects.filter(topic=topic, member=member).delete()
    if deleted:
        return False
    TopicVote.objects.get_or_create(topic=topic, member=member)
    return True


@transaction.atomic
def choose_topic(*, topic: TopicProposal, chosen: bool, by) -> None:
    TopicProposal.objects.filter(pk=topic.pk).update(chosen=chosen)
    topic.chosen = chosen
    log(group=topic.group, action="topic_chosen" if chosen else "topic_unchosen", by=by, detail=topic.title)
