"""The landing page arranges the panels that each app offers for the current user."""

from collections.abc import Callable

from django.http import HttpRequest

from agencies import panels as agency_panels
from core.panels import Panel
from meetings import panels as meeting_panels

PanelFactory = Callable[[HttpRequest], Panel | None]

PANELS: list[PanelFactory] = [
    agency_panels.my_agencies_panel,
    agency_panels.district_panel,
    agency_panels.network_panel,
    meeting_panels.owner_warnings_panel,
    meeting_panels.my_meetings_panel,
]


def panels_for(request: HttpRequest) -> list[Panel]:
    panels = [panel for factory in PANELS if (panel := factory(request)) is not None]
    return sorted(panels, key=lambda panel: panel.order)
