"""Shared fixtures: two organisations side by side (ours and another district's), one user per role."""

import os
from dataclasses import dataclass

import pytest

from agencies.models import Agency, DistrictAssociation
from tests import factories

REQUIRE_SERVICES = os.environ.get("AGENTURNETZ_REQUIRE_SERVICES") == "1"
SERVICE_MARKERS = ("browser", "postgres", "celery_worker")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI a browser, PostgreSQL or worker test that skips is a failure: it did not test anything."""
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_SERVICES and report.skipped and any(item.get_closest_marker(m) for m in SERVICE_MARKERS):
        report.outcome = "failed"
        report.longrepr = f"Übersprungen, obwohl AGENTURNETZ_REQUIRE_SERVICES=1: {report.longrepr}"


@pytest.fixture(autouse=True)
def _celery_eager(settings):
    """Tasks run inline in ordinary tests; the worker integration tests start a real worker instead."""
    from config.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager = False


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    """Each test starts with an empty in-memory cache (never the Redis the suite's broker uses), so no cached
    figure outlives the data it was computed from."""
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
    cache.clear()


@dataclass
class World:
    district: DistrictAssociation
    agency: Agency
    sibling_agency: Agency  # same provider
    other_district: DistrictAssociation
    other_agency: Agency

    @property
    def provider(self):
        return self.agency.provider


@pytest.fixture
def world(db) -> World:
    agency = factories.AgencyFactory(name="Duisburg-Marxloh")
    factories.staff_agency(agency, "1.00")
    factories.staff_agency(agency, "0.50")
    sibling = factories.AgencyFactory(name="Duisburg-Laar", provider=agency.provider)
    factories.staff_agency(sibling, "0.75")
    other = factories.AgencyFactory(name="Caritas Hochfeld", municipality=agency.municipality)
    factories.staff_agency(other, "1.00")
    return World(
        district=agency.provider.district,
        agency=agency,
        sibling_agency=sibling,
        other_district=other.provider.district,
        other_agency=other,
    )


@pytest.fixture
def specialist(world):
    return factories.specialist_of(world.agency)


@pytest.fixture
def provider_manager(world):
    return factories.provider_manager_of(world.provider)


@pytest.fixture
def coordinator(world):
    return factories.coordinator_of(world.district)


@pytest.fixture
def other_coordinator(world):
    return factories.coordinator_of(world.other_district)


@pytest.fixture
def state_level(db):
    return factories.state_level_user()


@pytest.fixture
def authority(db):
    return factories.authority_user()


@pytest.fixture
def admin_user(db):
    return factories.administrator()


@pytest.fixture
def requires_postgres(settings):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("Dieser Test braucht PostgreSQL (DATABASE_URL=postgres://…).")


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker (in a thread of this process) consuming from the configured broker – Redis in CI,
    the file-system broker locally. Tests that use it are marked `celery_worker` and see only committed data."""
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    app.conf.task_always_eager = False
    with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, loglevel="WARNING"):
        yield app
    app.conf.task_always_eager = True
