"""Exports of a survey: XLSX (aggregates, and the raw answers for the owner), CSV of the raw answers, the PDF
report (WeasyPrint, the same SVG charts as the web page)."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from core.pdf import render_pdf
from reporting.models import Answer, Response, ResponseState, Survey
from reporting.services.imports import OTHER_SUFFIX, columns
from reporting.services.report import Report
from reporting.services.responses import questions_of
from reporting.services.stats import round_half_up


def raw_rows(survey: Survey) -> tuple[list[str], list[list[str]]]:
    """One row per submitted response in the import format (so an export can be imported again)."""
    questions = questions_of(survey)
    cols = columns(questions)
    responses = list(
        Response.objects.filter(survey=survey, state=ResponseState.SUBMITTED)
        .select_related("agency")
        .order_by("agency__name")
    )
    cells: dict[int, dict[str, list[str]]] = {response.pk: {} for response in responses}
    answers = Answer.objects.filter(response__in=responses).select_related("question")
    key_of = {}
    for answer in answers:
        key_of[answer.pk] = (answer.response_id, answer.question.key)
        row = cells[answer.response_id]
        if answer.number is not None:
            row[answer.question.key] = [str(answer.number).rstrip("0").rstrip(".").replace(".", ",")]
        if answer.text:
            row[answer.question.key] = [answer.text]
        if answer.other_text:
            row[answer.question.key + OTHER_SUFFIX] = [answer.other_text]
    for answer_id, key in Answer.options.through.objects.filter(answer__in=answers).values_list(
        "answer_id", "option__key"
    ):
        response_id, question_key = key_of[answer_id]
        cells[response_id].setdefault(question_key, []).append(key)
    for answer_id, name in Answer.partners.through.objects.filter(answer__in=answers).values_list(
        "answer_id", "agency__name"
    ):
        response_id, question_key = key_of[answer_id]
        cells[response_id].setdefault(question_key, []).append(name)
    header = [name for name, _question in cols]
    rows = [
        [str(response.agency_id), response.agency.name]
        + ["; ".join(sorted(cells[response.pk].get(name, []))) for name in header[2:]]
        for response in responses
    ]
    return header, rows


def csv_bytes(survey: Survey) -> bytes:
    header, rows = raw_rows(survey)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _pct(value) -> float | None:
    return None if value is None else float(round_half_up(value, 1))


def xlsx_bytes(report: Report, *, include_raw: bool) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Auswertung")
    bold = Font(bold=True)
    sheet.append([report.survey.title, report.survey.edition])
    sheet.append([_("Antwortquote"), f"{report.respondent_count} / {report.target_count}", _pct(report.rate)])
    sheet.append([])
    for result in report.questions:
        sheet.append([result.question.text])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        sheet.append([_("Basis (Agenturen mit Antwort)"), result.base])
        if result.options:
            sheet.append([_("Antwort"), _("Anzahl"), _("% der Agenturen"), _("% der Nennungen")])
            for option in result.options:
                sheet.append([option.label, option.count, _pct(option.percent), _pct(option.percent_mentions)])
        if result.summary and result.summary.count:
            summary = result.summary
            sheet.append([_("Mittelwert"), float(summary.mean), _("Median"), float(summary.median)])
            sheet.append([_("Minimum"), float(summary.minimum), _("Maximum"), float(summary.maximum)])
        for item in result.bins:
            sheet.append([item.label, item.count, _pct(item.percent)])
        for who, text in result.other_texts + result.texts:
            sheet.append([who or "", text])
        sheet.append([])
    if include_raw:
        raw = book.create_sheet(_("Rohdaten"))
        header, rows = raw_rows(report.survey)
        raw.append(header)
        for row in rows:
            raw.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def pdf_bytes(context: dict) -> bytes:
    return render_pdf("reporting/surveys/report_pdf.html", context)
