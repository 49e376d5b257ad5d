"""Demo data of the Online-Controlling: a template with eleven key figures and five questions for the previous and
the current funding phase (same codes, so the years compare), and the reports of the two years before this one
for the demo agencies — prefilled from what the other demos created, completed, submitted and approved (one
forwarded with its stored PDF). This year's report of the Essen agency stays a prefilled draft to confirm.
Two of the three Caritas reports of last year are approved, so the state level sees a suppressed small group.
Idempotent: existing templates and reports are left alone."""

import random
from datetime import date
from decimal import Decimal

from django.db import transaction

from agencies.models import Agency, FieldOfAction
from core.models import User
from funding.demo import phase_bounds
from funding.models import FundingPhase
from reporting.models import (
    ControllingAnswer,
    ControllingQuestion,
    ControllingReport,
    ControllingTemplate,
    KeyFigure,
    KeyFigureValue,
    QuestionKind,
    Source,
)
from reporting.services import controlling as service
from reporting.services import controlling_workflow as workflow
from reporting.services.controlling import AnswerInput, FigureInput
from reporting.services.controlling_checks import deviation_message, previous_totals

INTEGER, DECIMAL = KeyFigure.NumberKind.INTEGER, KeyFigure.NumberKind.DECIMAL
# code, label, unit, number kind, help text, by field of action, source, demo range for manual figures
FIGURES = [
    (
        "aufgaben",
        "Aufgaben der Aufgabenplanung",
        "Aufgaben",
        INTEGER,
        "Zahl der Aufgaben (Themen) im Förderjahr.",
        True,
        Source.PLAN_TASKS,
        None,
    ),
    (
        "teilziele_erreicht",
        "Teilziele erreicht",
        "Teilziele",
        INTEGER,
        "Laut Sachbericht vollständig erreichte Teilziele.",
        True,
        Source.REPORT_REACHED,
        None,
    ),
    (
        "teilziele_teilweise",
        "Teilziele teilweise erreicht",
        "Teilziele",
        INTEGER,
        "Laut Sachbericht teilweise erreichte Teilziele.",
        True,
        Source.REPORT_PARTLY,
        None,
    ),
    (
        "teilziele_nicht",
        "Teilziele nicht erreicht",
        "Teilziele",
        INTEGER,
        "Laut Sachbericht nicht erreichte Teilziele.",
        True,
        Source.REPORT_NOT,
        None,
    ),
    (
        "vzae",
        "Besetzte Stellen",
        "VZÄ",
        DECIMAL,
        "Vollzeitäquivalente der Fachkräfte zum Jahresende.",
        False,
        Source.REGISTRY_FTE,
        None,
    ),
    (
        "fachkraefte",
        "Fachkräfte",
        "Personen",
        INTEGER,
        "Zahl der Fachkräfte zum Jahresende.",
        False,
        Source.REGISTRY_HEADS,
        None,
    ),
    (
        "kooperationspartner",
        "Kooperationspartner",
        "Partner",
        INTEGER,
        "Im Kooperationsnetz eingetragene Partner.",
        False,
        Source.COOPERATION_PARTNERS,
        None,
    ),
    (
        "veranstaltungen",
        "Veranstaltungen und Angebote",
        "Veranstaltungen",
        INTEGER,
        "Durchgeführte Veranstaltungen, Workshops und Treffen (keine Einzelberatungen).",
        False,
        "",
        (12, 60),
    ),
    (
        "teilnehmende",
        "Erreichte Personen",
        "Personen",
        INTEGER,
        "Teilnehmende aller Veranstaltungen und Angebote (Mehrfachzählung möglich).",
        False,
        "",
        (150, 900),
    ),
    (
        "ehrenamtliche",
        "Begleitete Ehrenamtliche",
        "Personen",
        INTEGER,
        "Ehrenamtlich Engagierte, die die Agentur begleitet hat.",
        False,
        "",
        (5, 45),
    ),
    (
        "einrichtungen_ikoe",
        "Einrichtungen im Prozess der interkulturellen Öffnung",
        "Einrichtungen",
        INTEGER,
        "Dienste und Einrichtungen, die die Agentur in der interkulturellen Öffnung begleitet.",
        False,
        "",
        (1, 9),
    ),
]
STATUS_OPTIONS = "planmaessig|planmäßig umgesetzt\nteilweise|teilweise umgesetzt\nverzoegert|deutlich verzögert"
DIFFICULTIES = [
    "Die Stelle war drei Monate unbesetzt; zwei Maßnahmen wurden ins Folgejahr verschoben.",
    "Die Zusammenarbeit mit dem Kommunalen Integrationszentrum hat sich gut eingespielt.",
    "Räume im Quartier fehlen; Angebote fanden teils in Schulen statt.",
    "Keine besonderen Schwierigkeiten.",
]


