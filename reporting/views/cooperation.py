"""An agency's cooperation records, taking over survey answers, and the network page per municipality/district."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.access import scope_for
from agencies.models import Agency, DistrictAssociation, Municipality
from reporting.forms import CooperationForm
from reporting.models import Cooperation
from reporting.services import cooperation as cooperation_service
from reporting.services import network as network_service
from reporting.views.common import owned_survey


def _own_agency(request) -> Agency:
    scope = scope_for(request.user)
    agencies = Agency.objects.filter(pk__in=scope.agency_ids).order_by("name")
    chosen = request.GET.get("agentur") or request.POST.get("agentur")
    agency = agencies.filter(pk=chosen).first() if chosen and chosen.isdigit() else agencies.first()
    if agency is None or not request.user.has_perm("reporting.edit_cooperations", agency):
        raise PermissionDenied
    return agency


@login_required
def cooperation_list(request, pk: int | None = None):
    agency = _own_agency(request)
    instance = get_object_or_404(Cooperation, agency=agency, pk=pk) if pk else None
    form = CooperationForm(request.POST or None, instance=instance, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            cooperation_service.save_cooperation(cooperation=form.save(commit=False), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Die Kooperation wurde gespeichert."))
            return redirect(f"{reverse('reporting:cooperations')}?agentur={agency.pk}")
    cooperations = Cooperation.objects.filter(agency=agency).select_related(
        "partner_agency__provider__district__welfare_association", "partner_agency__municipality"
    )
    confirmed = set(Cooperation.objects.filter(partner_agency=agency).values_list("agency_id", flat=True))
    named_by = (
        Agency.objects.filter(cooperations__partner_agency=agency)
        .exclude(pk__in=cooperations.values("partner_agency"))
        .select_related("municipality")
    )
    return render(
        request,
        "reporting/cooperation/list.html",
        {
            "agency": agency,
            "form": form,
            "editing": instance,
            "cooperations": cooperations,
            "confirmed": confirmed,
            "named_by": named_by,
            "agencies": Agency.objects.filter(pk__in=scope_for(request.user).agency_ids).order_by("name"),
        },
    )


@login_required
@require_POST
def cooperation_delete(request, pk: int):
    agency = _own_agency(request)
    cooperation = get_object_or_404(Cooperation, agency=agency, pk=pk)
    cooperation_service.delete_cooperation(cooperation=cooperation, by=request.user)
    messages.success(request, _("Die Kooperation wurde entfernt."))
    return redirect(f"{reverse('reporting:cooperations')}?agentur={agency.pk}")


@login_required
@require_POST
def adopt_cooperations(request, pk: int):
    survey = owned_survey(request, pk)
    created = cooperation_service.adopt_from_survey(survey=survey, by=request.user)
    messages.success(request, _("%(n)d neue Kooperationen wurden aus den Antworten übernommen.") % {"n": created})
    return redirect(survey)


@login_required
def network(request):
    if not request.user.has_perm("reporting.view_network"):
        raise PermissionDenied
    scope = scope_for(request.user)
    labelled = scope.is_administrator or bool(scope.district_ids)
    districts = DistrictAssociation.objects.select_related("welfare_association")
    if not (scope.is_administrator or scope.is_state_level):
        districts = districts.filter(pk__in=scope.district_ids)
    municipalities = Municipality.objects.filter(agencies__provider__district__in=districts).distinct()
    district = municipality = None
    if request.GET.get("kommune", "").isdigit():
        municipality = get_object_or_404(municipalities, pk=request.GET["kommune"])
        agencies = Agency.objects.filter(municipality=municipality)
    elif request.GET.get("bezirk", "").isdigit():
        district = get_object_or_404(districts, pk=request.GET["bezirk"])
        agencies = Agency.objects.filter(provider__district=district)
    elif scope.is_state_level or scope.is_administrator:
        agencies = Agency.objects.all()
    else:
        district = districts.first()
        if district is None:
            raise Http404
        agencies = Agency.objects.filter(provider__district=district)
    graph = cooperation_service.network_for(agencies.filter(closed_on__isnull=True))
    title = _("Kooperationen zwischen Integrationsagenturen")
    return render(
        request,
        "reporting/cooperation/network.html",
        {
            "graph": graph,
            "svg": network_service.svg(graph, labelled=labelled, title=title, size=720),
            "labelled": labelled,
            "districts": districts,
            "municipalities": municipalities.order_by("name"),
            "district": district,
            "municipality": municipality,
            "legend": network_service.legend(),
        },
    )
