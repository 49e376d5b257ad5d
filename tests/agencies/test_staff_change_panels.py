"""The staff-change short lists on the dashboards: what a line shows for a site closing or a decided change, read
with the narrowed columns of `for_short_list` and without a query per line."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import ChangeKind, Site, StaffChange, StaffChangeDecision
from core.workflow import State
from tests.agencies.factories import StaffChangeFactory
from tests.limits import DASHBOARD_MAX_QUERIES

pytestmark = pytest.mark.django_db


def _site_closings(world, by, count: int, *, state: str, days: int, start: int = 0) -> list[StaffChange]:
    changes = []
    for index in range(start, start + count):
        site = Site.objects.create(agency=world.agency, street=f"Schließweg {index}", postcode="47169", city="Duisburg")
        change = StaffChangeFactory(
            agency=world.agency,
            kind=ChangeKind.SITE_CLOSING,
            site=site,
            staff_member=None,
            created_by=by,
            effective_on=timezone.localdate() + timedelta(days=days),
        )
        StaffChange.objects.filter(pk=change.pk).update(state=state)
        changes.append(change)
    return changes


def _approve(changes, by) -> None:
    for change in changes:
        StaffChangeDecision.objects.create(
            change=change,
            outcome=StaffChangeDecision.Outcome.APPROVED,
            decided_on=timezone.localdate(),
            reference=f"AZ 51.{change.pk}",
            recorded_by=by,
        )


def _dashboard(client, user, assert_max_num_queries):
    """The dashboard's content and its queries, from a second request (the first one warms per-process caches)."""
    client.force_login(user)
    client.get(reverse("reporting:dashboard"))
    with assert_max_num_queries(DASHBOARD_MAX_QUERIES) as queries:
        content = client.get(reverse("reporting:dashboard")).content.decode()
    return content, len(queries)


def test_coordinator_lists_name_closing_sites_with_the_same_queries_for_one_and_many(
    client, world, coordinator, provider_manager, django_assert_max_num_queries
):
    # due in ten days and undecided: each change is both to check and missing its decision
    _site_closings(world, provider_manager, 1, state=State.SUBMITTED, days=10)
    content, one = _dashboard(client, coordinator, django_assert_max_num_queries)
    assert content.count("Hauptsitz: Schließweg 0, 47169 Duisburg") == 2

    _site_closings(world, provider_manager, 5, state=State.SUBMITTED, days=10, start=1)
    content, six = _dashboard(client, coordinator, django_assert_max_num_queries)
    assert content.count("Hauptsitz: Schließweg") == 12
    assert six == one


def test_provider_list_shows_decided_site_closings_with_the_same_queries_for_one_and_many(
    client, world, provider_manager, coordinator, django_assert_max_num_queries
):
    _approve(_site_closings(world, provider_manager, 1, state=State.FORWARDED, days=40), coordinator)
    content, one = _dashboard(client, provider_manager, django_assert_max_num_queries)
    assert content.count("Hauptsitz: Schließweg 0, 47169 Duisburg") == 1
    assert content.count("Zugestimmt") == 1

    _approve(_site_closings(world, provider_manager, 5, state=State.FORWARDED, days=40, start=1), coordinator)
    content, six = _dashboard(client, provider_manager, django_assert_max_num_queries)
    assert content.count("Hauptsitz: Schließweg") == 6
    assert content.count("Zugestimmt") == 6
    assert six == one


def test_authority_list_names_forwarded_site_closings_with_the_same_queries_for_one_and_many(
    client, world, provider_manager, authority, authority_org, django_assert_max_num_queries
):
    _site_closings(world, provider_manager, 1, state=State.FORWARDED, days=40)
    content, one = _dashboard(client, authority, django_assert_max_num_queries)
    assert content.count("Hauptsitz: Schließweg 0, 47169 Duisburg") == 1

    _site_closings(world, provider_manager, 5, state=State.FORWARDED, days=40, start=1)
    content, six = _dashboard(client, authority, django_assert_max_num_queries)
    assert content.count("Hauptsitz: Schließweg") == 6
    assert six == one
