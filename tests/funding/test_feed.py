"""The personal iCalendar feed: secret token, revocable, valid RFC 5545, every registered source included."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from core.calendar import CalendarEvent, register_event_source
from funding.models import CalendarFeedToken
from funding.services.feed import feed_token_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(date(2026, 3, 2), tick=False):
        yield


def test_feed_is_valid_icalendar_with_stable_uids_and_all_day_dates(client, specialist, world, phase):
    token = feed_token_for(specialist)
    response = client.get(reverse("funding:feed", args=[token.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))  # folded lines, CRLF
    calendar = Calendar.from_ical(body)
    assert calendar["VERSION"] == "2.0" and "PRODID" in calendar
    events = calendar.walk("VEVENT")
    summaries = [str(e["SUMMARY"]) for e in events]
    assert "Frist: Sachbericht 2025 an den Bezirksverband – Duisburg-Marxloh" in summaries
    report = events[summaries.index("Frist: Sachbericht 2025 an den Bezirksverband – Duisburg-Marxloh")]
    assert report["DTSTART"].params["VALUE"] == "DATE"
    assert report["DTSTART"].dt == date(2026, 4, 30) and report["DTEND"].dt == date(2026, 5, 1)
    assert "DTSTAMP" in report
    assert b"DTSTART;VALUE=DATE:20260430" in body
    again = Calendar.from_ical(client.get(reverse("funding:feed", args=[token.token])).content)
    assert sorted(str(e["UID"]) for e in again.walk("VEVENT")) == sorted(str(e["UID"]) for e in events)
    assert "Caritas Hochfeld" not in body.decode()


def test_feed_escapes_commas_and_semicolons(client, specialist, world):
    register_event_source(
        "test.escaping",
        lambda user, start, end: [
            CalendarEvent(uid="x-1@test", title="Treffen; Raum 1, Essen", start=date(2026, 3, 5))
        ],
    )
    try:
        body = client.get(reverse("funding:feed", args=[feed_token_for(specialist).token])).content
    finally:
        register_event_source("test.escaping", lambda user, start, end: [])
    assert b"SUMMARY:Treffen\\; Raum 1\\, Essen" in body


def test_coordinator_feed_summarises_agencies_per_deadline(client, coordinator, world, phase):
    body = client.get(reverse("funding:feed", args=[feed_token_for(coordinator).token])).content.decode()
    assert "Sachbericht 2025 an den Bezirksverband (2 Agenturen)" in body.replace("\r\n ", "")
    assert "Verwendungsnachweis 2026" in body.replace("\r\n ", "")


def test_unknown_or_revoked_token_answers_404(client, specialist, world):
    token = feed_token_for(specialist).token
    client.force_login(specialist)
    client.post(reverse("funding:feed_revoke"))
    client.logout()
    assert client.get(reverse("funding:feed", args=[token])).status_code == 404
    assert client.get(reverse("funding:feed", args=["erfunden"])).status_code == 404


def test_regenerating_replaces_the_secret(client, specialist, world):
    old = feed_token_for(specialist).token
    client.force_login(specialist)
    response = client.post(reverse("funding:feed_regenerate"), follow=True)
    new = CalendarFeedToken.objects.get(user=specialist).token
    assert new != old
    assert new in response.content.decode()
    assert client.get(reverse("funding:feed", args=[old])).status_code == 404
    assert client.get(reverse("funding:feed", args=[new])).status_code == 200


def test_inactive_users_feed_answers_404(client, specialist, world):
    token = feed_token_for(specialist).token
    specialist.is_active = False
    specialist.save()
    assert client.get(reverse("funding:feed", args=[token])).status_code == 404
