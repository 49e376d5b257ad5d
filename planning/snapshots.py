"""The content of each planning document as plain data: frozen into a Revision on submission, rendered by the
detail page, the revision page and the PDF alike (one template), and compared by `core.diff`.

Shape: {"meta": {...}, "sections": [{"key", "title", "content": {label: text | [row, …]}}]} – a row is a dict
with an "id" and labelled cells. Labels are German because the frozen revision is evidence of what was shown.
"""

from decimal import Decimal

from core.numbers import grouped
from planning.models import (
    ActivityReport,
    MeasureReport,
    PlanningDocument,
    SocialSpaceAnalysis,
    SubGoal,
    SubGoalResult,
    Task,
    TaskPlan,
)
from planning.selectors import tasks_with_details


def number(value) -> str:
    if value is None:
        return ""
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 2
    return grouped(value, places)


def _meta(document: PlanningDocument, **extra) -> dict:
    agency = document.agency
    return {
        "kind": document.URL_KIND,
        "kind_label": str(document._meta.verbose_name),
        "agency": agency.name,
        "provider": agency.provider.name,
        "district": agency.provider.district.name,
        "municipality": agency.municipality.name,
        "year": document.year,
        "template_version": document.template_version.version,
        **extra,
    }


def snapshot_analysis(analysis: SocialSpaceAnalysis) -> dict:
    data_points = list(analysis.data_points.all())
    needs = list(analysis.needs.select_related("field_of_action"))
    spaces = ", ".join(space.name for space in analysis.social_spaces.all())
    coordinated = ", ".join(agency.name for agency in analysis.coordinated_agencies.order_by("name"))
    return {
        "meta": _meta(
            analysis,
            title=f"{analysis.get_analysis_type_display()} {analysis.year}–{analysis.valid_until}",
            years=f"{analysis.year}–{analysis.valid_until}",
        ),
        "sections": [
            {
                "key": "general",
                "title": "Grundlagen",
                "content": {
                    "Art der Analyse": analysis.get_analysis_type_display(),
                    "Gültig für die Förderjahre": f"{analysis.year} und {analysis.valid_until}",
                    "Sozialräume": spaces,
                    "Schwerpunkt": analysis.primary_field.name,
                    "Fortgeschrieben aus": str(analysis.predecessor) if analysis.predecessor_id else "",
                },
            },
            {
                "key": "data",
                "title": "Daten zum Sozialraum",
                "content": {
                    "Daten": [
                        {
                            "id": row.pk,
                            "Indikator": row.indicator,
                            "Wert": number(row.value),
                            "Einheit": row.unit,
                            "Quelle": row.source,
                            "Bezugsjahr": str(row.reference_year),
                        }
                        for row in data_points
                    ]
                },
            },
            {"key": "findings", "title": "Erkenntnisse", "content": {"Erkenntnisse": analysis.findings}},
            {
                "key": "needs",
                "title": "Handlungsbedarfe",
                "content": {
                    "Handlungsbedarfe": [
                        {
                            "id": need.pk,
                            "Nr.": str(index),
                            "Handlungsbedarf": need.title,
                            "Handlungsfeld": need.field_of_action.name,
                            "Begründung": need.description,
                        }
                        for index, need in enumerate(needs, start=1)
                    ]
                },
            },
            {
                "key": "embedding",
                "title": "Einbindung und Abstimmung vor Ort",
                "content": {
                    "Kommunales Integrationskonzept": analysis.integration_concept,
                    "Kommunales Integrationszentrum": analysis.ki_partner.name if analysis.ki_partner_id else "",
                    "Kooperation mit dem Kommunalen Integrationszentrum": analysis.ki_cooperation,
                    "Abgestimmt mit den Integrationsagenturen": coordinated,
                    "Abstimmung mit anderen Integrationsagenturen": analysis.local_coordination,
                },
            },
        ],
    }


def sub_goal_target(goal: SubGoal) -> str:
    if goal.is_quantitative:
        return f"{goal.indicator}: {number(goal.target_value)} {goal.unit}"
    return goal.qualitative_criterion


