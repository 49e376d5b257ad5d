"""Import of historic answers (paper surveys, earlier tools) from CSV or XLSX: one row per agency, one column per
question key. Every row is checked first; errors name the row and the column. Nothing is written unless all rows
are valid – or the user confirms to import only the valid ones. Format: see README.md ("Importing survey answers")."""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from agencies.models import Agency
from reporting.models import (
    Question,
    QuestionKind,
    Response,
    ResponseImport,
    ResponseState,
    Survey,
    SurveyLogEntry,
    SurveyTarget,
)
from reporting.services.answers import AnswerValue, check_answers, is_visible
from reporting.services.responses import questions_of, store_imported
from reporting.services.surveys import log

ID_COLUMN, NAME_COLUMN, OTHER_SUFFIX, SEPARATOR = "agentur_id", "agentur", "_sonstiges", ";"
YES, NO = {"ja", "j", "yes", "y", "1", "x"}, {"nein", "n", "no", "0"}


@dataclass
class Row:
    number: int  # as the user sees it in the spreadsheet (header = 1)
    agency_id: int | None = None
    agency_name: str = ""
    values: dict[int, AnswerValue] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


@dataclass
class Check:
    rows: list[Row]
    file_errors: list[str]

    @property
    def valid_rows(self) -> list[Row]:
        return [row for row in self.rows if not row.errors]

    @property
    def invalid_rows(self) -> list[Row]:
        return [row for row in self.rows if row.errors]

    @property
    def is_clean(self) -> bool:
        return not self.file_errors and not self.invalid_rows


def columns(questions: list[Question]) -> list[tuple[str, Question | None]]:
    result: list[tuple[str, Question | None]] = [(ID_COLUMN, None), (NAME_COLUMN, None)]
    for question in questions:
        result.append((question.key, question))
        if question.allow_other:
            result.append((question.key + OTHER_SUFFIX, question))
    return result


