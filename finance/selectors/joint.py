"""The joint application's figures: per provider, agency, year and cost type, computed in two queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from agencies.models import Agency
from core.workflow import State
from finance.models import CostPlan, GrantedAmount, JointApplication
from finance.money import ZERO

COLUMNS = (
    "personnel_total",
    "material_total",
    "measures_total",
    "total_costs",
    "grant_requested",
    "own_contribution",
    "third_party_funds",
)
INCLUDED_STATES = (State.APPROVED, State.FORWARDED)


def _zero_row() -> dict[str, Decimal]:
    return dict.fromkeys(COLUMNS, ZERO)


def _add(target: dict, plan: CostPlan) -> None:
    for column in COLUMNS:
        target[column] += getattr(plan, column)


@dataclass
class AgencyRow:
    agency: Agency
    years: dict[int, CostPlan | None]
    totals: dict[str, Decimal] = field(default_factory=_zero_row)


@dataclass
class ProviderGroup:
    provider: object
    agencies: list[AgencyRow] = field(default_factory=list)
    totals: dict[str, Decimal] = field(default_factory=_zero_row)


@dataclass
class ApplicationTotals:
    years: list[int]
    groups: list[ProviderGroup]
    per_year: dict[int, dict[str, Decimal]]
    grand: dict[str, Decimal]
    missing: list[tuple[Agency, int, str]]  # agency, year, state of its plan ("" = none)

    @property
    def plans(self) -> list[CostPlan]:
        return [plan for group in self.groups for row in group.agencies for plan in row.years.values() if plan]

    def as_json(self) -> dict:
        def money(row):
            return {key: str(value) for key, value in row.items()}

        return {
            "years": self.years,
            "providers": [
                {
                    "provider": group.provider.name,
                    "totals": money(group.totals),
                    "agencies": [
                        {
                            "agency": row.agency.name,
                            "totals": money(row.totals),
                            "years": {
                                str(year): money({c: getattr(plan, c) for c in COLUMNS}) if plan else None
                                for year, plan in row.years.items()
                            },
                        }
                        for row in group.agencies
                    ],
                }
                for group in self.groups
            ],
            "per_year": {str(year): money(row) for year, row in self.per_year.items()},
            "grand": money(self.grand),
        }


def application_totals(application: JointApplication) -> ApplicationTotals:
    phase = application.phase
    years = phase.years
    agencies = list(
        Agency.objects.filter(provider__district_id=application.district_id)
        .active_on(phase.starts_on)
        .select_related("provider")
        .order_by("provider__name", "name")
    )
    plans = CostPlan.objects.filter(
        agency__provider__district_id=application.district_id, funding_year__phase_id=phase.pk
    ).select_related("funding_year")
    by_key = {(plan.agency_id, plan.funding_year.year): plan for plan in plans}
    per_year = {year: _zero_row() for year in years}
    grand = _zero_row()
    groups: dict[int, ProviderGroup] = {}
    missing = []
    for agency in agencies:
        row = AgencyRow(agency=agency, years={})
        for year in years:
            plan = by_key.get((agency.pk, year))
            if plan is None or plan.state not in INCLUDED_STATES:
                missing.append((agency, year, plan.get_state_display() if plan else ""))
                row.years[year] = None
                continue
            row.years[year] = plan
            _add(row.totals, plan)
            _add(per_year[year], plan)
            _add(grand, plan)
        group = groups.setdefault(agency.provider_id, ProviderGroup(provider=agency.provider))
        group.agencies.append(row)
        for column in COLUMNS:
            group.totals[column] += row.totals[column]
    return ApplicationTotals(years=years, groups=list(groups.values()), per_year=per_year, grand=grand, missing=missing)


@dataclass(frozen=True)
class GrantComparison:
    agency: Agency
    year: int
    requested: Decimal
    granted: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        return None if self.granted is None else self.granted - self.requested


def grant_comparison(application: JointApplication, totals: ApplicationTotals | None = None) -> list[GrantComparison]:
    totals = totals or application_totals(application)
    granted: dict[tuple[int, int], Decimal] = defaultdict(lambda: None)
    decision = getattr(application, "grant_decision", None) if application.pk else None
    if decision is not None:
        for amount in GrantedAmount.objects.filter(decision=decision).select_related("funding_year"):
            granted[(amount.agency_id, amount.funding_year.year)] = amount.amount
    rows = []
    for group in totals.groups:
        for row in group.agencies:
            for year, plan in row.years.items():
                rows.append(
                    GrantComparison(
                        agency=row.agency,
                        year=year,
                        requested=plan.grant_requested if plan else ZERO,
                        granted=granted[(row.agency.pk, year)],
                    )
                )
    return rows
