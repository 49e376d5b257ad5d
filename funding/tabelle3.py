"""Kompendium Tabelle 3 – the submission deadlines of the Integrationsagenturen NRW – as the starting rules of a
district association in a new phase (when it has no previous phase to copy from). Data, not code: every value
ends up in a DeadlineRule row that coordinators edit."""

from funding.models import Anchor, Debtor, DocumentKind, YearSelection

# kind, debtor, anchor, years, year offset, (district month, day), (authority month, day) or None
TABELLE_3 = [
    # The application for the next phase: agencies to the district by 30.10., the district's joint application to
    # the authority by 30.11. of the phase's last year.
    (DocumentKind.FUNDING_APPLICATION, Debtor.DISTRICT, Anchor.PHASE_END, YearSelection.ALL, 0, (10, 30), (11, 30)),
    (DocumentKind.CONTROLLING_REPORT, Debtor.AGENCY, Anchor.YEAR, YearSelection.ALL, 1, (4, 30), (6, 30)),
    (DocumentKind.ACTIVITY_REPORT, Debtor.AGENCY, Anchor.YEAR, YearSelection.ALL, 1, (4, 30), (6, 30)),
    (DocumentKind.INTERIM_STATEMENT, Debtor.DISTRICT, Anchor.YEAR, YearSelection.ALL_BUT_LAST, 1, (4, 30), (6, 30)),
    # The analysis is written for the phase: due on 15.11. before its first year.
    (DocumentKind.SOCIAL_SPACE_ANALYSIS, Debtor.AGENCY, Anchor.PHASE_START, YearSelection.ALL, -1, (11, 15), (11, 15)),
    # The task plan of a year is due on 15.11. of the year before.
    (DocumentKind.TASK_PLAN, Debtor.AGENCY, Anchor.YEAR, YearSelection.ALL, -1, (11, 15), (11, 15)),
    (DocumentKind.FINAL_STATEMENT, Debtor.DISTRICT, Anchor.YEAR, YearSelection.LAST, 1, (4, 30), (6, 30)),
    (DocumentKind.SPENDING_FORECAST, Debtor.AGENCY, Anchor.YEAR, YearSelection.ALL, 0, (9, 30), None),
]


def default_rule_values() -> list[dict]:
    rows = []
    for kind, debtor, anchor, years, offset, (d_month, d_day), authority in TABELLE_3:
        rows.append(
            {
                "document_kind": kind,
                "debtor": debtor,
                "anchor": anchor,
                "years": years,
                "year_offset": offset,
                "district_month": d_month,
                "district_day": d_day,
                "authority_month": authority[0] if authority else None,
                "authority_day": authority[1] if authority else None,
            }
        )
    return rows


RULE_FIELDS = (
    "document_kind",
    "debtor",
    "anchor",
    "years",
    "year_offset",
    "district_month",
    "district_day",
    "authority_month",
    "authority_day",
    "is_active",
)
