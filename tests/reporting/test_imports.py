"""Importing historic answers from CSV and XLSX: per-row errors naming row and column, all or nothing unless the
user confirms, the downloadable template."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from reporting.models import QuestionKind, Response, ResponseImport, ResponseSource, ResponseState
from reporting.services import imports as import_service
from reporting.services import report as report_service
from tests import factories
from tests.reporting.factories import SurveyFactory, add_question, answer, cooperation_survey, launch

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(world):
    return launch(cooperation_survey())


def csv_file(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def upload(survey, content: bytes, filename="antworten.csv"):
    return import_service.upload(survey=survey, filename=filename, content=content, by=survey.created_by)


def test_valid_csv_is_imported_as_submitted_responses(survey, world):
    pending, check = upload(
        survey,
        csv_file(
            "agentur_id;agentur;andere;partner;art;art_sonstiges",
            f'{world.agency.pk};;ja;Caritas Hochfeld;"information; events";Netzwerk',
            f";caritas hochfeld;Nein;{world.agency.pk};;",
        ),
    )
    assert check.is_clean, [row.errors for row in check.rows]
    assert import_service.confirm(pending=pending, only_valid=False, by=survey.created_by) == 2
    response = Response.objects.get(survey=survey, agency=world.agency)
    assert (response.state, response.source) == (ResponseState.SUBMITTED, ResponseSource.IMPORT)
    report = report_service.compute(survey)
    assert report.respondent_count == 2
    art = {o.key: o.count for o in report.by_key()["art"].options}
    assert art == {"information": 1, "events": 1, "area": 0, "sonstiges": 1}
    assert report.by_key()["partner"].network.mutual_count == 1


def test_errors_name_row_and_column(survey, world):
    _pending, check = upload(
        survey,
        csv_file(
            "agentur_id;agentur;andere;art",
            "999999;;ja;",
            f"{world.agency.pk};;vielleicht;information",
            f"{world.sibling_agency.pk};;ja;tanzen",
            f"{world.sibling_agency.pk};;ja;",
            ";Unbekannte Agentur;ja;",
        ),
    )
    errors = [error for row in check.invalid_rows for error in row.errors]
    assert any(e.startswith("Zeile 2, Spalte „agentur_id“") for e in errors)
    assert any(e.startswith("Zeile 3, Spalte „andere“") and "vielleicht" in e for e in errors)
    assert any(e.startswith("Zeile 4, Spalte „art“") and "tanzen" in e for e in errors)
    assert any(e.startswith("Zeile 5") and "Zeile 4" in e for e in errors)  # the same agency twice
    assert any(e.startswith("Zeile 6, Spalte „agentur“") for e in errors)


def test_nothing_is_imported_when_a_row_is_invalid_unless_confirmed(survey, world):
    pending, check = upload(
        survey,
        csv_file("agentur_id;andere", f"{world.agency.pk};ja", f"{world.sibling_agency.pk};kaputt"),
    )
    assert len(check.valid_rows) == 1 and len(check.invalid_rows) == 1
    with pytest.raises(import_service.ImportRefused):
        import_service.confirm(pending=pending, only_valid=False, by=survey.created_by)
    assert not Response.objects.filter(survey=survey).exists()
    assert import_service.confirm(pending=pending, only_valid=True, by=survey.created_by) == 1
    pending.refresh_from_db()
    assert (pending.status, pending.imported_count, pending.skipped_count) == (ResponseImport.Status.DONE, 1, 1)
    with pytest.raises(import_service.ImportRefused):
        import_service.confirm(pending=pending, only_valid=True, by=survey.created_by)


def test_agency_that_already_answered_cannot_be_imported(survey, world):
    answer(survey, world.agency, {"andere": "ja"})
    _pending, check = upload(survey, csv_file("agentur_id;andere", f"{world.agency.pk};nein"))
    assert "bereits eine abgeschickte Antwort" in check.invalid_rows[0].errors[0]


def test_unquoted_separator_spilling_into_extra_cells_is_an_error(survey, world):
    _pending, check = upload(survey, csv_file("agentur_id;art", f"{world.agency.pk};information; events"))
    assert "mehr Werte als Spaltenüberschriften" in check.invalid_rows[0].errors[0]


def test_unknown_column_and_wrong_file_type_are_file_errors(survey):
    _pending, check = upload(survey, csv_file("agentur_id;farbe", "1;blau"))
    assert "„farbe“" in check.file_errors[0]
    _pending, check = upload(survey, b"%PDF", filename="antworten.pdf")
    assert check.file_errors
    _pending, check = upload(survey, b"kein zip", filename="antworten.xlsx")
    assert "XLSX" in check.file_errors[0]


def test_xlsx_with_numbers_is_imported(world):
    survey = SurveyFactory()
    add_question(survey, "anzahl", QuestionKind.NUMBER)
    launch(survey)
    book = Workbook()
    book.active.append(["agentur_id", "anzahl"])
    book.active.append([world.agency.pk, 3])
    book.active.append([world.sibling_agency.pk, "2,5"])
    buffer = io.BytesIO()
    book.save(buffer)
    pending, check = upload(survey, buffer.getvalue(), filename="alt.xlsx")
    assert check.is_clean, [row.errors for row in check.rows]
    import_service.confirm(pending=pending, only_valid=False, by=survey.created_by)
    assert report_service.compute(survey).by_key()["anzahl"].summary.mean == 2.75


def test_template_lists_every_asked_agency_and_every_column(survey, world):
    header, rows, explanation = import_service.template_rows(survey)
    assert header == ["agentur_id", "agentur", "andere", "partner", "art", "art_sonstiges"]
    assert sorted(row[1] for row in rows) == sorted(
        a.name for a in (world.agency, world.sibling_agency, world.other_agency)
    )
    assert any("information" in " ".join(line) for line in explanation)


def test_template_download_is_a_readable_workbook(client, survey, world):
    owner = factories.state_level_user()
    client.force_login(owner)
    response = client.get(f"/umfragen/{survey.pk}/vorlage.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]][:3] == ["agentur_id", "agentur", "andere"]
    assert client.get(f"/umfragen/{survey.pk}/vorlage.csv").content.decode("utf-8-sig").startswith("agentur_id;")
