from django import template
from django.template.defaultfilters import date, time
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
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


# The group page's meeting lists, written here rather than in the template: it shows up to 24 meetings, and the
# template language cost about 0.1 ms per row. Each tag writes the markup the loop in meetings/group_detail.html
# wrote, whitespace included (tests/meetings/test_group_rows.py compares both); every value is escaped.


@register.simple_tag
def upcoming_rows(meetings) -> str:
    """The upcoming meetings: when (linked), title, place, state and presenting agency."""
    online, cancelled, draft = (
        escape(gettext("online")),
        escape(gettext("abgesagt")),
        escape(gettext("Entwurf, noch nicht veröffentlicht")),
    )
    presents = escape(gettext("Es stellt vor:"))
    parts = []
    for meeting in meetings:
        title = f'<span class="d-block">{escape(meeting.title)}</span>' if meeting.title else ""
        if meeting.is_cancelled:
            state = f'<span class="badge text-bg-danger">{cancelled}</span>'
        elif not meeting.is_published:
            state = f'<span class="badge text-bg-secondary">{draft}</span>'
        else:
            state = ""
        agency = meeting.presenting_agency
        presenter = f'<span class="d-block small">{presents} {escape(agency.name)}</span>' if agency else ""
        url, when = escape(meeting.get_absolute_url()), escape(meeting_when(meeting))
        parts.append(
            f'\n        <li class="list-group-item">\n'
            f'          <a href="{url}" class="fw-semibold">{when}</a>\n'
            f"          {title}\n"
            f'          <span class="d-block small text-body-secondary">{escape(meeting.location or online)}</span>\n'
            f"          {state}\n"
            f"          {presenter}\n"
            f"        </li>\n      "
        )
    return mark_safe("".join(parts))  # every value above is escaped


@register.simple_tag
def past_rows(meetings, manages: bool) -> str:
    """The past meetings: date and title (linked), and the protocol, a note that it is missing, or the cancellation."""
    cancelled, protocol, missing = (
        escape(gettext("abgesagt")),
        escape(gettext("Protokoll")),
        escape(gettext("Protokoll fehlt noch")),
    )
    parts = []
    for meeting in meetings:
        title = f" – {escape(meeting.title)}" if meeting.title else ""
        if meeting.is_cancelled:
            state = f'<span class="badge text-bg-secondary">{cancelled}</span>\n          '
        elif meeting.protocol_status:
            state = f'<a href="{escape(reverse("meetings:protocol", args=[meeting.pk]))}">{protocol}</a>\n          '
        elif manages:
            url = escape(reverse("meetings:protocol_edit", args=[meeting.pk]))
            state = f'<a class="text-danger-emphasis" href="{url}">{missing}</a>'
        else:
            state = ""
        url, day = escape(meeting.get_absolute_url()), escape(date(meeting.date, "SHORT_DATE_FORMAT"))
        parts.append(
            f'\n        <li class="list-group-item d-flex flex-wrap justify-content-between gap-2">\n'
            f'          <a href="{url}">{day}{title}</a>\n'
            f"          {state}\n"
            f"        </li>\n      "
        )
    return mark_safe("".join(parts))  # every value above is escaped


@register.simple_tag
def presentation_rows(meetings) -> str:
    """Who presented when: „12.03.2026: Agentur“ per meeting."""
    return mark_safe(  # date and name escaped
        "".join(
            f"<li>{escape(date(meeting.date, 'SHORT_DATE_FORMAT'))}: {escape(meeting.presenting_agency.name)}</li>"
            for meeting in meetings
        )
    )
