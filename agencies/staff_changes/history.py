"""fte and head count over time for the agencies of a district, from the validity dates of the registry.

Two queries load every position and assignment of the district; the figures for each day are computed in Python,
so the page costs the same number of queries however many days or agencies it shows."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from agencies.models import Assignment, DistrictAssociation, Position


def _runs(valid_from: date, valid_to: date | None, day: date) -> bool:
    return valid_from <= day and (valid_to is None or valid_to >= day)


@dataclass
class Series:
    label: str
    funded: list[Decimal] = field(default_factory=list)
    staffed: list[Decimal] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)


def history(district: DistrictAssociation, days: list[date]) -> dict[str, list[Series]]:
    """{"providers": [...], "agencies": [...]}: one Series per provider and agency with a value per day."""
    positions = list(
        Position.objects.filter(agency__provider__district=district).values(
            "pk",
            "fte",
            "valid_from",
            "valid_to",
            "agency_id",
            "agency__name",
            "agency__provider_id",
            "agency__provider__name",
        )
    )
    assignments = list(
        Assignment.objects.filter(position__agency__provider__district=district).values(
            "fte",
            "valid_from",
            "valid_to",
            "staff_member_id",
            "staff_member__employed_from",
            "staff_member__employed_to",
            "position__valid_from",
            "position__valid_to",
            "position__agency_id",
            "position__agency__provider_id",
        )
    )
    labels = {}
    for p in positions:
        labels[("agency", p["agency_id"])] = p["agency__name"]
        labels[("provider", p["agency__provider_id"])] = p["agency__provider__name"]
    series = {key: Series(label=label) for key, label in labels.items()}
    for day in days:
        funded: dict = defaultdict(Decimal)
        staffed: dict = defaultdict(Decimal)
        heads: dict = defaultdict(set)
        for p in positions:
            if _runs(p["valid_from"], p["valid_to"], day):
                funded[("agency", p["agency_id"])] += p["fte"]
                funded[("provider", p["agency__provider_id"])] += p["fte"]
        for a in assignments:
            if (
                _runs(a["valid_from"], a["valid_to"], day)
                and _runs(a["position__valid_from"], a["position__valid_to"], day)
                and _runs(a["staff_member__employed_from"], a["staff_member__employed_to"], day)
            ):
                for key in (("agency", a["position__agency_id"]), ("provider", a["position__agency__provider_id"])):
                    staffed[key] += a["fte"]
                    heads[key].add(a["staff_member_id"])
        for key, item in series.items():
            item.funded.append(funded.get(key, Decimal("0")))
            item.staffed.append(staffed.get(key, Decimal("0")))
            item.heads.append(len(heads.get(key, ())))
    by_label = sorted(series.items(), key=lambda entry: entry[1].label)
    return {
        "providers": [item for (kind, _pk), item in by_label if kind == "provider"],
        "agencies": [item for (kind, _pk), item in by_label if kind == "agency"],
    }
