"""The group page's meeting lists written in Python give the markup the template loops wrote, whitespace included."""

from datetime import date, datetime, time

import pytest
from django.template import Context, Template
from django.utils import timezone

from agencies.models import Agency
from meetings.models import Meeting
from meetings.templatetags.meetings_tags import past_rows, presentation_rows, upcoming_rows

# The loops of meetings/group_detail.html before the tags replaced them.
UPCOMING = Template(
    """{% load i18n meetings_tags %}{% for meeting in upcoming %}
        <li class="list-group-item">
          <a href="{{ meeting.get_absolute_url }}" class="fw-semibold">{% meeting_when meeting %}</a>
          {% if meeting.title %}<span class="d-block">{{ meeting.title }}</span>{% endif %}
          <span class="d-block small text-body-secondary">{{ meeting.location|default:_("online") }}</span>
          {% if meeting.is_cancelled %}<span class="badge text-bg-danger">{% translate "abgesagt" %}</span>{% elif not meeting.is_published %}<span class="badge text-bg-secondary">{% translate "Entwurf, noch nicht veröffentlicht" %}</span>{% endif %}
          {% if meeting.presenting_agency %}<span class="d-block small">{% translate "Es stellt vor:" %} {{ meeting.presenting_agency.name }}</span>{% endif %}
        </li>
      {% endfor %}"""  # noqa: E501
)
PAST = Template(
    """{% load i18n %}{% for meeting in past %}
        <li class="list-group-item d-flex flex-wrap justify-content-between gap-2">
          <a href="{{ meeting.get_absolute_url }}">{{ meeting.date|date:"SHORT_DATE_FORMAT" }}{% if meeting.title %} – {{ meeting.title }}{% endif %}</a>
          {% if meeting.is_cancelled %}<span class="badge text-bg-secondary">{% translate "abgesagt" %}</span>
          {% elif meeting.protocol_status %}<a href="{% url 'meetings:protocol' meeting.pk %}">{% translate "Protokoll" %}</a>
          {% elif manages %}<a class="text-danger-emphasis" href="{% url 'meetings:protocol_edit' meeting.pk %}">{% translate "Protokoll fehlt noch" %}</a>{% endif %}
        </li>
      {% endfor %}"""  # noqa: E501
)
HISTORY = Template(
    """{% for meeting in history %}<li>{{ meeting.date|date:"SHORT_DATE_FORMAT" }}: {{ meeting.presenting_agency.name }}</li>{% endfor %}"""  # noqa: E501
)


def _meetings() -> list[Meeting]:
    now = timezone.make_aware(datetime(2026, 3, 1, 9))
    agency = Agency(pk=7, name='Agentur <"A&B">')
    variants = [
        {"title": "Sitzung 1/2026", "location": "Raum 2", "published_at": now, "presenting_agency": agency},
        {"title": "", "location": "", "published_at": None, "protocol_status": 1},
        {"title": "<b>Kick-off</b> & mehr", "location": "Essen", "published_at": now, "cancelled_at": now},
        {"title": "Klausur", "end_date": date(2026, 3, 14), "published_at": None, "cancelled_at": now},
        {"title": "Ohne Protokoll", "location": "online & vor Ort", "published_at": now, "presenting_agency": agency},
    ]
    meetings = []
    for number, fields in enumerate(variants, start=1):
        protocol_status = fields.pop("protocol_status", 0)
        meeting = Meeting(
            pk=number, date=date(2026, 3, 10 + number), start_time=time(10), end_time=time(13, 30), **fields
        )
        meeting.protocol_status = protocol_status
        meetings.append(meeting)
    return meetings


@pytest.mark.parametrize("manages", [True, False])
def test_rows_match_the_template_loops(manages):
    meetings = _meetings()
    context = {"upcoming": meetings, "past": meetings, "history": meetings[:1] + meetings[4:], "manages": manages}
    assert upcoming_rows(meetings) == UPCOMING.render(Context(context))
    assert past_rows(meetings, manages) == PAST.render(Context(context))
    assert presentation_rows(context["history"]) == HISTORY.render(Context(context))
    assert upcoming_rows([]) == past_rows([], manages) == presentation_rows([]) == ""
