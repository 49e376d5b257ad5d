"""Figures of a cost plan computed from its lines, the funding rate and the registry. Pure functions, no writes."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from agencies.models import Agency, Position
from finance.models import CostPlan, CostType, FundingRate, MaterialMode, PersonnelCostLine
from finance.money import ZERO, pro_rata, share, total


@dataclass(frozen=True)
class RegistryLine:
    """What the registry says about one position in a funding year."""

    position: Position
    title: str
    pay_group: str
    fte: Decimal
    months: int


@dataclass(frozen=True)
class PlanFigures:
    personnel: Decimal
    material: Decimal
    measures: Decimal
    eligible_personnel: Decimal
    planned_fte: Decimal
    line_ceilings: dict[int, Decimal] = field(default_factory=dict)  # index of the line → its ceiling

    @property
    def costs(self) -> Decimal:
        return self.personnel + self.material + self.measures

    @property
    def eligible(self) -> Decimal:
        return self.eligible_personnel + self.material + self.measures

    def max_grant(self, rate: FundingRate | None) -> Decimal:
        return share(self.eligible, rate.max_funded_share) if rate else ZERO


def months_active(position: Position, year: int) -> int:
    """Calendar months of `year` in which the position exists on at least one day."""
    count = 0
    for month in range(1, 13):
        first = date(year, month, 1)
        last = date(year + month // 12, month % 12 + 1, 1).toordinal() - 1
        if position.valid_from.toordinal() <= last and (position.valid_to is None or position.valid_to >= first):
            count += 1
    return count


def registry_lines(agency: Agency, year: int) -> list[RegistryLine]:
    start, end = date(year, 1, 1), date(year, 12, 31)
    positions = (
        Position.objects.filter(agency=agency, valid_from__lte=end)
        .exclude(valid_to__lt=start)
        .order_by("valid_from", "pk")
    )
    return [
        RegistryLine(position=p, title=p.title, pay_group=p.pay_group, fte=p.fte, months=months_active(p, year))
        for p in positions
    ]


def figures(
    *,
    material_mode: str,
    personnel: list[PersonnelCostLine],
    cost_lines: list,
    rate: FundingRate | None,
) -> PlanFigures:
    """Totals of a plan: every line rounded at the cent (money.pro_rata), then summed exactly."""
    ceilings = rate.ceilings() if rate else {}
    eligible, line_ceilings = [], {}
    for index, line in enumerate(personnel):
        amount = line.computed_amount()
        group = ceilings.get(line.pay_group)
        if group is None:
            eligible.append(amount)
            continue
        ceiling = pro_rata(group.annual_ceiling, fte=line.fte, months=line.months)
        line_ceilings[index] = ceiling
        eligible.append(min(amount, ceiling))
    if material_mode == MaterialMode.FLAT:
        flat = rate.material_flat_rate if rate else ZERO
        material = total(pro_rata(flat, fte=line.fte, months=line.months) for line in personnel)
    else:
        material = total(line.amount for line in cost_lines if line.cost_type == CostType.MATERIAL)
    return PlanFigures(
        personnel=total(line.computed_amount() for line in personnel),
        material=material,
        measures=total(line.amount for line in cost_lines if line.cost_type == CostType.MEASURES),
        eligible_personnel=total(eligible),
        planned_fte=sum((line.fte * line.months / 12 for line in personnel), Decimal("0")).quantize(Decimal("0.01")),
        line_ceilings=line_ceilings,
    )


def figures_of(plan: CostPlan, rate: FundingRate | None = None) -> PlanFigures:
    rate = rate if rate is not None else rate_for(plan)
    return figures(
        material_mode=plan.material_mode,
        personnel=list(plan.personnel_lines.all()),
        cost_lines=list(plan.cost_lines.all()),
        rate=rate,
    )


def rate_for(plan: CostPlan) -> FundingRate | None:
    return FundingRate.objects.filter(phase_id=plan.funding_year.phase_id).prefetch_related("pay_groups").first()


@dataclass(frozen=True)
class RegistryChange:
    kind: str  # "added" | "removed" | "changed"
    title: str
    before: str
    after: str


def registry_changes(plan: CostPlan, registry: list[RegistryLine] | None = None) -> list[RegistryChange]:
    """Differences between the plan's personnel lines and the registry's positions for the plan's year."""
    from django.utils.translation import gettext as _

    registry = registry if registry is not None else registry_lines(plan.agency, plan.year)
    by_position = {line.position_id: line for line in plan.personnel_lines.all() if line.position_id}
    changes = []
    for entry in registry:
        line = by_position.pop(entry.position.pk, None)
        now = _("%(fte)s VZÄ, %(months)s Monate, %(group)s") % {
            "fte": _decimal(entry.fte),
            "months": entry.months,
            "group": entry.pay_group or "–",
        }
        if line is None:
            changes.append(RegistryChange("added", entry.title, "–", now))
        elif (line.fte, line.months, line.pay_group) != (entry.fte, entry.months, entry.pay_group):
            before = _("%(fte)s VZÄ, %(months)s Monate, %(group)s") % {
                "fte": _decimal(line.fte),
                "months": line.months,
                "group": line.pay_group or "–",
            }
            changes.append(RegistryChange("changed", entry.title, before, now))
    for line in by_position.values():
        changes.append(RegistryChange("removed", line.title, f"{_decimal(line.fte)} VZÄ", "–"))
    return changes


def _decimal(value: Decimal) -> str:
    from core.numbers import grouped

    return grouped(value, 2)
