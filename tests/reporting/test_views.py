"""The survey flow through the views, as users would do it: build, launch, answer, submit, import, report."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from reporting.models import Cooperation, Question, Response, ResponseState, Survey, SurveyState
from tests import factories
from tests.reporting.factories import answer, cooperation_survey, launch

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(world, coordinator):
    return launch(
        cooperation_survey(
            owner_district=world.district, audience="district", audience_district=world.district, created_by=coordinator
        )
    )


def test_coordinator_builds_and_launches_a_survey(client, coordinator, world):
    client.force_login(coordinator)
    response = client.post(
        reverse("reporting:survey_create"),
        {
            "title": "Ehrenamt vor Ort",
            "series": "ehrenamt",
            "edition": "2026",
            "owner_district": world.district.pk,
            "audience": "district",
            "audience_district": world.district.pk,
            "opens_on": "01.03.2026",
            "closes_on": "30.04.2026",
            "reminder_days": "7, 1",
        },
    )
    survey = Survey.objects.get(series="ehrenamt")
    assert response.url == survey.get_absolute_url()
    response = client.post(
        reverse("reporting:question_create", args=[survey.pk]),
        {"text": "Welche Formen?", "key": "formen", "kind": "multiple", "options_text": "a: Alpha\nBeta Gamma"},
    )
    assert response.status_code == 302
    assert list(Question.objects.get(key="formen").options.values_list("key", flat=True)) == ["a", "beta_gamma"]
    client.post(reverse("reporting:survey_launch", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.state == SurveyState.OPEN and survey.targets.count() == 2
    response = client.get(reverse("reporting:question_create", args=[survey.pk]), follow=True)
    assert "eingefroren" in response.content.decode()


def test_coordinator_cannot_ask_all_agencies(client, coordinator, world):
    client.force_login(coordinator)
    response = client.post(
        reverse("reporting:survey_create"),
        {
            "title": "Alle",
            "series": "alle",
            "edition": "1",
            "owner_district": world.district.pk,
            "audience": "all",
            "opens_on": "01.03.2026",
            "closes_on": "30.04.2026",
        },
    )
    assert response.status_code == 200
    assert "Agenturen Ihres Bezirksverbands" in response.content.decode()
    assert 'value="Alle"' in response.content.decode()  # the input is kept


def test_specialist_is_refused_creating_a_survey(client, specialist):
    client.force_login(specialist)
    assert client.get(reverse("reporting:survey_create")).status_code == 403


def test_specialist_saves_a_draft_a_colleague_continues_and_submits(client, specialist, running, world):
    url = reverse("reporting:respond", args=[running.pk])
    client.force_login(specialist)
    assert not Response.objects.exists()  # looking does not create a response
    client.get(url)
    assert not Response.objects.exists()
    client.post(url, {"version": 1, "q_art": ["events"], "speichern": "1"})
    colleague = factories.specialist_of(world.agency)
    client.force_login(colleague)
    page = client.get(url).content.decode()
    assert re.search(r'<input[^>]*value="events"[^>]*checked', page)  # the saved draft is shown
    missing = client.post(url, {"version": 2, "q_art": ["events"], "abschicken": "1"})
    content = missing.content.decode()
    assert "Pflichtfrage" in content and 'href="#id_q_andere' in content
    done = client.post(url, {"version": 2, "q_andere": "ja", "q_art": ["events"], "abschicken": "1"})
    response = Response.objects.get()
    assert done.url == response.get_absolute_url()
    assert response.state == ResponseState.SUBMITTED and response.submitted_by == colleague
    assert client.get(url).url == response.get_absolute_url()


def test_stale_draft_keeps_the_users_input(client, specialist, running, world):
    answer(running, world.agency, {"andere": "nein"}, submit=False)
    client.force_login(specialist)
    response = client.post(
        reverse("reporting:respond", args=[running.pk]),
        {"version": 1, "q_art_other": "Mein Text", "speichern": "1"},
    )
    content = response.content.decode()
    assert "von jemand anderem gespeichert" in content and "Mein Text" in content


def test_import_through_the_views(client, coordinator, running, world):
    client.force_login(coordinator)
    content = f"agentur_id;andere\n{world.agency.pk};ja\n{world.sibling_agency.pk};falsch\n".encode()
    response = client.post(
        reverse("reporting:import", args=[running.pk]), {"file": SimpleUploadedFile("alt.csv", content)}
    )
    check_url = response.url
    page = client.get(check_url).content.decode()
    assert "Zeile 3, Spalte „andere“" in page
    client.post(check_url, {"importieren": "1"})
    assert not Response.objects.exists()
    client.post(check_url, {"importieren": "1", "nur_gueltige": "1"})
    assert Response.objects.get().agency == world.agency


def test_pdf_report_contains_the_figures(client, coordinator, running, world):
    answer(running, world.agency, {"andere": "ja"})
    answer(running, world.sibling_agency, {"andere": "nein", "art": ["information"]})
    client.force_login(coordinator)
    response = client.get(reverse("reporting:report_pdf", args=[running.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "2 von 2" in text and "50,0 %" in text and "Frage andere?" in text


def test_xlsx_has_raw_answers_for_the_owner_only(client, coordinator, state_level, running, world):
    answer(running, world.agency, {"andere": "ja"})
    client.force_login(coordinator)
    book = load_workbook(io.BytesIO(client.get(reverse("reporting:report_xlsx", args=[running.pk])).content))
    assert book.sheetnames == ["Auswertung", "Rohdaten"]
    assert [c.value for c in book["Rohdaten"][2]][:3] == [str(world.agency.pk), world.agency.name, "ja"]
    client.force_login(state_level)
    book = load_workbook(io.BytesIO(client.get(reverse("reporting:report_xlsx", args=[running.pk])).content))
    assert book.sheetnames == ["Auswertung"]


def test_owner_sees_the_response_rate(client, coordinator, running, world):
    answer(running, world.agency, {"andere": "ja"})
    client.force_login(coordinator)
    assert "1 von 2 Agenturen haben geantwortet (50 %)" in client.get(running.get_absolute_url()).content.decode()


def test_specialist_records_a_cooperation_and_sees_whether_it_is_confirmed(client, specialist, world):
    client.force_login(specialist)
    url = reverse("reporting:cooperations")
    client.post(url, {"partner_agency": world.other_agency.pk, "kinds": ["events"], "regularity": "regular"})
    record = Cooperation.objects.get()
    assert (record.agency, record.partner_agency, record.kinds) == (world.agency, world.other_agency, ["events"])
    duplicate = client.post(url, {"partner_agency": world.other_agency.pk})
    assert "schon eine Kooperation" in duplicate.content.decode()
    other = Cooperation.objects.create(agency=world.sibling_agency, partner_name="Moscheeverein", updated_by=specialist)
    assert client.get(reverse("reporting:cooperation_edit", args=[other.pk])).status_code == 404
    assert client.post(reverse("reporting:cooperation_delete", args=[other.pk])).status_code == 404


def test_dashboard_lists_surveys_to_answer(client, specialist, running):
    client.force_login(specialist)
    content = client.get(reverse("reporting:dashboard")).content.decode()
    assert "Umfragen an Ihre Agentur" in content and running.title in content
