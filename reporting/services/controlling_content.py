"""A controlling report as plain data: frozen into the Revision on submission, shown on the detail page, printed
in the PDF and compared between revisions (core.diff). Values are formatted German text, so the frozen content
reads exactly as it was submitted."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.pdf import render_pdf
from core.workflow import Revision, State
from funding.models import PhaseLogo
from reporting.models import ControllingAnswer, ControllingReport, KeyFigureValue, QuestionKind, ValueStatus
from reporting.services.controlling_checks import fmt

DIFF_LABELS = {
    "value": "Wert",
    "status": "Stand",
    "source": "Herkunft",
    "explanation": "Erläuterung",
    "answer": "Antwort",
}


def _answer_text(answer: ControllingAnswer) -> str:
    question = answer.question
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.YES_NO):
        labels = dict(question.option_list())
        return ", ".join(labels.get(key, key) for key in answer.option_keys)
    if question.kind == QuestionKind.NUMBER:
        return fmt(answer.number) if answer.number is not None else ""
    return answer.text


def figure_rows(report: ControllingReport) -> list[dict]:
    """One row per key figure with its total, its parts per field of action, status and provenance."""
    values = KeyFigureValue.objects.filter(report=report).select_related("figure", "field_of_action")
    rows: dict[int, dict] = {}
    for value in sorted(values, key=lambda v: (v.figure.position, v.figure_id, v.field_of_action_id or 0)):
        figure = value.figure
        row = rows.setdefault(
            figure.pk,
            {
                "id": figure.code,
                "label": figure.label,
                "unit": figure.unit,
                "parts": [],
            },
        )
        if value.is_total:
            row.update(
                value=fmt(value.value, figure.places) if value.value is not None else "",
                status=str(ValueStatus(value.status).label),
                source=value.source_label,
                prefilled=fmt(value.prefilled_value, figure.places) if value.prefilled_value is not None else "",
                explanation=value.explanation,
            )
        else:
            row["parts"].append(
                {
                    "id": value.field_of_action.code,
                    "label": value.field_of_action.name,
                    "value": fmt(value.value, figure.places) if value.value is not None else "",
                }
            )
    return list(rows.values())


def answer_rows(report: ControllingReport) -> list[dict]:
    answers = ControllingAnswer.objects.filter(report=report).select_related("question")
    return [
        {
            "id": answer.question.code,
            "label": answer.question.text,
            "answer": _answer_text(answer),
            "status": str(ValueStatus(answer.status).label),
            "source": answer.source_label,
        }
        for answer in sorted(answers, key=lambda a: (a.question.position, a.question_id))
    ]


def snapshot(report: ControllingReport) -> dict:
    agency = report.agency
    return {
        "meta": {
            "title": _("Online-Controlling %(year)s") % {"year": report.year},
            "agency": agency.name,
            "provider": agency.provider.name,
            "district": agency.provider.district.name,
            "municipality": agency.municipality.name,
            "year": report.year,
            "template": str(report.template),
        },
        "sections": [
            {"key": "figures", "title": _("Kennzahlen"), "content": figure_rows(report)},
            {"key": "questions", "title": _("Fragen zur Planung und Umsetzung"), "content": answer_rows(report)},
        ],
    }


def pdf_filename(report: ControllingReport, revision: Revision | None) -> str:
    number = f"-r{revision.number}" if revision else "-entwurf"
    agency = "".join(ch if ch.isalnum() else "-" for ch in report.agency.name).strip("-")
    return f"online-controlling-{agency}-{report.year}{number}.pdf"


def render_report_pdf(report: ControllingReport, revision: Revision | None) -> tuple[str, bytes]:
    """(filename, PDF) of the frozen `revision`, or of the current draft without one."""
    content = revision.content if revision else snapshot(report)
    meta = content["meta"]
    state = State(report.state).label
    if revision:
        footer = _("%(state)s · Revision %(number)s · SHA-256 %(hash)s") % {
            "state": state,
            "number": revision.number,
            "hash": revision.content_hash,
        }
    else:
        footer = _("%(state)s · noch nicht eingereicht (ohne Revision)") % {"state": state}
    phase = report.template.phase
    logos = [
        {"name": logo.name, "url": f"file://{logo.image.path}"}
        for logo in PhaseLogo.objects.filter(phase=phase).order_by("position")
        if logo.image
    ]
    context = {
        "content": content,
        "pdf": {
            "lang": "de",
            "title": meta["title"],
            "subtitle": _("Jährliches Berichtswesen der Integrationsagentur %(agency)s") % {"agency": meta["agency"]},
            "author": meta["agency"],
            "logos": logos,
            "cover_facts": [
                (_("Integrationsagentur"), meta["agency"]),
                (_("Träger"), meta["provider"]),
                (_("Bezirksverband"), meta["district"]),
                (_("Kommune"), meta["municipality"]),
                (_("Förderjahr"), meta["year"]),
                (_("Vorlage"), meta["template"]),
                (_("Status"), state),
                (_("Revision"), str(revision.number) if revision else _("Entwurf")),
                (
                    _("Weitergeleitet am"),
                    date_format(report.forwarded_at, "SHORT_DATE_FORMAT") if report.forwarded_at else "–",
                ),
            ],
            "toc": [{"anchor": f"s-{s['key']}", "title": s["title"]} for s in content["sections"]],
            "footer": footer,
            "watermark": "" if revision else _("Entwurf – nicht eingereicht"),
        },
    }
    return pdf_filename(report, revision), render_pdf("reporting/controlling/report_pdf.html", context)
