"""Read queries of the Online-Controlling. Every list and detail of reports starts from `reports_visible_to`."""

from django.db.models import Q, QuerySet

from agencies.access import scope_for
from core.workflow import State
from reporting.models import ControllingReport, ControllingTemplate


def reports_visible_to(user) -> QuerySet[ControllingReport]:
    """Own agency, provider, district; the funding authority what was forwarded; never the state level."""
    scope = scope_for(user)
    q = scope.agency_q("agency__")
    if scope.is_funding_authority:
        q |= Q(state=State.FORWARDED)
    return ControllingReport.objects.filter(q).select_related(
        "agency__provider__district__welfare_association", "agency__municipality", "template__phase"
    )


def templates_visible_to(user) -> QuerySet[ControllingTemplate]:
    """Everyone with a role reads the published templates; drafts only those who edit them."""
    qs = ControllingTemplate.objects.select_related("phase")
    if user.has_perm("reporting.manage_controlling_templates"):
        return qs
    if not user.has_perm("reporting.view_controlling_templates"):
        return qs.none()
    return qs.filter(published_at__isnull=False)
