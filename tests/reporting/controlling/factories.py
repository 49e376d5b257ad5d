"""Controlling templates and reports for tests: a published template in one call, reports with given values."""

from decimal import Decimal

from core.models import User
from core.workflow import State
from reporting.models import (
    ControllingQuestion,
    ControllingReport,
    ControllingTemplate,
    KeyFigure,
    KeyFigureValue,
    QuestionKind,
    Source,
    ValueStatus,
)
from tests import factories
from tests.planning.factories import phase

# code, source, by field of action, number kind
FIGURES = [
    ("aufgaben", Source.PLAN_TASKS, True, KeyFigure.NumberKind.INTEGER),
    ("erreicht", Source.REPORT_REACHED, False, KeyFigure.NumberKind.INTEGER),
    ("teilweise", Source.REPORT_PARTLY, False, KeyFigure.NumberKind.INTEGER),
    ("nicht", Source.REPORT_NOT, False, KeyFigure.NumberKind.INTEGER),
    ("vzae", Source.REGISTRY_FTE, False, KeyFigure.NumberKind.DECIMAL),
    ("koepfe", Source.REGISTRY_HEADS, False, KeyFigure.NumberKind.INTEGER),
    ("partner", Source.COOPERATION_PARTNERS, False, KeyFigure.NumberKind.INTEGER),
    ("teilnehmende", "", False, KeyFigure.NumberKind.INTEGER),
]


def published_template(*, figures=FIGURES, questions: bool = True, by: User | None = None) -> ControllingTemplate:
    from django.utils import timezone

    template = ControllingTemplate.objects.create(
        phase=phase(), version=1, created_by=by or factories.UserFactory(), published_at=timezone.now()
    )
    for position, (code, source, breakdown, kind) in enumerate(figures):
        KeyFigure.objects.create(
            template=template,
            code=code,
            position=position,
            label=code.capitalize(),
            unit="Anzahl",
            number_kind=kind,
            by_field_of_action=breakdown,
            source=source,
        )
    if questions:
        ControllingQuestion.objects.create(
            template=template,
            code="titel",
            position=0,
            text="Welche Aufgaben?",
            kind=QuestionKind.TEXT,
            source=Source.PLAN_TASK_TITLES,
        )
        ControllingQuestion.objects.create(
            template=template,
            code="evaluation",
            position=1,
            text="Selbstevaluation?",
            kind=QuestionKind.YES_NO,
            required=True,
        )
    return template


def report_with(agency, year: int, template: ControllingTemplate, values: dict, *, state=State.APPROVED):
    """A report whose totals are `values` (code → number), created directly (no prefill) in `state`."""
    report = ControllingReport.objects.create(
        agency=agency, year=year, template=template, created_by=factories.UserFactory(), state=state
    )
    figures = {figure.code: figure for figure in template.key_figures.all()}
    KeyFigureValue.objects.bulk_create(
        KeyFigureValue(report=report, figure=figures[code], value=Decimal(str(value)), status=ValueStatus.ENTERED)
        for code, value in values.items()
    )
    return report
