"""Read queries of the surveys. Every list and detail starts from one of these."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery

from agencies.access import scope_for
from agencies.models import Agency
from reporting.models import Response, ResponseState, Survey, SurveyState, SurveyTarget
from reporting.rules import owns


def owned_q(scope) -> Q:
    if scope.is_administrator:
        return Q()
    q = Q(pk__in=[])
    if scope.is_state_level:
        q |= Q(owner_district__isnull=True)
    if scope.district_ids:
        q |= Q(owner_district_id__in=scope.district_ids)
    return q


def own_agencies_q(scope, prefix: str = "") -> Q:
    """The agencies whose single answers a user may see as one of their own people."""
    q = Q(pk__in=[])
    if scope.agency_ids:
        q |= Q(**{f"{prefix}agency_id__in": scope.agency_ids})
    if scope.provider_ids:
        q |= Q(**{f"{prefix}agency__provider_id__in": scope.provider_ids})
    return q


def surveys_visible_to(user) -> QuerySet[Survey]:
    """Owners see theirs in every state; the state level and coordinations see launched surveys (aggregates);
    agencies see launched surveys they were asked."""
    scope = scope_for(user)
    q = owned_q(scope)
    launched = ~Q(state=SurveyState.DRAFT)
    if scope.is_state_level or scope.district_ids:
        q |= launched
    if scope.agency_ids or scope.provider_ids:
        asked = SurveyTarget.objects.filter(own_agencies_q(scope), survey=OuterRef("pk"))
        q |= launched & Q(Exists(asked))
    return Survey.objects.filter(q).select_related("owner_district", "audience_district", "audience_association")


def with_response_counts(queryset: QuerySet[Survey]) -> QuerySet[Survey]:
    submitted = Response.objects.filter(survey=OuterRef("pk"), state=ResponseState.SUBMITTED)

    def count(qs):
        return Subquery(qs.order_by().values("survey").annotate(n=Count("pk")).values("n"), output_field=IntegerField())

    return queryset.annotate(
        target_count=count(SurveyTarget.objects.filter(survey=OuterRef("pk"))),
        submitted_count=count(submitted),
    )


def responses_visible_to(user, survey: Survey) -> QuerySet[Response]:
    scope = scope_for(user)
    qs = Response.objects.filter(survey=survey).select_related("agency__provider__district", "survey")
    if owns(scope, survey):
        return qs
    return qs.filter(own_agencies_q(scope))


def answering_agencies(user, survey: Survey) -> QuerySet[Agency]:
    """The user's agencies (as specialist) that were asked in this survey."""
    scope = scope_for(user)
    return Agency.objects.filter(pk__in=scope.agency_ids, survey_targets__survey=survey).order_by("name")
