"""Read queries of the money domain. Every list and detail view starts from one of the `*_visible_to` querysets."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from agencies.access import scope_for
from core.workflow import State
from finance.models import CostPlan, JointApplication, PartialStatement, SpendingForecast, UseOfFundsStatement


def cost_plans_visible_to(user) -> QuerySet[CostPlan]:
    scope = scope_for(user)
    q = scope.agency_q("agency__")
    if scope.funding_authority_ids:
        forwarded_application = JointApplication.objects.filter(
            district_id=OuterRef("agency__provider__district_id"),
            phase_id=OuterRef("funding_year__phase_id"),
            state=State.FORWARDED,
            funding_authority_id__in=scope.funding_authority_ids,
        )
        q |= Q(state=State.FORWARDED) & Q(Exists(forwarded_application))
    return CostPlan.objects.filter(q).select_related("agency__provider__district", "funding_year__phase")


def forecasts_visible_to(user) -> QuerySet[SpendingForecast]:
    return SpendingForecast.objects.filter(scope_for(user).agency_q("agency__")).select_related(
        "agency__provider__district", "funding_year__phase"
    )


def partial_statements_visible_to(user) -> QuerySet[PartialStatement]:
    scope = scope_for(user)
    qs = PartialStatement.objects.select_related("provider__district", "funding_year__phase")
    if scope.is_administrator:
        return qs
    return qs.filter(Q(provider_id__in=scope.provider_ids) | Q(provider__district_id__in=scope.district_ids))


def _district_documents(model, user) -> QuerySet:
    scope = scope_for(user)
    qs = model.objects.select_related("district", "phase", "funding_authority")
    if scope.is_administrator:
        return qs
    return qs.filter(
        Q(district_id__in=scope.district_ids)
        | Q(state=State.FORWARDED, funding_authority_id__in=scope.funding_authority_ids)
    )


def joint_applications_visible_to(user) -> QuerySet[JointApplication]:
    return _district_documents(JointApplication, user)


def statements_visible_to(user) -> QuerySet[UseOfFundsStatement]:
    return _district_documents(UseOfFundsStatement, user)
