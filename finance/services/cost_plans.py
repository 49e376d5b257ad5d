"""Cost plans: create (prefilled from the registry), save, recompute after position changes, adjust to the grant."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency
from core.services import StaleEditError, save_with_version_check
from finance.calc import RegistryChange, figures, rate_for, registry_changes, registry_lines
from finance.checks import euro
from finance.models import CostLine, CostPlan, FundingRate, JointApplication, PersonnelCostLine
from finance.money import ZERO
from finance.services.audit import log
from funding.models import FundingYear


def _default_costs(rate: FundingRate | None, pay_group: str) -> Decimal:
    group = rate.ceilings().get(pay_group) if rate else None
    return group.annual_employer_costs if group else ZERO


def _totals(plan: CostPlan, personnel: list[PersonnelCostLine], cost_lines: list[CostLine], rate) -> dict:
    for line in personnel:
        line.amount = line.computed_amount()
    result = figures(material_mode=plan.material_mode, personnel=personnel, cost_lines=cost_lines, rate=rate)
    return {
        "personnel_total": result.personnel,
        "material_total": result.material,
        "measures_total": result.measures,
        "total_costs": result.costs,
        "planned_fte": result.planned_fte,
    }


def _replace_lines(plan: CostPlan, personnel: list[PersonnelCostLine], cost_lines: list[CostLine]) -> None:
    plan.personnel_lines.all().delete()
    plan.cost_lines.all().delete()
    for line in personnel:
        line.pk, line.cost_plan = None, plan
    for line in cost_lines:
        line.pk, line.cost_plan = None, plan
    PersonnelCostLine.objects.bulk_create(personnel)
    CostLine.objects.bulk_create(cost_lines)


@transaction.atomic
def create_cost_plan(*, agency: Agency, funding_year: FundingYear, by) -> CostPlan:
    """Creates the plan of `agency` for `funding_year`, prefilled from the registry's positions of that year with
    the usual employer costs of their pay groups; grant and own contribution start at the funded maximum, so a
    plan that only follows the registry passes the checks. Returns the existing plan if there is one."""
    plan, created = CostPlan.objects.get_or_create(
        agency=agency, funding_year=funding_year, defaults={"created_by": by}
    )
    if not created:
        return plan
    rate = rate_for(plan)
    personnel = [
        PersonnelCostLine(
            position=entry.position,
            title=entry.title,
            pay_group=entry.pay_group,
            fte=entry.fte,
            months=entry.months,
            annual_employer_costs=_default_costs(rate, entry.pay_group),
        )
        for entry in registry_lines(agency, funding_year.year)
    ]
    totals = _totals(plan, personnel, [], rate)
    result = figures(material_mode=plan.material_mode, personnel=personnel, cost_lines=[], rate=rate)
    grant = min(result.max_grant(rate), result.costs)
    CostPlan.objects.filter(pk=plan.pk).update(**totals, grant_requested=grant, own_contribution=result.costs - grant)
    _replace_lines(plan, personnel, [])
    plan.refresh_from_db()
    log(
        subject=plan,
        action="created",
        summary=_("Aus dem Stellenverzeichnis angelegt."),
        by=by,
        data={"total": str(plan.total_costs)},
    )
    return plan


def save_cost_plan(
    *,
    plan: CostPlan,
    expected_version: int,
    fields: dict,
    personnel: list[PersonnelCostLine],
    cost_lines: list[CostLine],
    by,
) -> CostPlan:
    """Saves the financing fields and replaces the lines; totals are recomputed with the rounding rule.
    Raises StaleEditError when someone else saved the plan since `expected_version`."""
    plan.material_mode = fields.get("material_mode", plan.material_mode)
    rate = rate_for(plan)
    totals = _totals(plan, personnel, cost_lines, rate)
    with transaction.atomic():
        save_with_version_check(document=plan, expected_version=expected_version, fields={**fields, **totals})
        _replace_lines(plan, personnel, cost_lines)
        log(
            subject=plan,
            action="saved",
            summary=_("Plan gespeichert."),
            by=by,
            data={"total": str(totals["total_costs"])},
        )
    return plan


@dataclass(frozen=True)
class RecomputeResult:
    before: Decimal
    after: Decimal
    changes: list[RegistryChange]

    @property
    def difference(self) -> Decimal:
        return self.after - self.before


def recompute_from_registry(*, plan: CostPlan, by) -> RecomputeResult:
    """Brings the personnel lines in line with the registry (positions added, removed, changed in fte, months or
    pay group), keeping each position's employer costs and all lines without a position. The financing fields
    stay as they were, so the checks show the new gap. Logs the totals before and after with the changes."""
    if not plan.is_editable:
        raise StaleEditError(_("Der Plan ist eingereicht und kann nicht neu berechnet werden."))
    rate = rate_for(plan)
    registry = registry_lines(plan.agency, plan.year)
    changes = registry_changes(plan, registry)
    existing = list(plan.personnel_lines.all())
    by_position = {line.position_id: line for line in existing if line.position_id}
    personnel = []
    for entry in registry:
        old = by_position.get(entry.position.pk)
        personnel.append(
            PersonnelCostLine(
                position=entry.position,
                title=entry.title,
                pay_group=entry.pay_group,
                fte=entry.fte,
                months=entry.months,
                annual_employer_costs=old.annual_employer_costs if old else _default_costs(rate, entry.pay_group),
            )
        )
    personnel += [line for line in existing if not line.position_id]
    cost_lines = list(plan.cost_lines.all())
    before = plan.total_costs
    totals = _totals(plan, personnel, cost_lines, rate)
    with transaction.atomic():
        changed = CostPlan.objects.filter(pk=plan.pk, version=plan.version).update(version=F("version") + 1, **totals)
        if changed != 1:
            raise StaleEditError(_("Das Dokument wurde inzwischen von jemand anderem gespeichert."))
        _replace_lines(plan, personnel, cost_lines)
        result = RecomputeResult(before=before, after=totals["total_costs"], changes=changes)
        log(
            subject=plan,
            action="recomputed",
            summary=_("Nach Änderungen im Stellenverzeichnis neu berechnet: %(before)s → %(after)s (%(diff)s).")
            % {"before": euro(before), "after": euro(result.after), "diff": euro(result.difference)},
            by=by,
            data={
                "before": str(before),
                "after": str(result.after),
                "difference": str(result.difference),
                "changes": [[c.kind, c.title, c.before, c.after] for c in changes],
            },
        )
    plan.refresh_from_db()
    return result


def adjust_cost_plans_to_grant(*, application: JointApplication, by) -> int:
    """Writes each granted amount into its cost plan; the provider's own contribution becomes what the grant and
    third-party funds leave uncovered. The submitted content of the plan stays as frozen. Returns the count."""
    decision = application.grant_decision
    adjusted = []
    with transaction.atomic():
        plans = {
            (plan.agency_id, plan.funding_year_id): plan
            for plan in CostPlan.objects.filter(
                agency__provider__district_id=application.district_id, funding_year__phase_id=application.phase_id
            ).select_for_update()
        }
        now = timezone.now()
        for amount in decision.amounts.all():
            plan = plans.get((amount.agency_id, amount.funding_year_id))
            if plan is None:
                continue
            own = plan.total_costs - amount.amount - plan.third_party_funds
            CostPlan.objects.filter(pk=plan.pk).update(
                granted_amount=amount.amount, adjusted_own_contribution=own, adjusted_at=now
            )
            adjusted.append([plan.pk, str(amount.amount), str(own)])
        log(
            subject=application,
            action="adjusted_to_grant",
            summary=_("%(count)s Kostenpläne an den Zuwendungsbescheid angepasst.") % {"count": len(adjusted)},
            by=by,
            data={"plans": adjusted},
        )
    return len(adjusted)
