"""The coordinator's matrix page and its XLSX export (same filters)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.selectors import agencies_visible_to
from funding.filters import ObligationFilter, funding_years
from funding.matrix import build_matrix, matrix_xlsx
from funding.selectors import obligations_visible_to
from funding.views.deadlines import query_without_page

ROWS_PER_PAGE = 50


def _filtered(request, today):
    if not request.user.has_perm("funding.view_matrix"):
        raise PermissionDenied
    data = request.GET.copy()
    years = funding_years()
    if "year" not in data and today.year in years:
        data["year"] = str(today.year)  # the current year unless the user chose "alle"
    obligation_filter = ObligationFilter(
        data,
        queryset=obligations_visible_to(request.user),
        user=request.user,
        visible_agencies=agencies_visible_to(request.user),
        years=years,
    )
    return obligation_filter, build_matrix(obligation_filter.qs, today)


@login_required
def matrix(request):
    today = timezone.localdate()
    obligation_filter, table = _filtered(request, today)
    page = Paginator(table.rows, ROWS_PER_PAGE).get_page(request.GET.get("seite"))
    rows = [(row, table.cell_list(row)) for row in page.object_list]
    return render(
        request,
        "funding/matrix.html",
        {
            "filter": obligation_filter,
            "matrix": table,
            "rows": rows,
            "page": page,
            "today": today,
            "querystring": query_without_page(request),
            "year": obligation_filter.form.cleaned_data.get("year") if obligation_filter.is_valid() else None,
        },
    )


@login_required
def matrix_export(request):
    today = timezone.localdate()
    obligation_filter, table = _filtered(request, today)
    year = obligation_filter.form.cleaned_data.get("year") if obligation_filter.is_valid() else None
    title = _("Abgabepflichten %(year)s") % {"year": year or _("aller Jahre")}
    response = HttpResponse(
        matrix_xlsx(table, title=title, today=today),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="Abgabepflichten-{year or "alle"}.xlsx"'
    return response
