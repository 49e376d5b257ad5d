"""Documents made from a meeting: the agenda and protocol as PDF (WeasyPrint via core.pdf) and the calendar entry
(.ics) for invitations and downloads."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from core.pdf import render_pdf
from meetings.models import Meeting


def agenda_pdf(meeting: Meeting) -> bytes:
    items = meeting.agenda_items.order_by("position", "pk").prefetch_related("attachments")
    return render_pdf("meetings/pdf/agenda.html", {"meeting": meeting, "group": meeting.group, "items": items})


def protocol_pdf(meeting: Meeting) -> bytes:
    items = meeting.agenda_items.order_by("position", "pk").prefetch_related("action_items__responsible__user")
    attendances = meeting.attendances.filter(attended=True).select_related("member__user", "member__agency")
    return render_pdf(
        "meetings/pdf/protocol.html",
        {
            "meeting": meeting,
            "group": meeting.group,
            "protocol": meeting.protocol,
            "items": items,
            "attendances": attendances,
        },
    )


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@agenturnetz"


def meeting_location(meeting: Meeting) -> str:
    return ", ".join(part for part in (meeting.location, meeting.online_url) if part)


def meeting_ics(meeting: Meeting) -> bytes:
    """One VEVENT, with a stable UID so that a later download updates the entry instead of duplicating it; a
    cancelled meeting carries STATUS:CANCELLED."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Agenturnetz//Arbeitskreise//DE")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("summary", meeting.display_title)
    event.add("dtstart", meeting.starts_at)
    event.add(
        "dtend", meeting.ends_at if meeting.ends_at > meeting.starts_at else meeting.starts_at + timedelta(hours=1)
    )
    event.add("dtstamp", timezone.now())
    event.add("last-modified", meeting.updated_at or timezone.now())
    event.add("location", meeting_location(meeting))
    event.add("url", f"{settings.SITE_URL}{meeting.get_absolute_url()}")
    event.add("description", f"{meeting.group.name}\n{settings.SITE_URL}{meeting.get_absolute_url()}")
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()