def _task_content(task: Task) -> dict:
    return {
        "Thema": task.title,
        "Handlungsfeld": task.field_of_action.name,
        "Bezug zu den Handlungsbedarfen": ", ".join(need.title for need in task.needs.all()),
        "Anlass/Begründung": task.rationale,
        "Übergeordnetes Ziel": task.goal,
        "Kooperationspartner": ", ".join(
            [p.name for p in task.partner_organisations.all()] + ([task.partners] if task.partners else [])
        ),
        "Teilziele": [
            {"id": goal.pk, "Teilziel": goal.description, "Messgröße / Erfolgskriterium": sub_goal_target(goal)}
            for goal in task.sub_goals.all()
        ],
        "Maßnahmen": [
            {
                "id": measure.pk,
                "Maßnahme": measure.description,
                "Zeitraum": measure.period_label,
                "verantwortlich": str(measure.responsible) if measure.responsible_id else "",
            }
            for measure in task.measures.all()
        ],
    }


def snapshot_plan(plan: TaskPlan) -> dict:
    general = {"Förderjahr": str(plan.year), "Fassung": str(plan.sequence)}
    if plan.is_amendment:
        general["Art der Änderung"] = plan.get_amendment_kind_display()
        general["Anlass der Änderung"] = plan.amendment_reason
    sections = [{"key": "general", "title": "Grundlagen", "content": general}]
    for index, task in enumerate(tasks_with_details(plan), start=1):
        sections.append(
            {"key": task.section_key, "title": f"Aufgabe {index}: {task.title}", "content": _task_content(task)}
        )
    title = f"Aufgabenplanung {plan.year}" + (f" ({plan.sequence}. Fassung)" if plan.sequence > 1 else "")
    return {"meta": _meta(plan, title=title, years=str(plan.year)), "sections": sections}


def snapshot_report(report: ActivityReport) -> dict:
    measure_reports = {
        row.measure_id: row for row in MeasureReport.objects.filter(report=report).only("measure_id", "what_was_done")
    }
    results = {row.sub_goal_id: row for row in SubGoalResult.objects.filter(report=report)}
    sections = [
        {
            "key": "general",
            "title": "Zusammenfassung",
            "content": {
                "Grundlage": str(report.task_plan),
                "Zusammenfassung": report.summary,
            },
        }
    ]
    for index, task in enumerate(tasks_with_details(report.task_plan), start=1):
        sections.append(
            {
                "key": task.section_key,
                "title": f"Aufgabe {index}: {task.title}",
                "content": {
                    "Übergeordnetes Ziel": task.goal,
                    "Umsetzung der Maßnahmen": [
                        {
                            "id": measure.pk,
                            "Maßnahme": measure.description,
                            "Zeitraum": measure.period_label,
                            "Umsetzung": getattr(measure_reports.get(measure.pk), "what_was_done", ""),
                        }
                        for measure in task.measures.all()
                    ],
                    "Teilziele": [_result_row(goal, results.get(goal.pk)) for goal in task.sub_goals.all()],
                },
            }
        )
    sections.append(
        {
            "key": "attachments",
            "title": "Anlagen (Nachweise)",
            "content": {
                "Anlagen": [
                    {
                        "id": item.pk,
                        "Datei": item.original_name,
                        "Beschreibung": item.description,
                        "Größe": f"{number(Decimal(item.size) / 1024)} KB",
                        "SHA-256": item.sha256[:16],
                    }
                    for item in report.attachments.all()
                ]
            },
        }
    )
    return {"meta": _meta(report, title=f"Sachbericht {report.year}", years=str(report.year)), "sections": sections}


def _result_row(goal: SubGoal, result: SubGoalResult | None) -> dict:
    return {
        "id": goal.pk,
        "Teilziel": goal.description,
        "Ziel": sub_goal_target(goal),
        "Istwert": number(result.actual_value) if result and result.actual_value is not None else "",
        "erreicht": result.get_reached_display() if result and result.reached else "",
        "Gründe für Abweichungen": result.deviation_reasons if result else "",
    }


SNAPSHOTS = {
    SocialSpaceAnalysis: snapshot_analysis,
    TaskPlan: snapshot_plan,
    ActivityReport: snapshot_report,
}
