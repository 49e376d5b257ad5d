"""The factual part of the proof of use: the Sachbericht (ActivityReport) of each agency and year.

`finance` sits above `planning` (reporting → finance → planning → funding → agencies → core): a proof of use
includes the year's Sachbericht, while planning never needs money. This module is the one place finance reads
planning documents.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from planning.models import ActivityReport


@dataclass(frozen=True)
class FactualReport:
    label: str
    url: str
    state_label: str


def factual_reports_for(*, agency_ids: Iterable[int], years: Iterable[int]) -> dict[tuple[int, int], FactualReport]:
    """(agency id, year) → the agency's Sachbericht of that year, for the agencies and years asked for (one query)."""
    reports = ActivityReport.objects.filter(agency_id__in=list(agency_ids), year__in=list(years)).select_related(
        "agency"
    )
    return {
        (report.agency_id, report.year): FactualReport(
            label=str(report), url=report.get_absolute_url(), state_label=report.get_state_display()
        )
        for report in reports
    }
