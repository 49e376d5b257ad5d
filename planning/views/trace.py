"""Traceability: analysis needs → tasks → sub-goals → report results for one agency and year, with gaps."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from agencies.selectors import agencies_visible_to
from planning.models import SubGoalResult
from planning.selectors import current_analysis, effective_plan, latest_plan, report_for, tasks_with_details


def build_chain(agency, year: int) -> dict:
    """The chain of one agency and year and its gaps, in a fixed number of queries."""
    analysis = current_analysis(agency, year)
    plan = effective_plan(agency, year) or latest_plan(agency, year)
    report = report_for(agency, year)
    needs = list(analysis.needs.select_related("field_of_action")) if analysis else []
    tasks = list(tasks_with_details(plan)) if plan else []
    results = {r.sub_goal_id: r for r in SubGoalResult.objects.filter(report=report)} if report else {}
    need_ids = {need.pk for need in needs}
    tasks_by_need: dict[int, list] = {need.pk: [] for need in needs}
    task_rows = []
    for task in tasks:
        cited = [need for need in task.needs.all() if need.pk in need_ids]
        for need in cited:
            tasks_by_need[need.pk].append(task)
        goals = []
        for goal in task.sub_goals.all():
            result = results.get(goal.pk)
            goals.append({"goal": goal, "result": result, "gap": not (result and result.is_filled)})
        task_rows.append({"task": task, "needs": cited, "gap": not cited, "goals": goals})
    need_rows = [{"need": need, "tasks": tasks_by_need[need.pk], "gap": not tasks_by_need[need.pk]} for need in needs]
    return {
        "analysis": analysis,
        "plan": plan,
        "report": report,
        "needs": need_rows,
        "tasks": task_rows,
        "gaps": {
            "needs_without_task": [row["need"] for row in need_rows if row["gap"]],
            "tasks_without_need": [row["task"] for row in task_rows if row["gap"]],
            "goals_without_result": [g["goal"] for row in task_rows for g in row["goals"] if g["gap"]],
        },
    }


@login_required
def traceability(request, agency_pk: int, year: int):
    agency = get_object_or_404(agencies_visible_to(request.user), pk=agency_pk)
    if not request.user.has_perm("planning.view_traceability", agency):
        raise Http404
    return render(
        request,
        "planning/traceability.html",
        {"agency": agency, "year": year, "chain": build_chain(agency, year), "years": range(year - 2, year + 2)},
    )
