"""The pages the benchmark measures, each with the user who opens it and the bare view that is our floor.

A bare view renders the same rows through a minimal template without middleware, permissions or layout: what a
page costs at least. Each app adds its pages here as they grow.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency, DistrictAssociation, Membership, Role
from agencies.selectors import with_figures

ROWS = Template(
    "<table>{% for row in rows %}<tr><td>{{ row.name }}</td><td>{{ row.provider.name }}</td>"
    "<td>{{ row.municipality.name }}</td><td>{{ row.staffed_fte }}</td><td>{{ row.head_count }}</td></tr>"
    "{% endfor %}</table>"
)


@dataclass(frozen=True)
class Page:
    name: str
    role: str  # which kind of user opens it
    url: Callable[[dict], str]
    bare: Callable[[dict], str] | None = None


def context() -> dict:
    """Picks the objects the pages are opened for: the largest district and one of its agencies."""
    district = (
        DistrictAssociation.objects.filter(name__startswith="Skala-").order_by("pk").first()
        or DistrictAssociation.objects.order_by("pk").first()
    )
    agency = Agency.objects.filter(provider__district=district).order_by("pk").first()
    users = {
        "coordinator": Membership.objects.filter(role=Role.COORDINATOR, district=district).first().user,
        "specialist": Membership.objects.filter(role=Role.SPECIALIST, agency=agency).first().user,
        "provider_manager": Membership.objects.filter(role=Role.PROVIDER_MANAGER, provider=agency.provider)
        .first()
        .user,
        "state_level": Membership.objects.filter(role=Role.STATE_LEVEL).first().user,
    }
    return {"district": district, "agency": agency, "users": users}


def _rows(queryset: QuerySet) -> str:
    return ROWS.render(Context({"rows": list(queryset)}))


def bare_agency_list(ctx) -> str:
    day = timezone.localdate()
    queryset = with_figures(
        Agency.objects.filter(provider__district=ctx["district"]).select_related("provider", "municipality"), day
    ).order_by("name")[:25]
    return _rows(queryset)


def bare_agency_detail(ctx) -> str:
    day = timezone.localdate()
    return _rows(
        with_figures(Agency.objects.filter(pk=ctx["agency"].pk).select_related("provider", "municipality"), day)
    )


def bare_district_overview(ctx) -> str:
    day = timezone.localdate()
    return _rows(
        with_figures(
            Agency.objects.filter(provider__district=ctx["district"]).select_related("provider", "municipality"), day
        ).order_by("provider__name", "name")
    )


PAGES: list[Page] = [
    Page("Agenturliste (Koordination)", "coordinator", lambda c: reverse("agencies:list"), bare_agency_list),
    Page(
        "Agentur-Detail",
        "specialist",
        lambda c: reverse("agencies:detail", args=[c["agency"].pk]),
        bare_agency_detail,
    ),
    Page(
        "Personalübersicht Bezirk",
        "coordinator",
        lambda c: reverse("agencies:district", args=[c["district"].pk]),
        bare_district_overview,
    ),
    Page("Dashboard Fachkraft", "specialist", lambda c: reverse("reporting:dashboard"), bare_agency_detail),
    Page("Dashboard Träger", "provider_manager", lambda c: reverse("reporting:dashboard"), bare_agency_list),
    Page("Dashboard Koordination", "coordinator", lambda c: reverse("reporting:dashboard"), bare_agency_list),
    Page("Dashboard Landesebene", "state_level", lambda c: reverse("reporting:dashboard"), None),
    Page("Netzwerk in Zahlen", "state_level", lambda c: reverse("agencies:network"), None),
]
