"""The deadline pages per role, including refused cases, uploads and bounded query counts."""

from datetime import date
from io import BytesIO

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from funding.models import DeadlineRule, DocumentKind, Obligation, ObligationEvent, ObligationState
from tests import factories
from tests.limits import DASHBOARD_MAX_QUERIES

pytestmark = pytest.mark.django_db

TODAY = date(2026, 5, 4)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(date(2026, 5, 4), tick=False):
        yield


def final_statement(district):
    return Obligation.objects.get(district=district, document_kind=DocumentKind.FINAL_STATEMENT)


def test_specialist_lists_only_own_agencys_obligations(client, specialist, world, phase):
    client.force_login(specialist)
    response = client.get(reverse("funding:obligations"))
    assert response.status_code == 200
    assert {o.agency for o in response.context["page"]} == {world.agency}


def test_specialist_gets_404_for_another_agencys_obligation(client, specialist, world, phase):
    client.force_login(specialist)
    sibling = Obligation.objects.filter(agency=world.sibling_agency).first()
    other = Obligation.objects.filter(agency=world.other_agency).first()
    assert client.get(sibling.get_absolute_url()).status_code == 404
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(final_statement(world.district).get_absolute_url()).status_code == 404


def test_coordinator_sees_the_districts_own_obligations(client, coordinator, world, phase):
    client.force_login(coordinator)
    response = client.get(final_statement(world.district).get_absolute_url())
    assert response.status_code == 200
    assert "Verwendungsnachweis 2026" in response.content.decode()


def test_coordinator_gets_404_for_another_districts_obligation(client, coordinator, world, phase):
    client.force_login(coordinator)
    assert client.get(final_statement(world.other_district).get_absolute_url()).status_code == 404


