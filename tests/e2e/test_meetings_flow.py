"""The owner publishes next year's plan and prepares a meeting; a member proposes an item and answers; the owner
accepts the proposal into the agenda."""

import pytest
from django.utils import timezone

from meetings.models import AgendaProposal, Meeting
from tests import factories
from tests.e2e.conftest import assert_accessible, login
from tests.meetings.factories import WorkingGroupFactory, staff_member_of

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "geheim-123"


def test_owner_plans_member_proposes_and_answers_owner_accepts(page):
    agency = factories.AgencyFactory(name="Duisburg-Marxloh")
    coordinator = factories.coordinator_of(agency.provider.district)
    specialist = factories.specialist_of(agency)
    group = WorkingGroupFactory(owner_district=agency.provider.district, name="Facharbeitskreis Niederrhein")
    staff_member_of(group, agency=agency, user=specialist)
    year = timezone.localdate().year + 1

    login(page, coordinator.username, PASSWORD)
    page.goto(f"/arbeitskreise/{group.pk}/jahresplan/{year}/")
    page.get_by_label("Titel").fill("Facharbeitskreis 1")
    page.get_by_label("Datum").fill(f"12.03.{year}")
    page.get_by_label("Beginn").fill("10:00")
    page.get_by_label("Ende").fill("13:00")
    page.get_by_label("Ort", exact=True).fill("Geschäftsstelle Essen")
    page.get_by_role("button", name="Termin eintragen").click()
    assert "Der Termin wurde eingetragen" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_role("button", name=f"Jahresplan {year} veröffentlichen").click()
    assert "ist veröffentlicht" in page.locator("main").inner_text()

    page.get_by_role("link", name=f"{12:02d}.03.{year}", exact=False).first.click()
    page.get_by_role("link", name="Tagesordnungspunkt hinzufügen").click()
    page.get_by_label("Titel").fill("Neues aus dem Förderprogramm")
    page.get_by_label("Zeit (Minuten)").fill("30")
    page.get_by_role("button", name="Speichern").click()
    assert "Neues aus dem Förderprogramm" in page.locator("main").inner_text()
    assert_accessible(page)
    meeting = Meeting.objects.get(group=group)

    page.context.clear_cookies()
    login(page, specialist.username, PASSWORD)
    page.goto(group.get_absolute_url())
    page.get_by_role("link", name="Tagesordnungspunkt vorschlagen").click()
    page.get_by_label("Thema").fill("Zusammenarbeit mit dem KI")
    page.get_by_role("button", name="Vorschlag einreichen").click()
    assert "Danke für Ihren Vorschlag" in page.locator("main").inner_text()
    page.goto(meeting.get_absolute_url())
    page.get_by_label("Ich nehme teil").check()
    page.get_by_role("button", name="Rückmeldung speichern").click()
    assert "Ihre Rückmeldung ist gespeichert" in page.locator("main").inner_text()
    assert_accessible(page)

    page.context.clear_cookies()
    login(page, coordinator.username, PASSWORD)
    proposal = AgendaProposal.objects.get()
    page.goto(f"/arbeitskreise/vorschlag/{proposal.pk}/?zurueck=sitzung")
    page.get_by_label("in die Tagesordnung aufnehmen").check()
    assert_accessible(page)
    page.get_by_role("button", name="Entscheidung speichern").click()
    assert "Zusammenarbeit mit dem KI" in page.locator("main").inner_text()
    assert "1 Zusagen" in page.locator("main").inner_text()
