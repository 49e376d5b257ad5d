"""The personal iCalendar feed (RFC 5545): a secret-token URL the user can regenerate or revoke, filled with every
event source registered in core.calendar (deadlines, meetings, …)."""

from datetime import UTC, date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from core.calendar import CalendarEvent, events_for
from funding.models import CalendarFeedToken
from funding.models.reminders import new_feed_token

PAST_DAYS = 366
FUTURE_DAYS = 2 * 366


def feed_token_for(user) -> CalendarFeedToken:
    """The user's token, created on first use."""
    token, _ = CalendarFeedToken.objects.get_or_create(user=user)
    return token


@transaction.atomic
def regenerate_feed_token(*, user) -> CalendarFeedToken:
    """Replaces the secret: the old URL stops working at once (e.g. after it was shared by mistake)."""
    token, created = CalendarFeedToken.objects.select_for_update().get_or_create(user=user)
    if not created:
        token.token = new_feed_token()
        token.last_used_at = None
        token.save(update_fields=["token", "last_used_at"])
    return token


def revoke_feed_token(*, user) -> bool:
    """Deletes the secret: no URL works any longer until the user creates a new one."""
    deleted, _ = CalendarFeedToken.objects.filter(user=user).delete()
    return bool(deleted)


def user_for_token(token: str):
    """The active user of a feed token, or None. Records when the feed was last read."""
    feed = CalendarFeedToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if feed is None:
        return None
    CalendarFeedToken.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())
    return feed.user


def _as_ical_time(value: date | datetime):
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return value


def build_calendar(*, user, today: date, now: datetime | None = None) -> bytes:
    """The user's calendar from a year ago to two years ahead. All-day events are VALUE=DATE with an exclusive
    DTEND; UIDs are stable so clients update entries instead of duplicating them; DTSTAMP is the time of the
    download (UTC); icalendar folds long lines and escapes commas, semicolons and line breaks."""
    now = (now or timezone.now()).astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//Agenturnetz//Fristen und Termine//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Agenturnetz – Fristen und Termine"))
    calendar.add("x-wr-timezone", "Europe/Berlin")
    for item in events_for(user, today - timedelta(days=PAST_DAYS), today + timedelta(days=FUTURE_DAYS)):
        calendar.add_component(_event(item, now))
    return calendar.to_ical()


def _event(item: CalendarEvent, now: datetime) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", now)
    start = _as_ical_time(item.start)
    event.add("dtstart", start)
    if item.end is not None:
        event.add("dtend", _as_ical_time(item.end))
    elif isinstance(item.start, datetime):
        event.add("dtend", start + timedelta(hours=1))
    else:
        event.add("dtend", item.start + timedelta(days=1))
    event.add("summary", item.title)
    if item.description:
        event.add("description", item.description)
    if item.url:
        event.add("url", item.url)
    if item.location:
        event.add("location", item.location)
    if item.categories:
        event.add("categories", list(item.categories))
    if item.last_modified:
        event.add("last-modified", item.last_modified.astimezone(UTC))
    event.add("transp", "TRANSPARENT")
    return event
