"""Factories for planning documents: complete documents (ready to submit) on the current template."""

from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from agencies.models import FieldOfAction
from funding.models import DocumentKind, FundingPhase, FundingYear, TemplateVersion
from planning.models import (
    ActivityReport,
    DataPoint,
    Measure,
    MeasureReport,
    Need,
    SocialSpaceAnalysis,
    SubGoal,
    SubGoalResult,
    Task,
    TaskPlan,
)
from tests import factories

YEAR = 2026


def phase() -> FundingPhase:
    phase, _ = FundingPhase.objects.get_or_create(
        name="Förderphase 2025–2026", defaults={"starts_on": date(2025, 1, 1), "ends_on": date(2026, 12, 31)}
    )
    for number, year in enumerate(phase.years, start=1):
        FundingYear.objects.get_or_create(year=year, defaults={"phase": phase, "number": number})
    return phase


def template(kind: str) -> TemplateVersion:
    current = phase()
    version, _ = TemplateVersion.objects.get_or_create(
        phase=current,
        document_kind=kind,
        is_current=True,
        defaults={"version": "Raster 2025", "valid_from": date(2025, 1, 1)},
    )
    return version


class AnalysisFactory(DjangoModelFactory):
    class Meta:
        model = SocialSpaceAnalysis

    agency = factory.SubFactory(factories.AgencyFactory)
    year = YEAR - 1
    template_version = factory.LazyFunction(lambda: template(DocumentKind.SOCIAL_SPACE_ANALYSIS))
    primary_field = factory.LazyAttribute(lambda o: o.agency.primary_field)
    created_by = factory.SubFactory(factories.UserFactory)
    findings = "Hoher Anteil junger Familien ohne deutsche Staatsangehörigkeit; wenige Angebote im Quartier."
    integration_concept = "Die Agentur arbeitet im Handlungsfeld Teilhabe des Integrationskonzepts mit."
    ki_cooperation = "Quartalsweise Abstimmung mit dem Kommunalen Integrationszentrum."


def complete_analysis(agency, *, needs=("Sprachförderung im Quartier",), **kwargs) -> SocialSpaceAnalysis:
    analysis = AnalysisFactory(agency=agency, **kwargs)
    DataPoint.objects.create(
        analysis=analysis,
        indicator="Anteil der Einwohner ohne deutsche Staatsangehörigkeit",
        value=Decimal("31.40"),
        unit="%",
        source="Amt für Statistik",
        reference_year=2024,
    )
    field = FieldOfAction.objects.get(pk=agency.primary_field_id)
    for position, title in enumerate(needs):
        Need.objects.create(analysis=analysis, position=position, title=title, field_of_action=field)
    return analysis


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = TaskPlan

    agency = factory.SubFactory(factories.AgencyFactory)
    year = YEAR
    template_version = factory.LazyFunction(lambda: template(DocumentKind.TASK_PLAN))
    created_by = factory.SubFactory(factories.UserFactory)


def complete_plan(agency, *, analysis=None, tasks: int = 1, **kwargs) -> TaskPlan:
    analysis = analysis or complete_analysis(agency)
    plan = PlanFactory(agency=agency, **kwargs)
    need = analysis.needs.first()
    for index in range(tasks):
        task = Task.objects.create(
            plan=plan,
            position=index,
            title=f"Sprachcafés als Treffpunkt im Quartier {index + 1}",
            field_of_action=need.field_of_action,
            rationale="Die Analyse zeigt fehlende niedrigschwellige Sprachangebote.",
            goal="Mehr Begegnung und Sprachpraxis im Stadtteil.",
        )
        task.needs.add(need)
        SubGoal.objects.create(
            task=task, description="Regelmäßige Teilnahme", indicator="Teilnehmende", target_value=40, unit="Personen"
        )
        Measure.objects.create(task=task, description="Wöchentliches Sprachcafé", start_month=1, end_month=12)
    return plan


class ReportFactory(DjangoModelFactory):
    class Meta:
        model = ActivityReport

    agency = factory.SelfAttribute("task_plan.agency")
    year = factory.SelfAttribute("task_plan.year")
    template_version = factory.LazyFunction(lambda: template(DocumentKind.ACTIVITY_REPORT))
    created_by = factory.SubFactory(factories.UserFactory)


def complete_report(plan: TaskPlan, *, filled: bool = True) -> ActivityReport:
    report = ReportFactory(task_plan=plan, summary="Ein gutes Jahr mit vielen Begegnungen.")
    for task in plan.tasks.all():
        for measure in task.measures.all():
            MeasureReport.objects.create(report=report, measure=measure, what_was_done="Jede Woche durchgeführt.")
        for goal in task.sub_goals.all():
            SubGoalResult.objects.create(
                report=report,
                sub_goal=goal,
                actual_value=Decimal("42") if filled else None,
                reached=SubGoalResult.Reached.YES if filled else "",
            )
    return report
