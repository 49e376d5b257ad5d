"""The meetings' contribution to the personal iCalendar feed (core.calendar): the published, not cancelled
meetings of every group the user belongs to or manages."""

from datetime import date

from django.conf import settings
from django.db.models import Q

from core.calendar import CalendarEvent
from meetings.documents import meeting_location, meeting_uid
from meetings.selectors import meetings_visible_to


def meeting_events(user, start: date, end: date):
    meetings = (
        meetings_visible_to(user)
        .filter(published_at__isnull=False, cancelled_at__isnull=True, date__lte=end)
        .filter(Q(date__gte=start) | Q(end_date__gte=start))
        .order_by("date", "start_time")
    )
    for meeting in meetings:
        url = f"{settings.SITE_URL}{meeting.get_absolute_url()}"
        yield CalendarEvent(
            uid=meeting_uid(meeting),
            title=meeting.display_title,
            start=meeting.starts_at,
            end=meeting.ends_at,
            description=f"{meeting.group.name}\n{url}",
            url=url,
            location=meeting_location(meeting),
            categories=(str(meeting.group.get_kind_display()),),
            last_modified=meeting.updated_at,
        )
