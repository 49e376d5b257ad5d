"""The daily task on a real Celery worker and the configured broker: it applies an approved change whose day came."""

import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from agencies.models import StaffChange, StaffChangeDecision
from agencies.selectors import figures_for
from agencies.staff_changes import services
from agencies.tasks import run_staff_change_day
from config.beat import BEAT_SCHEDULE
from tests.agencies.factories import StaffChangeFactory
from tests.factories import FundingAuthorityFactory


def test_daily_task_is_scheduled():
    assert BEAT_SCHEDULE["agencies-staff-change-day"]["task"] == "agencies.tasks.run_staff_change_day"


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_worker_applies_an_approved_increase_on_its_day(celery_worker, world, provider_manager, coordinator):
    world.district.funding_authority = FundingAuthorityFactory()
    world.district.save()
    holder = world.agency.positions.get(fte="0.50").assignments.get().staff_member
    change = StaffChangeFactory(agency=world.agency, staff_member=holder, created_by=provider_manager)
    services.submit_staff_change(change=change, by=provider_manager)
    services.release_staff_change(change=change, by=coordinator)
    services.forward_staff_change(change=change, by=coordinator)
    services.record_decision(
        change=StaffChange.objects.get(pk=change.pk),
        outcome=StaffChangeDecision.Outcome.APPROVED,
        decided_on=timezone.localdate(),
        reference="Az 9",
        by=coordinator,
    )
    today = timezone.localdate()
    StaffChange.objects.filter(pk=change.pk).update(effective_on=today)  # the day has come

    run_staff_change_day.delay()

    deadline = time.monotonic() + 30
    while StaffChange.objects.get(pk=change.pk).applied_at is None:
        assert time.monotonic() < deadline, "Der Worker hat die Veränderung nicht übernommen."
        time.sleep(0.2)
    assert figures_for(day=today, agency_ids=[world.agency.pk]).staffed_fte == Decimal("2.00")
    assert figures_for(day=today - timedelta(days=1), agency_ids=[world.agency.pk]).staffed_fte == Decimal("1.50")
