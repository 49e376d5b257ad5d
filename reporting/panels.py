"""Dashboard panels of the surveys: what an agency still has to answer, how running surveys are doing."""

from django.db.models import Exists, OuterRef, Subquery

from agencies.access import scope_for
from core.panels import Panel
from reporting.models import Response, Survey, SurveyState, SurveyTarget
from reporting.selectors import owned_q, surveys_visible_to, with_response_counts

LIST_FIELDS = ("title", "edition", "closes_on")  # what a panel's line shows besides the link


def surveys_panel(request) -> Panel | None:
    scope = scope_for(request.user)
    if scope.agency_ids:
        own = Response.objects.filter(survey=OuterRef("pk"), agency_id__in=scope.agency_ids).order_by("-state")
        asked = SurveyTarget.objects.filter(survey=OuterRef("pk"), agency_id__in=scope.agency_ids)
        # asked as an EXISTS rather than a join, so no DISTINCT over the surveys' rows; the list shows title,
        # edition and deadline only. Open surveys asked of one's own agencies are always visible
        # (`surveys_visible_to`), so its filter – the same EXISTS once more – would only cost compiling.
        surveys = (
            Survey.objects.filter(Exists(asked), state=SurveyState.OPEN)
            .only(*LIST_FIELDS)
            .annotate(own_state=Subquery(own.values("state")[:1]))
            .order_by("closes_on", "pk")[:10]
        )
        return Panel("reporting/panels/to_answer.html", {"surveys": list(surveys)}, order=30)
    if scope.is_state_level or scope.district_ids or scope.is_administrator:
        surveys = with_response_counts(
            surveys_visible_to(request.user)
            .filter(owned_q(scope), state=SurveyState.OPEN)
            .select_related(None)
            .only(*LIST_FIELDS)
        ).order_by("closes_on")[:10]
        return Panel("reporting/panels/running.html", {"surveys": list(surveys)}, order=30)
    return None
