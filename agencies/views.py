from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from agencies.filters import AgencyFilter
from agencies.models import (
    Agency,
    DistrictAssociation,
    Site,
    WelfareAssociation,
)
from agencies.selectors import (
    agencies_visible_to,
    fields_of_action_by_agency,
    figures_by,
    figures_for,
    partners_of,
    staffed_by_agency,
    staffing_in,
    staffing_of,
    totals_of,
    with_funded_fte,
)
from core.forms import GermanDateField
from core.pagination import page_of

LIST_COLUMNS = (
    "name",
    "closed_on",
    "primary_field_id",
    "provider__name",
    "provider__district__name",
    "municipality__name",
)


def _as_of(request):
    """The day the figures refer to: ?stichtag=30.04.2027 (or any of DATE_INPUT_FORMATS, ISO too), else today."""
    try:
        day = GermanDateField(required=False).clean(request.GET.get("stichtag", ""))
    except ValidationError:
        day = None
    return day or timezone.localdate()


@login_required
def agency_list(request):
    if not request.user.has_perm("agencies.list_agencies"):
        raise PermissionDenied
    day = _as_of(request)
    # A row shows the agency's name, place, provider, district and fields of action: only those are read.
    # The staffed fte and heads of the page's agencies are counted in one grouped query after paging
    # (`staffed_by_agency`): cheaper than two correlated subqueries compiled into the page's query.
    base = (
        with_funded_fte(agencies_visible_to(request.user), day)
        .select_related(None)
        .select_related("provider__district", "municipality")
        .only(*LIST_COLUMNS)
    )
    agency_filter = AgencyFilter(request.GET or None, queryset=base, user=request.user)
    queryset = agency_filter.qs.order_by("name", "pk")
    page = page_of(queryset, request.GET.get("seite"), settings.AGENTURNETZ_PAGE_SIZE)
    shown = [agency.pk for agency in page]
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "agencies/agency_list.html",
        {
            "filter": agency_filter,
            "page": page,
            "fields_of_action": fields_of_action_by_agency(shown),
            "staffed": staffed_by_agency(shown, day=day),
            "day": day,
            "querystring": query.urlencode(),
        },
    )


@login_required
def agency_detail(request, pk: int):
    day = _as_of(request)
    # The page names the primary field by id only, and counts its figures from the positions and assignments it
    # lists: neither the field's row nor `with_figures`' subqueries are read. Its fields of action and social
    # spaces are read by the template through the related managers: one plain query each, half what a prefetch
    # for a single agency costs.
    agency = get_object_or_404(
        agencies_visible_to(request.user)
        .select_related(None)
        .select_related("provider__district__welfare_association", "municipality"),
        pk=pk,
    )
    if not request.user.has_perm("agencies.view_agency", agency):
        raise Http404
    partners, municipal_partners = partners_of(agency)
    staffing = staffing_of(agency, day)
    return render(
        request,
        "agencies/agency_detail.html",
        {
            "agency": agency,
            "day": day,
            "figures": staffing.figures,
            "positions": staffing.positions,
            "assignments": staffing.assignments,
            "sites": Site.objects.filter(agency=agency).order_by("kind", "city"),
            "partners": partners,
            "municipal_partners": municipal_partners,
            "can_manage": request.user.has_perm("agencies.manage_agency", agency),
        },
    )


@login_required
def district_overview(request, pk: int):
    district = get_object_or_404(DistrictAssociation.objects.select_related("welfare_association"), pk=pk)
    if not request.user.has_perm("agencies.view_district", district):
        raise Http404
    day = _as_of(request)
    in_district = Agency.objects.filter(provider__district=district).active_on(day)
    staffing = staffing_in(
        in_district.select_related("provider", "municipality", "primary_field").order_by(
            "provider__name", "provider_id", "name"
        ),
        day=day,
    )
    agencies = staffing.agencies
    # A provider is shown with its agencies, so the agencies' join gives the providers (in their order).
    providers = {agency.provider_id: agency.provider for agency in agencies}
    groups = []
    for provider_id, provider in providers.items():
        members = [a for a in agencies if a.provider_id == provider_id]
        totals = totals_of(members, head_count=staffing.heads_by_provider.get(provider_id, 0))
        groups.append({"provider": provider, "agencies": members, "totals": totals})
    district_heads = staffing.head_count
    return render(
        request,
        "agencies/district_overview.html",
        {
            "district": district,
            "day": day,
            "groups": groups,
            "totals": totals_of(agencies, head_count=district_heads),
        },
    )


@login_required
def network_figures(request):
    """Aggregates per welfare association and district association — no single agency is shown."""
    if not request.user.has_perm("agencies.view_network_figures"):
        raise PermissionDenied
    day = _as_of(request)
    by_association = figures_by("provider__district__welfare_association", day=day)
    by_district = figures_by("provider__district", day=day)
    associations = []
    districts = DistrictAssociation.objects.select_related("welfare_association").order_by("name")
    for association in WelfareAssociation.objects.order_by("short_name"):
        associations.append(
            {
                "association": association,
                "figures": by_association.get(association.pk),
                "districts": [
                    {"district": d, "figures": by_district.get(d.pk)}
                    for d in districts
                    if d.welfare_association_id == association.pk
                ],
            }
        )
    return render(
        request,
        "agencies/network_figures.html",
        {"day": day, "associations": associations, "totals": figures_for(day=day)},
    )