@pytest.mark.parametrize("user_fixture", ["state_level", "authority"])
def test_state_level_and_authority_see_no_deadline_details(client, request, world, phase, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    assert client.get(reverse("funding:obligations")).status_code == 403
    assert client.get(reverse("funding:matrix")).status_code == 403
    assert client.get(final_statement(world.district).get_absolute_url()).status_code == 404


def pdf(name="Verwendungsnachweis.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n% test\n", content_type="application/pdf")


def test_coordinator_marks_final_statement_submitted_with_attachment(client, coordinator, world, phase):
    statement = final_statement(world.district)
    client.force_login(coordinator)
    response = client.post(
        statement.get_absolute_url(),
        {"step": "submitted", "on": "2026-05-02", "attachment": pdf(), "note": "vorab per E-Mail"},
    )
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.state == ObligationState.SUBMITTED and statement.submitted_on == date(2026, 5, 2)
    event = statement.events.get(action=ObligationEvent.Action.FULFILLED)
    download = client.get(event.get_attachment_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert "Verwendungsnachweis.pdf" in download["Content-Disposition"]


def test_upload_with_wrong_content_is_refused_in_german_and_input_kept(client, coordinator, world, phase):
    statement = final_statement(world.district)
    client.force_login(coordinator)
    fake = SimpleUploadedFile("nachweis.pdf", b"MZ\x90\x00 not a pdf")
    response = client.post(
        statement.get_absolute_url(), {"step": "submitted", "on": "2026-05-02", "attachment": fake, "note": "Mein Text"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Der Inhalt der Datei passt nicht zur Endung .pdf." in content
    assert "Mein Text" in content
    assert 'href="#id_attachment"' in content  # the error summary links to the field
    statement.refresh_from_db()
    assert statement.state == ObligationState.OPEN


def test_future_date_is_refused_at_the_field(client, coordinator, world, phase):
    client.force_login(coordinator)
    response = client.post(
        final_statement(world.district).get_absolute_url(),
        {"step": "submitted", "on": "2026-06-01", "attachment": pdf()},
    )
    assert "Das Datum darf nicht in der Zukunft liegen." in response.content.decode()


def test_specialist_may_not_mark_fulfilled(client, specialist, world, phase):
    obligation = Obligation.objects.get(agency=world.agency, document_kind=DocumentKind.SPENDING_FORECAST, year=2026)
    client.force_login(specialist)
    response = client.post(
        obligation.get_absolute_url(), {"step": "submitted", "on": "2026-05-02", "attachment": pdf()}
    )
    assert response.status_code == 403


def test_another_districts_attachment_answers_404(client, coordinator, other_coordinator, world, phase):
    statement = final_statement(world.district)
    client.force_login(coordinator)
    client.post(statement.get_absolute_url(), {"step": "submitted", "on": "2026-05-02", "attachment": pdf()})
    event = statement.events.get(action=ObligationEvent.Action.FULFILLED)
    client.force_login(other_coordinator)
    assert client.get(event.get_attachment_url()).status_code == 404
    foreign = final_statement(world.other_district)
    url = reverse("funding:attachment", args=[foreign.pk, event.pk])  # mixing a visible obligation id does not help
    assert client.get(url).status_code == 404


def test_matrix_shows_agencies_by_obligations_with_traffic_lights(client, coordinator, world, phase):
    client.force_login(coordinator)
    response = client.get(reverse("funding:matrix"), {"year": 2025})
    content = response.content.decode()
    labels = [row.label for row, _ in response.context["rows"]]
    assert labels == [world.district.name, "Duisburg-Laar", "Duisburg-Marxloh"]
    assert "Fristenmatrix 2025" in content
    assert "Caritas Hochfeld" not in content
    assert "überfällig" in content


def test_matrix_filters_by_status_and_kind(client, coordinator, world, phase):
    client.force_login(coordinator)
    response = client.get(reverse("funding:matrix"), {"year": 2026, "kind": DocumentKind.SPENDING_FORECAST})
    columns = [c.label for c in response.context["matrix"].columns]
    assert columns == ["Mittel-Controlling (Mehr-/Minderbedarf) 2026"]
    late = client.get(reverse("funding:matrix"), {"year": "", "status": "late"})
    assert all(o.light.key == "late" for row, cells in late.context["rows"] for o in cells if o)


def test_matrix_exports_xlsx_with_the_same_filters(client, coordinator, world, phase):
    client.force_login(coordinator)
    response = client.get(reverse("funding:matrix_export"), {"year": 2025})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["A1"].value == "Abgabepflichten 2025"
    names = [sheet.cell(row=r, column=1).value for r in range(5, sheet.max_row + 1)]
    assert names == [world.district.name, "Duisburg-Laar", "Duisburg-Marxloh"]
    assert "überfällig" in str([c.value for c in sheet[6]])


def many_agencies(world, count):
    for _ in range(count):
        factories.AgencyFactory(provider=world.provider)


@pytest.mark.parametrize("extra", [0, 60])
def test_matrix_queries_do_not_grow_with_agencies(client, coordinator, world, django_assert_max_num_queries, extra):
    many_agencies(world, extra)
    from tests.funding.factories import phase_2025

    phase_2025()
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("funding:matrix"), {"year": 2026})
    assert len(response.context["rows"]) == min(50, extra + 3)


@pytest.mark.parametrize("extra", [0, 60])
def test_list_queries_do_not_grow_with_agencies(client, coordinator, world, django_assert_max_num_queries, extra):
    many_agencies(world, extra)
    from tests.funding.factories import phase_2025

    phase_2025()
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        client.get(reverse("funding:obligations"))
    with django_assert_max_num_queries(DASHBOARD_MAX_QUERIES):
        client.get(reverse("reporting:dashboard"))


def test_specialist_dashboard_shows_next_deadlines_with_days_left(client, specialist, world, phase):
    client.force_login(specialist)
    content = client.get(reverse("reporting:dashboard")).content.decode()
    assert "Ihre nächsten Fristen" in content
    assert "Mittel-Controlling (Mehr-/Minderbedarf) 2026" in content
    assert "noch 149 Tage" in content  # 30.09.2026 from 04.05.2026


def test_coordinator_dashboard_summarises_the_district(client, coordinator, world, phase):
    client.force_login(coordinator)
    content = client.get(reverse("reporting:dashboard")).content.decode()
    assert "Fristen im Bezirk – Förderjahr 2026" in content
    assert "überfällige Abgabepflichten" in content


def test_month_calendar_shows_deadlines_of_the_month(client, specialist, world, phase):
    client.force_login(specialist)
    response = client.get(reverse("funding:calendar"), {"monat": "2026-04"})
    content = response.content.decode()
    assert "April 2026" in content
    assert "Frist: Sachbericht 2025 an den Bezirksverband – Duisburg-Marxloh" in content


def test_month_calendar_with_broken_month_falls_back_to_today(client, specialist, world, phase):
    client.force_login(specialist)
    response = client.get(reverse("funding:calendar"), {"monat": "2026-13"})
    assert response.status_code == 200 and "Mai 2026" in response.content.decode()


def test_coordinator_edits_rule_and_future_obligations_move(client, coordinator, world, phase):
    rule = DeadlineRule.objects.get(phase=phase, district=world.district, document_kind=DocumentKind.ACTIVITY_REPORT)
    client.force_login(coordinator)
    data = {
        "debtor": "agency",
        "anchor": "year",
        "years": "all",
        "year_offset": 1,
        "district_day": 20,
        "district_month": 4,
        "authority_day": 30,
        "authority_month": 6,
        "is_active": "on",
        "reason": "Absprache",
    }
    response = client.post(reverse("funding:rule_edit", args=[rule.pk]), data)
    assert response.status_code == 302
    due = dict(Obligation.objects.filter(rule=rule, agency=world.agency).values_list("year", "district_due"))
    assert due == {2025: date(2026, 4, 30), 2026: date(2027, 4, 20)}


def test_invalid_rule_day_is_refused_at_the_field(client, coordinator, world, phase):
    rule = DeadlineRule.objects.get(phase=phase, district=world.district, document_kind=DocumentKind.ACTIVITY_REPORT)
    client.force_login(coordinator)
    data = {
        "debtor": "agency",
        "anchor": "year",
        "years": "all",
        "year_offset": 1,
        "district_day": 31,
        "district_month": 4,
    }
    response = client.post(reverse("funding:rule_edit", args=[rule.pk]), data)
    assert response.status_code == 200
    assert "Diesen Tag gibt es im gewählten Monat nicht." in response.content.decode()


def test_coordinator_cannot_edit_another_districts_rule(client, coordinator, world, phase):
    rule = DeadlineRule.objects.filter(phase=phase, district=world.other_district).first()
    client.force_login(coordinator)
    assert client.get(reverse("funding:rule_edit", args=[rule.pk])).status_code == 404
    url = reverse("funding:rule_create", args=[phase.pk, world.other_district.pk])
    assert client.get(url).status_code == 404


def test_only_administrators_create_phases(client, coordinator, admin_user, world):
    client.force_login(coordinator)
    assert client.get(reverse("funding:phase_create")).status_code == 403
    client.force_login(admin_user)
    response = client.post(
        reverse("funding:phase_create"),
        {"name": "Förderphase 2027–2028", "starts_on": "2027-01-01", "ends_on": "2028-12-31"},
    )
    assert response.status_code == 302
    assert Obligation.objects.filter(year=2027, agency=world.agency).exists()


def test_phase_with_end_before_start_is_refused(client, admin_user, world):
    client.force_login(admin_user)
    response = client.post(
        reverse("funding:phase_create"), {"name": "Falsch", "starts_on": "2027-01-01", "ends_on": "2026-12-31"}
    )
    assert "Das Ende der Förderphase muss nach ihrem Beginn liegen." in response.content.decode()


def test_online_controlling_follows_its_report_and_is_not_marked_by_hand(client, coordinator, world, phase):
    controlling = Obligation.objects.get(agency=world.agency, document_kind=DocumentKind.CONTROLLING_REPORT, year=2025)
    client.force_login(coordinator)
    page = client.get(controlling.get_absolute_url())
    assert "folgt ihrem Dokument in Agenturnetz" in page.content.decode()
    assert page.context["form"] is None
    response = client.post(controlling.get_absolute_url(), {"step": "forwarded", "on": "2026-05-02"})
    assert response.status_code == 403
    controlling.refresh_from_db()
    assert controlling.state == ObligationState.OPEN


# The cell loop the matrix template had before `{% matrix_cells %}` wrote it in Python.
OLD_MATRIX_CELLS = (
    "{% load i18n funding_tags %}{% for obligation in cells %}\n"
    '        <td>{% if obligation %}<a href="{{ obligation.get_absolute_url }}" class="text-decoration-none">'
    "{% light_badge obligation.light %}</a>{% else %}"
    '<span class="text-body-secondary" title="{% translate \'nicht geschuldet\' %}">–</span>{% endif %}</td>\n'
    "      {% endfor %}"
)


@pytest.mark.parametrize("language", ["de", "en"])
def test_matrix_cells_write_the_markup_of_the_template_loop(client, coordinator, world, phase, language):
    from django.template import Context, Template
    from django.utils import translation

    from funding.lights import LIGHTS

    client.force_login(coordinator)
    rows = client.get(reverse("funding:matrix"), {"year": ""}).context["rows"]
    obligations = [o for _, cells in rows for o in cells if o]
    for obligation, light in zip(obligations, [*LIGHTS.values()] * len(obligations), strict=False):
        obligation.light = light  # every light at least once
    assert len(obligations) >= len(LIGHTS) and any(o is None for _, cells in rows for o in cells)  # and gaps
    with translation.override(language):
        for _, cells in rows:
            context = Context({"cells": cells})
            old = Template(OLD_MATRIX_CELLS).render(context)
            assert Template("{% load funding_tags %}{% matrix_cells cells %}").render(context) == old
