"""Browser: a coordinator finds a late interim statement in the matrix and records it with an attachment."""

from datetime import date

import pytest

from funding.models import DocumentKind, Obligation
from tests import factories
from tests.e2e.conftest import assert_accessible, assert_no_horizontal_scroll, login
from tests.funding.factories import phase_2025


@pytest.fixture
def coordinator_user(world):
    user = factories.coordinator_of(world.district)
    user.set_password("demo")
    user.save()
    return user


@pytest.mark.django_db(transaction=True)
def test_coordinator_records_interim_statement_from_the_matrix(page, world, coordinator_user, tmp_path):
    phase_2025()
    interim = Obligation.objects.get(district=world.district, document_kind=DocumentKind.INTERIM_STATEMENT)
    login(page, coordinator_user.username)
    page.goto("/foerderung/matrix/?year=2025")
    assert page.get_by_role("heading", name="Fristenmatrix 2025").is_visible()
    assert_accessible(page)
    page.locator(f'a[href="/foerderung/fristen/{interim.pk}/"]').click()
    page.get_by_label("an die Bewilligungsbehörde übermittelt").check()
    page.get_by_label("Datum").fill(date.today().strftime("%d.%m.%Y"))
    upload = tmp_path / "Zwischenverwendungsnachweis.pdf"
    upload.write_bytes(b"%PDF-1.4\n% demo\n")
    page.get_by_label("Anlage").set_input_files(str(upload))
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Der Stand wurde gespeichert.").is_visible()
    assert page.get_by_role("link", name="Anlage herunterladen: Zwischenverwendungsnachweis.pdf").is_visible()
    assert_accessible(page)
    interim.refresh_from_db()
    assert interim.is_fulfilled


@pytest.mark.django_db(transaction=True)
def test_deadline_calendar_is_usable_on_a_phone(phone_page, world, coordinator_user):
    phase_2025()
    login(phone_page, coordinator_user.username)
    phone_page.goto("/foerderung/kalender/?monat=2026-04")
    assert phone_page.get_by_role("heading", name="Kalender: April 2026").is_visible()
    assert_no_horizontal_scroll(phone_page)
    assert_accessible(phone_page)