def questions(fields: str) -> list[tuple]:
    """code, text, kind, options, required, source of the template's questions; `fields` are the options of the
    fields of action ("code|name" per line)."""
    return [
        (
            "aufgaben_titel",
            "Welche Aufgaben haben Sie im Förderjahr bearbeitet?",
            QuestionKind.TEXT,
            "",
            False,
            Source.PLAN_TASK_TITLES,
        ),
        (
            "handlungsfelder",
            "In welchen Handlungsfeldern haben Sie gearbeitet?",
            QuestionKind.MULTIPLE,
            fields,
            True,
            Source.PLAN_FIELDS,
        ),
        (
            "stand_umsetzung",
            "Wie ist die Aufgabenplanung insgesamt umgesetzt?",
            QuestionKind.SINGLE,
            STATUS_OPTIONS,
            True,
            "",
        ),
        (
            "selbstevaluation",
            "Haben Sie eine Selbstevaluation mit dem Team durchgeführt?",
            QuestionKind.YES_NO,
            "",
            True,
            "",
        ),
        (
            "schwierigkeiten",
            "Gab es Schwierigkeiten bei der Umsetzung? Wenn ja, welche?",
            QuestionKind.TEXT,
            "",
            False,
            "",
        ),
    ]


def template_contents(template: ControllingTemplate, fields: str) -> tuple[list[KeyFigure], list[ControllingQuestion]]:
    """The demo's key figures and questions for `template`, unsaved (the demo and the bulk seeder save them)."""
    figures = [
        KeyFigure(
            template=template,
            position=position,
            code=code,
            label=label,
            unit=unit,
            number_kind=kind,
            help_text=help_text,
            by_field_of_action=breakdown,
            source=source,
        )
        for position, (code, label, unit, kind, help_text, breakdown, source, _range) in enumerate(FIGURES)
    ]
    template_questions = [
        ControllingQuestion(
            template=template,
            position=position,
            code=code,
            text=text,
            kind=kind,
            options=options,
            required=required,
            source=source,
        )
        for position, (code, text, kind, options, required, source) in enumerate(questions(fields))
    ]
    return figures, template_questions


def ensure_template(phase: FundingPhase, by: User) -> ControllingTemplate:
    template = ControllingTemplate.objects.filter(phase=phase, published_at__isnull=False).first()
    if template:
        return template
    template = ControllingTemplate.objects.filter(phase=phase).first() or service.create_template(phase=phase, by=by)
    if not template.key_figures.exists():
        template.introduction = (
            "Das Berichtswesen fragt nach Ihrer Aufgabenplanung und deren Umsetzung und erhebt einige Kennzahlen "
            "für den Wirkungsdialog zwischen Ministerium und Verbänden. Werte aus Aufgabenplanung, Sachbericht, "
            "Agenturverzeichnis und Kooperationsnetz sind vorbefüllt."
        )
        template.save()
        fields = "\n".join(f"{f.code}|{f.name}" for f in FieldOfAction.objects.order_by("position"))
        figures, template_questions = template_contents(template, fields)
        KeyFigure.objects.bulk_create(figures)
        ControllingQuestion.objects.bulk_create(template_questions)
    service.publish_template(template=template, by=by)
    return template


