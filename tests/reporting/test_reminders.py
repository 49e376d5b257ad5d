"""Reminders to agencies without a submitted response, at the configured days before closing, exactly once."""

import time
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from config.beat import BEAT_SCHEDULE
from reporting.models import SurveyReminder
from reporting.services import reminders
from reporting.services import surveys as survey_service
from reporting.tasks import send_survey_reminders
from tests import factories
from tests.reporting.factories import answer, cooperation_survey, launch


@pytest.fixture
def survey(world):
    factories.specialist_of(world.agency)
    factories.specialist_of(world.sibling_agency)
    survey = launch(cooperation_survey(audience="district", audience_district=world.district))
    answer(survey, world.sibling_agency, {"andere": "ja"})  # has answered: no reminder
    return survey


def send(today, callbacks):
    with callbacks(execute=True):
        return reminders.send_due(today=today)


@pytest.mark.django_db
def test_nothing_is_sent_before_the_first_reminder_day(survey, django_capture_on_commit_callbacks):
    assert send(date(2025, 4, 22), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_agencies_without_submitted_response_are_reminded_once_per_step(
    survey, world, django_capture_on_commit_callbacks
):
    assert send(date(2025, 4, 23), django_capture_on_commit_callbacks) == 1
    assert send(date(2025, 4, 23), django_capture_on_commit_callbacks) == 0
    assert send(date(2025, 4, 24), django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Erinnerung" in message.subject and "30.04.2025" in message.subject
    assert world.agency.name in message.body and f"/umfragen/{survey.pk}/antworten/" in message.body
    assert send(date(2025, 4, 29), django_capture_on_commit_callbacks) == 1
    assert list(SurveyReminder.objects.order_by("days_before").values_list("days_before", flat=True)) == [1, 7]


@pytest.mark.django_db
def test_a_missed_day_is_caught_up(survey, django_capture_on_commit_callbacks):
    assert send(date(2025, 4, 26), django_capture_on_commit_callbacks) == 1


@pytest.mark.django_db
def test_closed_survey_sends_no_reminders(survey, django_capture_on_commit_callbacks):
    survey_service.close_survey(survey=survey, by=survey.created_by)
    assert send(date(2025, 4, 29), django_capture_on_commit_callbacks) == 0


@pytest.mark.django_db
def test_rollback_sends_nothing(survey):
    reminders.send_due(today=date(2025, 4, 29))  # on_commit callbacks never run in this rolled-back test
    assert mail.outbox == []


def test_reminders_are_scheduled_daily():
    assert BEAT_SCHEDULE["reporting-survey-reminders"]["task"] == "reporting.send_survey_reminders"


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_worker_sends_due_reminders(celery_worker, world):
    factories.specialist_of(world.agency)
    today = timezone.localdate()
    survey = launch(
        cooperation_survey(
            audience="district",
            audience_district=world.district,
            opens_on=today - timedelta(days=3),
            closes_on=today + timedelta(days=1),
        )
    )
    send_survey_reminders.delay()
    deadline = time.monotonic() + 30
    while SurveyReminder.objects.filter(survey=survey).count() < 2:
        assert time.monotonic() < deadline, "Der Worker hat keine Erinnerungen verschickt."
        time.sleep(0.2)
    deadline = time.monotonic() + 10
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.1)
    # The sibling agency has neither a specialist nor an address: its reminder is logged with no recipient.
    assert [message.to for message in mail.outbox] == [[world.agency.memberships.get().user.email]]
    send_survey_reminders.delay()  # a second run sends nothing new
    time.sleep(1)
    assert SurveyReminder.objects.filter(survey=survey).count() == 2