def read_table(filename: str, content: bytes) -> list[list[str]]:
    """Rows of cells as text. Raises ValueError with a German message for unreadable files."""
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        except Exception as error:  # openpyxl raises many kinds for broken files
            raise ValueError(_("Die Datei ist keine lesbare XLSX-Datei.")) from error
        return [["" if cell is None else _cell_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    if filename.lower().endswith(".csv"):
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        delimiter = ";" if text.split("\n", 1)[0].count(";") >= text.split("\n", 1)[0].count(",") else ","
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    raise ValueError(_("Bitte laden Sie eine CSV- oder XLSX-Datei hoch."))


def _cell_text(cell) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def check(survey: Survey, *, filename: str, content: bytes) -> Check:
    """Parses and validates every row (a fixed number of queries, whatever the file's length)."""
    try:
        table = read_table(filename, content)
    except ValueError as error:
        return Check(rows=[], file_errors=[str(error)])
    table = [row for row in table if any(str(cell).strip() for cell in row)]
    if not table:
        return Check(rows=[], file_errors=[_("Die Datei ist leer.")])
    questions = questions_of(survey)
    known = dict(columns(questions))
    header = [str(cell).strip().lower() for cell in table[0]]
    file_errors = [
        _("Spalte %(col)d („%(name)s“) ist unbekannt. Erlaubt sind die Spalten der Vorlage.")
        % {"col": index + 1, "name": name}
        for index, name in enumerate(header)
        if name and name not in known
    ]
    if ID_COLUMN not in header and NAME_COLUMN not in header:
        file_errors.append(_("Es fehlt die Spalte „agentur_id“ oder „agentur“, die die Agentur bestimmt."))
    if file_errors:
        return Check(rows=[], file_errors=file_errors)

    targets = {row["pk"]: row for row in Agency.objects.filter(survey_targets__survey=survey).values("pk", "name")}
    by_name: dict[str, list[int]] = {}
    for agency in Agency.objects.values("pk", "name"):
        by_name.setdefault(agency["name"].strip().lower(), []).append(agency["pk"])
    all_ids = {pk for ids in by_name.values() for pk in ids}
    answered = set(
        Response.objects.filter(survey=survey, state=ResponseState.SUBMITTED).values_list("agency_id", flat=True)
    )
    by_id = {question.pk: question for question in questions}
    seen: dict[int, int] = {}
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        row = Row(number=number)
        if any(str(cell).strip() for cell in cells[len(header) :]):
            row.errors.append(
                _(
                    "Spalte %(col)d: Die Zeile hat mehr Werte als Spaltenüberschriften. Steht ein Semikolon in einem "
                    "Wert, setzen Sie den Wert in Anführungszeichen."
                )
                % {"col": len(header) + 1}
            )
        cells = dict(zip(header, (str(cell).strip() for cell in cells), strict=False))
        _identify(row, cells, targets, by_name)
        for name, question in known.items():
            if question is not None and cells.get(name, "") != "":
                _parse_cell(row, name, cells[name], question, by_name, all_ids)
        if row.agency_id is not None:
            if row.agency_id in seen:
                row.errors.append(
                    _("Spalte „agentur“: Die Agentur steht schon in Zeile %(row)d.") % {"row": seen[row.agency_id]}
                )
            seen.setdefault(row.agency_id, number)
            if row.agency_id in answered:
                row.errors.append(_("Spalte „agentur“: Für diese Agentur liegt bereits eine abgeschickte Antwort vor."))
        for question_id, problems in check_answers(questions, row.values, require=False).items():
            row.errors.extend(
                _("Spalte „%(col)s“: %(problem)s") % {"col": by_id[question_id].key, "problem": problem}
                for problem in problems
            )
        for question_id in row.values:
            if not is_visible(by_id[question_id], row.values, by_id):
                row.errors.append(
                    _("Spalte „%(col)s“: Diese Frage wird bei der Antwort auf „%(cond)s“ nicht gestellt.")
                    % {"col": by_id[question_id].key, "cond": by_id[question_id].condition_question.key}
                )
        row.errors = [_("Zeile %(row)d, %(error)s") % {"row": number, "error": error} for error in row.errors]
        rows.append(row)
    return Check(rows=rows, file_errors=[])


def _identify(row: Row, cells: dict[str, str], targets: dict, by_name: dict[str, list[int]]) -> None:
    raw_id, raw_name = cells.get(ID_COLUMN, ""), cells.get(NAME_COLUMN, "")
    if raw_id:
        if not raw_id.isdigit() or int(raw_id) not in targets:
            row.errors.append(
                _("Spalte „agentur_id“: %(value)s ist keine der befragten Agenturen.") % {"value": raw_id}
            )
            return
        row.agency_id = int(raw_id)
    elif raw_name:
        matches = [pk for pk in by_name.get(raw_name.lower(), []) if pk in targets]
        if len(matches) != 1:
            reason = _("ist mehrdeutig") if len(matches) > 1 else _("ist keine der befragten Agenturen")
            row.errors.append(_("Spalte „agentur“: „%(value)s“ %(reason)s.") % {"value": raw_name, "reason": reason})
            return
        row.agency_id = matches[0]
    else:
        row.errors.append(_("Spalte „agentur“: Die Agentur fehlt."))
        return
    row.agency_name = targets[row.agency_id]["name"]


def _parse_cell(row, column, raw, question, by_name, all_ids) -> None:
    value = row.values.setdefault(question.pk, AnswerValue())
    if column.endswith(OTHER_SUFFIX) and column != question.key:
        value.other_text = raw
        return
    if question.kind == QuestionKind.YES_NO:
        lowered = raw.lower()
        if lowered in YES or lowered in NO:
            value.option_keys = ["ja" if lowered in YES else "nein"]
        else:
            row.errors.append(
                _("Spalte „%(col)s“: „%(value)s“ ist weder „ja“ noch „nein“.") % {"col": column, "value": raw}
            )
    elif question.is_choice:
        labels = {option.label.lower(): option.key for option in question.options.all()}
        value.option_keys = [
            labels.get(part.strip().lower(), part.strip()) for part in raw.split(SEPARATOR) if part.strip()
        ]
    elif question.kind == QuestionKind.NUMBER:
        try:
            value.number = Decimal(raw.replace(".", "").replace(",", ".") if "," in raw else raw)
        except InvalidOperation:
            row.errors.append(_("Spalte „%(col)s“: „%(value)s“ ist keine Zahl.") % {"col": column, "value": raw})
    elif question.kind == QuestionKind.TEXT:
        value.text = raw
    elif question.kind == QuestionKind.AGENCY:
        for part in (part.strip() for part in raw.split(SEPARATOR)):
            if not part:
                continue
            ids = [int(part)] if part.isdigit() and int(part) in all_ids else by_name.get(part.lower(), [])
            if len(ids) == 1:
                value.partner_ids.append(ids[0])
            else:
                reason = _("ist mehrdeutig") if ids else _("ist keine bekannte Integrationsagentur")
                row.errors.append(
                    _("Spalte „%(col)s“: „%(value)s“ %(reason)s.") % {"col": column, "value": part, "reason": reason}
                )


def upload(*, survey: Survey, filename: str, content: bytes, by) -> tuple[ResponseImport, Check]:
    """Stores the uploaded file (pending) and returns the result of its check. Writes no answers."""
    pending = ResponseImport.objects.create(survey=survey, filename=filename[:200], content=content, uploaded_by=by)
    return pending, check(survey, filename=filename, content=content)


class ImportRefused(Exception):
    pass


@transaction.atomic
def confirm(*, pending: ResponseImport, only_valid: bool, by) -> int:
    """Imports the checked file as submitted responses, all rows in one transaction. If some rows are invalid,
    it imports the valid ones only when `only_valid` was confirmed. Logs who imported how many rows."""
    locked = ResponseImport.objects.select_for_update().get(pk=pending.pk)
    if locked.status != ResponseImport.Status.PENDING:
        raise ImportRefused(_("Dieser Import wurde bereits ausgeführt oder verworfen."))
    survey = locked.survey
    result = check(survey, filename=locked.filename, content=bytes(locked.content))
    if result.file_errors or not result.rows:
        raise ImportRefused(_("Die Datei enthält keine importierbaren Zeilen."))
    if result.invalid_rows and not only_valid:
        raise ImportRefused(_("Die Datei enthält fehlerhafte Zeilen. Bitte bestätigen Sie den Teilimport."))
    questions = questions_of(survey)
    for row in result.valid_rows:
        store_imported(survey=survey, agency_id=row.agency_id, values=row.values, questions=questions, by=by)
    locked.status = ResponseImport.Status.DONE
    locked.imported_count, locked.skipped_count = len(result.valid_rows), len(result.invalid_rows)
    locked.save(update_fields=["status", "imported_count", "skipped_count"])
    log(
        survey=survey,
        action=SurveyLogEntry.Action.IMPORTED,
        by=by,
        note=_("%(file)s: %(ok)d Zeilen importiert, %(bad)d übersprungen")
        % {"file": locked.filename, "ok": locked.imported_count, "bad": locked.skipped_count},
    )
    return locked.imported_count


def template_rows(survey: Survey) -> tuple[list[str], list[list[str]], list[list[str]]]:
    """Header, one prefilled row per asked agency, and the explanation of every column."""
    questions = questions_of(survey)
    cols = columns(questions)
    header = [name for name, _question in cols]
    agencies = SurveyTarget.objects.filter(survey=survey).select_related("agency").order_by("agency__name")
    rows = [[str(target.agency_id), target.agency.name] + [""] * (len(cols) - 2) for target in agencies]
    explanation = [
        [ID_COLUMN, _("Nummer der Agentur in Agenturnetz (vorausgefüllt)")],
        [NAME_COLUMN, _("Name der Agentur; wird genutzt, wenn „agentur_id“ leer ist")],
    ]
    for name, question in cols[2:]:
        explanation.append([name, question.text, _describe(question, other=name != question.key)])
    return header, rows, explanation


def _describe(question: Question, *, other: bool) -> str:
    if other:
        return _("Freitext zu „Sonstiges“")
    if question.kind == QuestionKind.YES_NO:
        return _("ja oder nein")
    if question.is_choice:
        keys = ", ".join(option.key for option in question.options.all())
        several = _(" (mehrere mit ; trennen)") if question.kind == QuestionKind.MULTIPLE else ""
        return _("einer der Schlüssel: %(keys)s") % {"keys": keys} + several
    if question.kind == QuestionKind.NUMBER:
        return _("Zahl, z. B. 3 oder 2,5")
    if question.kind == QuestionKind.AGENCY:
        return _("Nummern oder Namen von Agenturen, mit ; getrennt")
    return _("Freitext")
