"""Dashboard panel of the Online-Controlling: the agency's open reports, the coordination's reports to review."""

from agencies.access import scope_for
from core.panels import Panel
from core.workflow import State
from reporting.controlling_selectors import reports_visible_to
from reporting.models import ControllingReport


def controlling_panel(request) -> Panel | None:
    scope = scope_for(request.user)
    if scope.agency_ids:
        # one's own agencies' reports are always visible (`reports_visible_to`): its filter would only repeat this one
        rows = ControllingReport.objects.filter(agency_id__in=scope.agency_ids, state__in=[State.DRAFT, State.RETURNED])
        title = "agency"
    elif scope.district_ids:
        rows = reports_visible_to(request.user).filter(
            agency__provider__district_id__in=scope.district_ids, state__in=[State.SUBMITTED, State.APPROVED]
        )
        title = "district"
    else:
        return None
    return Panel(
        "reporting/panels/controlling.html",
        {
            # the list shows agency, year and state only: no need for the selector's wider joins and columns
            "reports": list(
                rows.select_related(None)
                .select_related("agency")
                .only("year", "state", "agency__name")
                .order_by("-year", "agency__name")[:10]
            ),
            "kind": title,
        },
        order=32,
    )
