"""Protocols: written per agenda item in the browser, approved and published by the owner, then frozen."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import StaleEditError, store_document
from core.workflow import StoredDocument
from meetings.models import ActionItem, AgendaItem, Meeting, Member, Notice, Protocol
from meetings.selectors import active_members
from meetings.services.log import log
from meetings.services.notices import notify_members


class ProtocolError(Exception):
    pass


def protocol_for(meeting: Meeting) -> Protocol:
    protocol, _ = Protocol.objects.get_or_create(meeting=meeting)
    return protocol


def _ensure_draft(protocol: Protocol) -> None:
    if protocol.is_published:
        raise ProtocolError(_("Das Protokoll ist veröffentlicht und kann nicht mehr geändert werden."))


def save_protocol(
    *, meeting: Meeting, by, expected_version: int, summary: str, recorded_by: str, items: dict[int, tuple[str, str]]
) -> Protocol:
    """Saves the draft: the general part and per agenda item the discussion and decisions. Optimistic locking: if
    someone else saved since `expected_version` was loaded, StaleEditError is raised and nothing is written."""
    with transaction.atomic():
        protocol = protocol_for(meeting)
        _ensure_draft(protocol)
        changed = Protocol.objects.filter(
            pk=protocol.pk, version=expected_version, status=Protocol.Status.DRAFT
        ).update(
            summary=summary.strip(),
            recorded_by=recorded_by.strip(),
            version=expected_version + 1,
            updated_at=timezone.now(),
        )
        if changed != 1:
            raise StaleEditError(_("Das Protokoll wurde inzwischen von jemand anderem gespeichert."))
        for item in AgendaItem.objects.filter(meeting=meeting, pk__in=items):
            discussion, decisions = items[item.pk]
            AgendaItem.objects.filter(pk=item.pk).update(discussion=discussion.strip(), decisions=decisions.strip())
        log(group=meeting.group, meeting=meeting, action="protocol_saved", by=by)
    protocol.refresh_from_db()
    return protocol


def add_action_item(*, item: AgendaItem, by, description: str, responsible: Member, due_date: date) -> ActionItem:
    if responsible.group_id != item.meeting.group_id:
        raise ValidationError({"responsible": _("Bitte wählen Sie ein Mitglied dieses Arbeitskreises.")})
    with transaction.atomic():
        _ensure_draft(protocol_for(item.meeting))
        action = ActionItem(
            agenda_item=item, description=description.strip(), responsible=responsible, due_date=due_date
        )
        action.full_clean()
        action.save()
        log(
            group=item.meeting.group, meeting=item.meeting, action="action_item_added", by=by, detail=action.description
        )
    return action


@transaction.atomic
def delete_action_item(*, action: ActionItem, by) -> None:
    meeting = action.agenda_item.meeting
    _ensure_draft(protocol_for(meeting))
    log(group=meeting.group, meeting=meeting, action="action_item_removed", by=by, detail=action.description)
    action.delete()


def search_text_of(meeting: Meeting, protocol: Protocol) -> str:
    parts = [meeting.group.name, meeting.display_title, protocol.summary]
    for item in meeting.agenda_items.order_by("position", "pk").prefetch_related("action_items"):
        parts += [item.title, item.description, item.discussion, item.decisions]
        parts += [action.description for action in item.action_items.all()]
    return "\n".join(part for part in parts if part)


def publish_protocol(*, meeting: Meeting, by) -> Protocol:
    """Approves and publishes the protocol. Side effects, in one transaction: status DRAFT → PUBLISHED with a
    conditional UPDATE (two clicks publish once), the archive's search text, the PDF stored as rendered (never
    re-rendered), a log entry, one e-mail per active member (exactly once) with the PDF attached and a link to
    the protocol page."""
    from meetings.documents import protocol_pdf

    if meeting.date > timezone.localdate():
        raise ProtocolError(_("Ein Protokoll kann erst nach der Sitzung veröffentlicht werden."))
    with transaction.atomic():
        protocol = protocol_for(meeting)
        now = timezone.now()
        if not Protocol.objects.filter(pk=protocol.pk, status=Protocol.Status.DRAFT).update(
            status=Protocol.Status.PUBLISHED,
            approved_by=by,
            published_at=now,
            search_text=search_text_of(meeting, protocol),
        ):
            raise ProtocolError(_("Das Protokoll wurde bereits veröffentlicht."))
        protocol.refresh_from_db()
        pdf = protocol_pdf(meeting)
        filename = f"Protokoll-{meeting.date:%Y-%m-%d}.pdf"
        store_document(
            document=protocol,
            kind=StoredDocument.Kind.EXPORT,
            filename=filename,
            data=pdf,
            by=by,
        )
        log(group=meeting.group, meeting=meeting, action="protocol_published", by=by)
        notify_members(
            members=active_members(meeting.group),
            kind=Notice.Kind.PROTOCOL,
            template="protocol_published",
            context={"meeting": meeting, "group": meeting.group, "protocol": protocol},
            attachments=((filename, pdf, "application/pdf"),),
            meeting=meeting,
        )
    return protocol


@transaction.atomic
def complete_action_item(*, action: ActionItem, by, done: bool = True) -> ActionItem:
    """Marks an action item done (or open again)."""
    now = timezone.now() if done else None
    ActionItem.objects.filter(pk=action.pk).update(done_at=now, done_by=by if done else None)
    action.done_at, action.done_by = now, (by if done else None)
    meeting = action.agenda_item.meeting
    log(
        group=meeting.group,
        meeting=meeting,
        action="action_item_done" if done else "action_item_reopened",
        by=by,
        detail=action.description,
    )
    return action