def _complete(report: ControllingReport, by: User, rng: random.Random) -> None:
    """Confirms every prefilled value, fills the manual figures and questions, explains large deviations."""
    manual = {code: bounds for code, *_rest, bounds in FIGURES if bounds}
    values = list(KeyFigureValue.objects.filter(report=report).select_related("figure"))
    previous = previous_totals(report)
    inputs: dict[int, FigureInput] = {}
    typed = {"aufgaben": (1, 3), "teilziele_erreicht": (2, 7), "teilziele_teilweise": (0, 3), "teilziele_nicht": (0, 2)}
    for value in sorted(values, key=lambda v: v.field_of_action_id is not None):
        item = inputs.setdefault(value.figure_id, FigureInput(total=None, confirmed=True))
        if value.is_total:
            bounds = manual.get(value.figure.code)
            item.total = Decimal(rng.randint(*bounds)) if bounds else value.value
            if item.total is None:  # nothing in Agenturnetz yet: the agency types its own figure
                item.total = Decimal(rng.randint(*typed.get(value.figure.code, (1, 5))))
            if deviation_message(item.total, previous.get(value.figure.code), report.template.deviation_percent):
                item.explanation = "Schwankung durch Stellenbesetzung und neue Kooperationen im Quartier."
        elif value.value is not None:
            item.parts[value.field_of_action_id] = value.value
        else:
            primary = value.field_of_action_id == report.agency.primary_field_id
            item.parts[value.field_of_action_id] = item.total if primary else Decimal(0)
    answers = {}
    for answer in ControllingAnswer.objects.filter(report=report).select_related("question"):
        item = AnswerInput(text=answer.text, number=answer.number, option_keys=list(answer.option_keys), confirmed=True)
        code = answer.question.code
        if code == "handlungsfelder" and not item.option_keys:
            item.option_keys = [report.agency.primary_field.code]
        elif code == "stand_umsetzung":
            item.option_keys = [rng.choice(["planmaessig", "planmaessig", "teilweise"])]
        elif code == "selbstevaluation":
            item.option_keys = ["ja"]
        elif code == "schwierigkeiten":
            item.text = rng.choice(DIFFICULTIES)
        elif code == "aufgaben_titel" and not item.text:
            item.text = "Begegnungsangebote im Quartier"
        answers[answer.question_id] = item
    service.save_report(report=report, expected_version=report.version, figures=inputs, answers=answers, by=by)


def seed(*, today: date) -> None:
    admin = User.objects.get(username="admin")
    coordinators = {
        district: User.objects.get(username=name)
        for district, name in (("AWO", "koordination"), ("Caritas", "koordination2"))
    }
    phases = {name: FundingPhase.objects.filter(name=name).first() for name, _s, _e in phase_bounds(today)}
    with transaction.atomic():
        for phase in phases.values():
            if phase is not None and phase.starts_on <= today:
                ensure_template(phase, admin)
        agencies = list(
            Agency.objects.active_on(today)
            .select_related("provider__district__welfare_association", "primary_field")
            .order_by("provider__district__name", "name")
        )
        for year in (today.year - 2, today.year - 1):
            if service.current_template(year) is None:
                continue
            caritas_seen = 0
            for agency in agencies:
                if ControllingReport.objects.filter(agency=agency, year=year).exists():
                    continue
                association = agency.provider.district.welfare_association.short_name
                if association == "Caritas":
                    caritas_seen += 1
                rng = random.Random(f"{agency.pk}-{year}")
                report = service.create_report(agency=agency, year=year, by=admin, today=today)
                if agency.name == "Essen" and year == today.year - 1:
                    continue  # stays a prefilled draft for the demo specialist to confirm and submit
                _complete(report, admin, rng)
                report.refresh_from_db()
                workflow.submit(report=report, by=admin)
                if association == "Caritas" and year == today.year - 1 and caritas_seen > 2:
                    continue  # submitted, not yet approved: the Caritas group of last year stays small
                coordinator = coordinators.get(association, admin)
                workflow.approve(report=report, by=coordinator, comment="Plausibel, danke.")
                if agency.name == "Essen":
                    workflow.forward(report=report, by=coordinator)
