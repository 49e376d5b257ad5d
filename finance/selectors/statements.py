"""Figures of the proof of use: plan vs actual per cost type, for one provider or a whole district."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from core.workflow import State
from finance.models import CostPlan, CostType, FundingRate, PartialStatement, Receipt, UseOfFundsStatement
from finance.money import ZERO, percent_of

PLAN_COLUMN = {
    CostType.PERSONNEL: "personnel_total",
    CostType.MATERIAL: "material_total",
    CostType.MEASURES: "measures_total",
}
INCLUDED = (State.APPROVED, State.FORWARDED)


@dataclass(frozen=True)
class CostTypeRow:
    cost_type: str
    planned: Decimal
    actual: Decimal
    threshold: Decimal
    justification: str = ""

    @property
    def label(self) -> str:
        return CostType(self.cost_type).label

    @property
    def deviation(self) -> Decimal:
        return self.actual - self.planned

    @property
    def deviation_percent(self) -> Decimal | None:
        return percent_of(self.deviation, self.planned)

    @property
    def needs_justification(self) -> bool:
        if self.planned == 0:
            return self.actual > 0
        return abs(self.deviation) * 100 > self.planned * self.threshold

    @property
    def is_missing_justification(self) -> bool:
        return self.needs_justification and not self.justification.strip()


@dataclass
class StatementFigures:
    rows: list[CostTypeRow]
    planned_grant: Decimal
    planned_own: Decimal
    planned_third: Decimal

    @property
    def planned_total(self) -> Decimal:
        return sum((row.planned for row in self.rows), ZERO)

    @property
    def actual_total(self) -> Decimal:
        return sum((row.actual for row in self.rows), ZERO)


def rate_for_phase(phase_id: int) -> FundingRate | None:
    return FundingRate.objects.filter(phase_id=phase_id).first()


def partial_statement_figures(statement: PartialStatement) -> StatementFigures:
    rate = rate_for_phase(statement.funding_year.phase_id)
    threshold = rate.deviation_threshold if rate else Decimal("20.00")
    plans = CostPlan.objects.filter(
        agency__provider_id=statement.provider_id, funding_year_id=statement.funding_year_id, state__in=INCLUDED
    ).aggregate(
        personnel=Sum("personnel_total"),
        material=Sum("material_total"),
        measures=Sum("measures_total"),
        grant=Sum("grant_requested"),
        granted=Sum("granted_amount"),
        own=Sum("own_contribution"),
        third=Sum("third_party_funds"),
    )
    actual = {
        item["cost_type"]: item["total"]
        for item in Receipt.objects.filter(statement=statement)
        .values("cost_type")
        .annotate(total=Sum("amount"))
        .order_by()
    }
    rows = [
        CostTypeRow(
            cost_type=cost_type,
            planned=plans[PLAN_COLUMN[cost_type].removesuffix("_total")] or ZERO,
            actual=actual.get(cost_type) or ZERO,
            threshold=threshold,
            justification=statement.justification_for(cost_type),
        )
        for cost_type in CostType.values
    ]
    return StatementFigures(
        rows=rows,
        planned_grant=plans["granted"] or plans["grant"] or ZERO,
        planned_own=plans["own"] or ZERO,
        planned_third=plans["third"] or ZERO,
    )


@dataclass
class DistrictStatementFigures:
    years: list[int]
    providers: list[tuple[object, dict[str, dict[str, Decimal]], PartialStatement | None]]
    totals: dict[str, dict[str, Decimal]]
    financing: dict[str, Decimal]
    missing: list[tuple[object, int]]

    @property
    def planned_total(self) -> Decimal:
        return sum((row["planned"] for row in self.totals.values()), ZERO)

    @property
    def actual_total(self) -> Decimal:
        return sum((row["actual"] for row in self.totals.values()), ZERO)

    @property
    def deviation_total(self) -> Decimal:
        return self.actual_total - self.planned_total

    def as_json(self) -> dict:
        return {
            "years": self.years,
            "providers": [
                {
                    "provider": provider.name,
                    "cost_types": {ct: {k: str(v) for k, v in row.items()} for ct, row in rows.items()},
                }
                for provider, rows, _statement in self.providers
            ],
            "totals": {ct: {k: str(v) for k, v in row.items()} for ct, row in self.totals.items()},
            "financing": {k: str(v) for k, v in self.financing.items()},
        }


def district_statement_figures(statement: UseOfFundsStatement) -> DistrictStatementFigures:
    """Aggregates the approved partial statements of the district's providers for the statement's years."""
    from agencies.models import Provider

    years = statement.years
    providers = list(
        Provider.objects.filter(district_id=statement.district_id, agencies__isnull=False).distinct().order_by("name")
    )
    partials = {
        (p.provider_id, p.funding_year.year): p
        for p in PartialStatement.objects.filter(
            provider__district_id=statement.district_id, funding_year__year__in=years
        ).select_related("funding_year")
    }
    planned = defaultdict(lambda: ZERO)
    for item in (
        CostPlan.objects.filter(
            agency__provider__district_id=statement.district_id, funding_year__year__in=years, state__in=INCLUDED
        )
        .values("agency__provider_id")
        .annotate(personnel=Sum("personnel_total"), material=Sum("material_total"), measures=Sum("measures_total"))
        .order_by()
    ):
        for cost_type in CostType.values:
            planned[(item["agency__provider_id"], cost_type)] = item[PLAN_COLUMN[cost_type].removesuffix("_total")]
    included_ids = [p.pk for p in partials.values() if p.state in INCLUDED]
    actual = defaultdict(lambda: ZERO)
    for item in (
        Receipt.objects.filter(statement_id__in=included_ids)
        .values("statement__provider_id", "cost_type")
        .annotate(total=Sum("amount"))
        .order_by()
    ):
        actual[(item["statement__provider_id"], item["cost_type"])] += item["total"]
    financing = {"grant": ZERO, "own_contribution": ZERO, "third_party": ZERO}
    for partial in partials.values():
        if partial.state in INCLUDED:
            financing["grant"] += partial.actual_grant
            financing["own_contribution"] += partial.actual_own_contribution
            financing["third_party"] += partial.actual_third_party
    totals = {ct: {"planned": ZERO, "actual": ZERO} for ct in CostType.values}
    rows, missing = [], []
    for provider in providers:
        per_type = {}
        for cost_type in CostType.values:
            entry = {"planned": planned[(provider.pk, cost_type)], "actual": actual[(provider.pk, cost_type)]}
            entry["deviation"] = entry["actual"] - entry["planned"]
            per_type[cost_type] = entry
            totals[cost_type]["planned"] += entry["planned"]
            totals[cost_type]["actual"] += entry["actual"]
        last = None
        for year in years:
            partial = partials.get((provider.pk, year))
            if partial is None or partial.state not in INCLUDED:
                missing.append((provider, year))
            last = partial or last
        rows.append((provider, per_type, last))
    return DistrictStatementFigures(years=years, providers=rows, totals=totals, financing=financing, missing=missing)
