from django import template
from django.template.defaultfilters import date, time
from django.utils.translation import gettext

register = template.Library()

DAY = "l, j. F Y"


@register.simple_tag
def meeting_when(meeting) -> str:
    """When a meeting takes place: „Dienstag, 3. März 2026, 14:00–16:00 Uhr“ (a span of days with both dates).
    The one definition, used by `meetings/_meeting_when.html` and directly where a list shows many meetings."""
    when = date(meeting.date, DAY)
    if meeting.end_date and meeting.end_date != meeting.date:
        when += f" – {date(meeting.end_date, DAY)}"
    return f"{when}, {time(meeting.start_time, 'H:i')}–{time(meeting.end_time, 'H:i')} {gettext('Uhr')}"
