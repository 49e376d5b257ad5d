"""The landing page arranges the panels that each app offers for the current user."""

from collections.abc import Callable

from django.http import HttpRequest

from agencies import panels as agency_panels
from agencies.staff_changes import panels as staff_change_panels
from core.panels import Panel
from finance import panels as finance_panels
from funding import panels as funding_panels
from meetings import panels as meeting_panels
from planning import panels as planning_panels
from reporting import controlling_panels
from reporting import panels as reporting_panels

PanelFactory = Callable[[HttpRequest], Panel | None]

PANELS: list[PanelFactory] = [
    agency_panels.my_agencies_panel,
    agency_panels.district_panel,
    agency_panels.network_panel,
    funding_panels.agency_deadlines_panel,
    funding_panels.district_deadlines_panel,
    planning_panels.my_documents_panel,
    planning_panels.inbox_panel,
    finance_panels.provider_panel,
    finance_panels.coordinator_panel,
    staff_change_panels.provider_changes_panel,
    staff_change_panels.coordinator_changes_panel,
    staff_change_panels.authority_changes_panel,
    reporting_panels.surveys_panel,
    controlling_panels.controlling_panel,
    meeting_panels.owner_warnings_panel,
    meeting_panels.my_meetings_panel,
]


def panels_for(request: HttpRequest) -> list[Panel]:
    panels = [panel for factory in PANELS if (panel := factory(request)) is not None]
    return sorted(panels, key=lambda panel: panel.order)
