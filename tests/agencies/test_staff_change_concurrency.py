"""Two workers running the daily application at the same time apply each change exactly once (PostgreSQL)."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from agencies.models import StaffChange, StaffChangeEvent
from agencies.selectors import figures_for
from agencies.staff_changes import services
from agencies.staff_changes.apply import apply_due_changes
from tests.agencies.factories import StaffChangeFactory
from tests.factories import FundingAuthorityFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_runs_apply_a_change_once(requires_postgres, world, provider_manager, coordinator):
    world.district.funding_authority = FundingAuthorityFactory()
    world.district.save()
    holder = world.agency.positions.get(fte="1.00").assignments.get().staff_member
    start = timezone.localdate() + timedelta(days=1)
    change = StaffChangeFactory(
        agency=world.agency,
        kind="hours_reduction",
        staff_member=holder,
        new_fte=Decimal("0.50"),
        justification="",
        effective_on=start,
        created_by=provider_manager,
    )
    services.submit_staff_change(change=change, by=provider_manager)
    services.release_staff_change(change=change, by=coordinator)
    results, barrier = [], threading.Barrier(2)

    def run():
        try:
            barrier.wait()
            results.append(apply_due_changes(today=start))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 1]
    assert StaffChangeEvent.objects.filter(change=change, kind="applied").count() == 1
    assert StaffChange.objects.get(pk=change.pk).applied_at is not None
    assert figures_for(day=start, agency_ids=[world.agency.pk]).staffed_fte == Decimal("1.00")
