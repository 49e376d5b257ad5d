"""The report's way through the pages as its users walk it, the PDF, and access per role."""

import io
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from core.services import stored_documents_of
from core.workflow import State
from funding.models import DocumentKind
from reporting.models import ControllingReport, KeyFigureValue, ValueStatus
from reporting.services import controlling as service
from tests.planning.factories import complete_plan, complete_report
from tests.reporting.controlling.factories import report_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(world, specialist, template):
    complete_report(complete_plan(world.agency))
    with time_machine.travel(date(2027, 3, 1)):
        return service.create_report(agency=world.agency, year=2026, by=specialist)


def form_data(client, report) -> dict:
    """The edit form as the browser would send it back unchanged, with every confirmation box ticked."""
    response = client.get(reverse("reporting:controlling_edit", args=[report.pk]))
    form = response.context["form"]
    data = {"version": report.version}
    for name in form.fields:
        value = form[name].value()
        if name.startswith(("c", "qc")):
            data[name] = "on"
        elif value is None:
            continue
        elif isinstance(value, list):
            data[name] = value
        else:
            data[name] = str(value).replace(".", ",")
    return data


def test_specialist_confirms_submits_coordinator_approves_and_forwards(client, report, specialist, coordinator):
    client.force_login(specialist)
    data = form_data(client, report)
    data[f"f{report.template.key_figures.get(code='teilnehmende').pk}"] = "120"
    data[f"q{report.template.questions.get(code='evaluation').pk}"] = "ja"
    response = client.post(reverse("reporting:controlling_edit", args=[report.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    assert not KeyFigureValue.objects.filter(report=report, status=ValueStatus.PREFILLED).exists()
    client.post(reverse("reporting:controlling_step", args=[report.pk, "einreichen"]))
    report.refresh_from_db()
    assert report.state == State.SUBMITTED

    client.force_login(coordinator)
    client.post(reverse("reporting:controlling_step", args=[report.pk, "freigeben"]))
    client.post(reverse("reporting:controlling_step", args=[report.pk, "weiterleiten"]))
    report.refresh_from_db()
    assert report.state == State.FORWARDED
    stored = stored_documents_of(report).get()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(stored.file.read())).pages)
    assert "Online-Controlling 2026" in text
    assert "Teilnehmende" in text and "120" in text
    assert "aus der Aufgabenplanung 2026" in text
    assert "1,50" in text  # fte from the registry


def test_forwarding_fulfils_the_obligation(client, report, coordinator, world):
    from funding.models import ObligationState
    from tests.funding.factories import DeadlineRuleFactory, ObligationFactory

    rule = DeadlineRuleFactory(
        phase=report.template.phase, district=world.district, document_kind=DocumentKind.CONTROLLING_REPORT
    )
    obligation = ObligationFactory(rule=rule, agency=world.agency, year=report.year)
    ControllingReport.objects.filter(pk=report.pk).update(state=State.APPROVED)
    client.force_login(coordinator)
    client.post(reverse("reporting:controlling_step", args=[report.pk, "weiterleiten"]))
    obligation.refresh_from_db()
    assert obligation.state == ObligationState.FORWARDED


def test_submission_with_unconfirmed_values_is_refused_with_the_reasons(client, report, specialist):
    client.force_login(specialist)
    response = client.post(reverse("reporting:controlling_step", args=[report.pk, "einreichen"]), follow=True)
    report.refresh_from_db()
    assert report.state == State.DRAFT
    assert "Bitte bestätigen oder korrigieren Sie den übernommenen Wert." in response.content.decode()


def test_a_breakdown_that_does_not_add_up_comes_back_with_the_input_kept(client, report, specialist):
    client.force_login(specialist)
    data = form_data(client, report)
    figure = report.template.key_figures.get(code="aufgaben")
    data[f"f{figure.pk}"] = "7"
    response = client.post(reverse("reporting:controlling_edit", args=[report.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Die Aufteilung nach Handlungsfeldern ergibt 1, die Gesamtzahl ist 7." in html
    assert 'value="7"' in html


def test_decimals_in_an_integer_figure_are_refused_at_the_field(client, report, specialist):
    client.force_login(specialist)
    data = form_data(client, report)
    data[f"f{report.template.key_figures.get(code='teilnehmende').pk}"] = "2,5"
    response = client.post(reverse("reporting:controlling_edit", args=[report.pk]), data)
    assert "wird als ganze Zahl angegeben" in response.content.decode()
    assert 'value="2,5"' in response.content.decode()


def test_return_needs_a_reason(client, report, coordinator):
    ControllingReport.objects.filter(pk=report.pk).update(state=State.SUBMITTED)
    client.force_login(coordinator)
    response = client.post(reverse("reporting:controlling_step", args=[report.pk, "zurueckgeben"]), follow=True)
    report.refresh_from_db()
    assert report.state == State.SUBMITTED
    assert "Bitte begründen Sie die Rückgabe" in response.content.decode()


def test_draft_pdf_shows_the_values(client, report, specialist):
    client.force_login(specialist)
    response = client.get(reverse("reporting:controlling_pdf", args=[report.pk]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Entwurf" in text and "Kooperationsnetz" in text


# Access per role --------------------------------------------------------------------------------------------------


def test_specialist_cannot_open_another_agencys_report(client, world, specialist, template):
    other = report_with(world.other_agency, 2026, template, {"teilnehmende": 3})
    client.force_login(specialist)
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(reverse("reporting:controlling_pdf", args=[other.pk])).status_code == 404


def test_specialist_cannot_approve_their_own_report(client, report, specialist):
    ControllingReport.objects.filter(pk=report.pk).update(state=State.SUBMITTED)
    client.force_login(specialist)
    assert client.post(reverse("reporting:controlling_step", args=[report.pk, "freigeben"])).status_code == 404


def test_coordinator_sees_the_districts_report_but_not_another_districts(client, world, coordinator, template):
    own = report_with(world.sibling_agency, 2026, template, {"teilnehmende": 3})
    other = report_with(world.other_agency, 2026, template, {"teilnehmende": 3})
    client.force_login(coordinator)
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(reverse("reporting:controlling_pdf", args=[other.pk])).status_code == 404


def test_coordinator_cannot_edit_the_agencys_values(client, report, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("reporting:controlling_edit", args=[report.pk])).status_code == 404


def test_other_coordinator_cannot_approve(client, report, other_coordinator):
    ControllingReport.objects.filter(pk=report.pk).update(state=State.SUBMITTED)
    client.force_login(other_coordinator)
    assert client.post(reverse("reporting:controlling_step", args=[report.pk, "freigeben"])).status_code == 404


def test_state_level_sees_no_single_report(client, report, state_level):
    client.force_login(state_level)
    assert client.get(report.get_absolute_url()).status_code == 404
    response = client.get(reverse("reporting:controlling_reports"))
    assert report.agency.name not in response.content.decode()


def test_authority_sees_only_forwarded_reports(client, report, authority):
    client.force_login(authority)
    assert client.get(report.get_absolute_url()).status_code == 404
    ControllingReport.objects.filter(pk=report.pk).update(state=State.FORWARDED)
    assert client.get(report.get_absolute_url()).status_code == 200


def test_only_the_state_level_creates_template_versions(client, template, coordinator, state_level):
    client.force_login(coordinator)
    url = reverse("reporting:controlling_templates")
    assert client.post(url, {"phase": template.phase_id}).status_code == 404
    assert client.get(reverse("reporting:controlling_figure_create", args=[template.pk])).status_code == 404
    client.force_login(state_level)
    assert client.post(url, {"phase": template.phase_id}).status_code == 302


def test_state_level_adds_a_key_figure_to_a_draft(client, template, state_level):
    draft = service.create_template(phase=template.phase, by=state_level)
    client.force_login(state_level)
    response = client.post(
        reverse("reporting:controlling_figure_create", args=[draft.pk]),
        {"code": "ehrenamt", "label": "Ehrenamtliche", "unit": "Personen", "number_kind": "integer", "position": 9},
    )
    assert response.status_code == 302
    assert draft.key_figures.filter(code="ehrenamt").exists()
    response = client.post(
        reverse("reporting:controlling_figure_create", args=[draft.pk]),
        {"code": "ehrenamt", "label": "Doppelt", "unit": "Personen", "number_kind": "integer", "position": 9},
    )
    assert "Diesen Code gibt es in der Vorlage schon." in response.content.decode()


def test_open_data_is_not_for_specialists(client, specialist, state_level, template, world):
    client.force_login(specialist)
    assert client.get(reverse("reporting:controlling_open_data", args=["csv"])).status_code == 404
    for agency in (world.agency, world.sibling_agency, world.other_agency):
        report_with(agency, 2026, template, {"teilnehmende": 4})
    client.force_login(state_level)
    response = client.get(reverse("reporting:controlling_open_data", args=["csv"]))
    text = response.content.decode("utf-8-sig")
    assert "teilnehmende" in text and world.agency.name not in text
    assert "2026;Land NRW;alle Agenturen;teilnehmende;Teilnehmende;Anzahl;;3;12.0;4.0;4.0;4.0;4.0;nein" in text
    assert f"2026;Bezirksverband;{world.district.name};teilnehmende;Teilnehmende;Anzahl;;< 3;;;;;;ja" in text
