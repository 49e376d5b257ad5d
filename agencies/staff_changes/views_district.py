"""The district's staff overview (open changes by state and urgency, fte/head-count history, vacancies) and its
XLSX exports. Coordinators of the district and administrators only; anyone else gets 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from agencies.models import Agency, DistrictAssociation
from agencies.staff_changes.exports import change_log_xlsx, staff_list_xlsx
from agencies.staff_changes.history import history
from agencies.staff_changes.selectors import (
    awaiting_check,
    counts_by_state,
    for_short_list,
    history_days,
    staff_changes_visible_to,
    undecided_near,
    vacancies,
)
from core.workflow import State

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _district_or_404(request, pk: int) -> DistrictAssociation:
    district = get_object_or_404(DistrictAssociation.objects.select_related("funding_authority"), pk=pk)
    if not request.user.has_perm("agencies.view_staff_overview", district):
        raise Http404
    return district


@login_required
def staff_overview(request, pk: int):
    district = _district_or_404(request, pk)
    today = timezone.localdate()
    changes = staff_changes_visible_to(request.user).filter(agency__provider__district=district)
    days = history_days(today)
    open_counts = counts_by_state(changes.open())  # one aggregate for all five states
    return render(
        request,
        "agencies/staff_changes/district.html",
        {
            "district": district,
            "today": today,
            "by_state": [(state, open_counts.get(state.value, 0)) for state in State],
            "awaiting": for_short_list(awaiting_check(changes)).order_by("effective_on", "pk")[:50],
            "undecided": for_short_list(undecided_near(changes, today)).order_by("effective_on", "pk")[:50],
            "vacancies": vacancies(Agency.objects.filter(provider__district=district), today),
            "days": days,
            "history": history(district, days),
        },
    )


@login_required
def staff_list_export(request, pk: int):
    district = _district_or_404(request, pk)
    today = timezone.localdate()
    response = HttpResponse(staff_list_xlsx(district, today), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="fachkraefte-{district.pk}-{today:%Y-%m-%d}.xlsx"'
    return response


@login_required
def change_log_export(request, pk: int):
    district = _district_or_404(request, pk)
    changes = staff_changes_visible_to(request.user).filter(agency__provider__district=district)
    response = HttpResponse(change_log_xlsx(changes), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="veraenderungen-{district.pk}-{timezone.localdate():%Y-%m-%d}.xlsx"'
    )
    return response
