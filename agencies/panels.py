"""Dashboard panels of the registry, one per kind of viewer."""

from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from agencies.access import scope_for
from agencies.models import Agency, Provider
from agencies.selectors import (
    ZERO_FTE,
    coordinated_districts,
    fields_of_action_by_agency,
    figures_by,
    figures_for,
    staffed_by_agency,
)
from core.panels import Panel


def my_agencies_panel(request) -> Panel | None:
    """Specialists and provider managers: their agencies with today's figures."""
    scope = scope_for(request.user)
    if not (scope.agency_ids or scope.provider_ids):
        return None
    day = timezone.localdate()
    # the table shows name, municipality, provider, fields of action, staffed fte and heads: no district, no funded
    # fte, no other columns
    agencies = list(
        Agency.objects.filter(Q(pk__in=scope.agency_ids) | Q(provider_id__in=scope.provider_ids))
        .select_related("provider", "municipality")
        .only("name", "provider__name", "municipality__name", "primary_field_id")
        .order_by("name")[:50]
    )
    # the figures in one grouped query rather than with_figures' subqueries: one statement more, but plain ones,
    # cheaper to build, compile and plan (about 1 ms less per page); the fields of action as plain rows, not a prefetch
    ids = [agency.pk for agency in agencies]
    staffed = staffed_by_agency(ids, day=day)
    fields = fields_of_action_by_agency(ids)
    for agency in agencies:
        agency.staffed_fte, agency.head_count = staffed.get(agency.pk, (ZERO_FTE.value, 0))
        agency.shown_fields = fields.get(agency.pk, [])
    # a specialist has no provider: no queryset to build and compile only to find out it is empty
    providers = list(Provider.objects.filter(pk__in=scope.provider_ids).order_by("name")) if scope.provider_ids else []
    return Panel(
        "agencies/panels/my_agencies.html",
        {"agencies": agencies, "providers": providers, "day": day},
        order=10,
        wide=True,
    )


def district_panel(request) -> Panel | None:
    """Coordinators: their district association's totals and agencies."""
    scope = scope_for(request.user)
    if not scope.district_ids:
        return None
    day = timezone.localdate()
    figures = figures_by(
        "provider__district", day=day, agencies=Agency.objects.filter(provider__district_id__in=scope.district_ids)
    )
    empty = {"agencies": 0, "funded_fte": Decimal("0"), "staffed_fte": Decimal("0"), "head_count": 0}
    districts = [
        {"district": district, "figures": figures.get(district.pk, empty)}
        for district in coordinated_districts(request.user)
    ]
    return Panel("agencies/panels/district.html", {"districts": districts, "day": day}, order=10, wide=True)


def network_panel(request) -> Panel | None:
    """State level: the network in figures, aggregated only."""
    scope = scope_for(request.user)
    if not (scope.is_state_level or scope.is_administrator):
        return None
    day = timezone.localdate()
    return Panel("agencies/panels/network.html", {"totals": figures_for(day=day), "day": day}, order=20)
