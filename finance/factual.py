"""The factual part of the proof of use: the Sachbericht (ActivityReport) of each agency and year.

The Sachbericht belongs to `planning`, which finance may not import (the two are built side by side). This module is
the single seam between them: after the merge, `factual_reports_for` is wired to planning's selector (one query for
all agencies and years). Until then no Sachbericht is found, and the statement pages say so for every agency.
"""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class FactualReport:
    label: str
    url: str
    state_label: str


def factual_reports_for(*, agency_ids: Iterable[int], years: Iterable[int]) -> dict[tuple[int, int], FactualReport]:
    """(agency id, year) → the agency's Sachbericht of that year, for the agencies and years asked for."""
    return {}
