"""What Agenturnetz already knows about an agency's funding year, as prefilled values of the controlling report.

Each value says where it came from ("aus der Aufgabenplanung 2026"), so the agency can confirm or correct it:
- the Aufgabenplanung of the year (the newest approved version, else the newest one): tasks, sub-goals,
  measures and their fields of action;
- the Sachbericht of the year: sub-goals reached / partly / not;
- the registry: staffed fte and head count at the end of the year (or today, while the year runs);
- the cooperation network: the agency's recorded cooperation partners.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agencies.models import Agency
from agencies.selectors import figures_for
from planning.models import Measure, SubGoal, SubGoalResult, Task
from planning.selectors import effective_plan, latest_plan, report_for
from reporting.models import Cooperation, Source


@dataclass
class Prefill:
    """One prefilled value: a total, optionally per field of action (field id → value), or text/options."""

    label: str
    total: Decimal | None = None
    by_field: dict[int, Decimal] = field(default_factory=dict)
    text: str = ""
    option_keys: list[str] = field(default_factory=list)


def _counts(rows) -> tuple[Decimal, dict[int, Decimal]]:
    by_field = Counter()
    for field_id in rows:
        by_field[field_id] += 1
    return Decimal(sum(by_field.values())), {key: Decimal(value) for key, value in by_field.items() if key}


def prefill_for(agency: Agency, year: int, *, today: date | None = None) -> dict[str, Prefill]:
    """Every source that has data for `agency` in `year` (a fixed number of queries)."""
    today = today or timezone.localdate()
    result: dict[str, Prefill] = {}
    plan = effective_plan(agency, year) or latest_plan(agency, year)
    if plan is not None:
        label = _("aus der Aufgabenplanung %(year)s") % {"year": year}
        if plan.sequence > 1:
            label = _("aus der Aufgabenplanung %(year)s (%(n)s. Fassung)") % {"year": year, "n": plan.sequence}
        tasks = list(
            Task.objects.filter(plan=plan).order_by("position", "pk").values_list("title", "field_of_action_id")
        )
        total, by_field = _counts(field_id for _title, field_id in tasks)
        result[Source.PLAN_TASKS] = Prefill(label, total, by_field)
        total, by_field = _counts(
            SubGoal.objects.filter(task__plan=plan).values_list("task__field_of_action_id", flat=True)
        )
        result[Source.PLAN_SUB_GOALS] = Prefill(label, total, by_field)
        total, by_field = _counts(
            Measure.objects.filter(task__plan=plan).values_list("task__field_of_action_id", flat=True)
        )
        result[Source.PLAN_MEASURES] = Prefill(label, total, by_field)
        result[Source.PLAN_TASK_TITLES] = Prefill(label, text="\n".join(title for title, _field in tasks))
        codes = sorted(
            {
                code
                for code in Task.objects.filter(plan=plan)
                .values_list("field_of_action__code", flat=True)
                .order_by()
                .distinct()
                if code
            }
        )
        result[Source.PLAN_FIELDS] = Prefill(label, option_keys=codes)
    report = report_for(agency, year)
    if report is not None:
        label = _("aus dem Sachbericht %(year)s") % {"year": year}
        rows = list(
            SubGoalResult.objects.filter(report=report).values_list("reached", "sub_goal__task__field_of_action_id")
        )
        for source, reached in (
            (Source.REPORT_REACHED, SubGoalResult.Reached.YES),
            (Source.REPORT_PARTLY, SubGoalResult.Reached.PARTLY),
            (Source.REPORT_NOT, SubGoalResult.Reached.NO),
        ):
            total, by_field = _counts(field_id for value, field_id in rows if value == reached)
            result[source] = Prefill(label, total, by_field)
    day = min(date(year, 12, 31), today)
    figures = figures_for(day=day, agency_ids=[agency.pk])
    label = _("aus dem Agenturverzeichnis (Stand %(day)s)") % {"day": date_format(day, "SHORT_DATE_FORMAT")}
    result[Source.REGISTRY_FTE] = Prefill(label, figures.staffed_fte)
    result[Source.REGISTRY_HEADS] = Prefill(label, Decimal(figures.head_count))
    cooperation = Cooperation.objects.filter(agency=agency).aggregate(
        partners=Count("pk"), agencies=Count("partner_agency", distinct=True)
    )
    label = _("aus dem Kooperationsnetz")
    result[Source.COOPERATION_PARTNERS] = Prefill(label, Decimal(cooperation["partners"]))
    result[Source.COOPERATION_AGENCIES] = Prefill(label, Decimal(cooperation["agencies"]))
    return result
