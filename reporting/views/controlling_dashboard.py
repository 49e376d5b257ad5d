"""The controlling dashboards (per district, per welfare association, state-wide, filtered), their XLSX export,
the Wirkungsdialog briefing pack and the open-data export. Aggregates only; small groups are suppressed."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from agencies.access import scope_for
from agencies.models import Agency, DistrictAssociation, FieldOfAction
from reporting.forms.controlling import BriefingForm, DashboardForm
from reporting.models import KeyFigure
from reporting.services import controlling_exports as exports
from reporting.services.controlling_charts import figure_charts
from reporting.services.controlling_stats import (
    STATS_CACHE_SECONDS,
    counted_reports,
    figure_stats_in_cache,
    min_group,
    reach_q,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _figures() -> dict[str, KeyFigure]:
    """The newest definition of every key-figure code (codes are stable; labels may be refined)."""
    figures: dict[str, KeyFigure] = {}
    for figure in KeyFigure.objects.filter(template__published_at__isnull=False).order_by(
        "-template__phase__starts_on", "-template__version", "position", "pk"
    ):
        figures.setdefault(figure.code, figure)
    return dict(sorted(figures.items(), key=lambda item: (item[1].position, item[0])))


def _form(request, form_class=DashboardForm):
    if not request.user.has_perm("reporting.view_controlling_dashboard"):
        raise Http404
    scope = scope_for(request.user)
    figures = _figures()
    reports = counted_reports()  # the years to offer, and the fingerprint of the cached figures
    years = [row[0] for row in reports]
    reach = reach_q(scope)
    # Built only for a viewer restricted to some districts: everyone else is offered every district.
    districts = (
        DistrictAssociation.objects.filter(pk__in=Agency.objects.filter(reach).values("provider__district_id"))
        if reach != Q()
        else None
    )
    fields = list(FieldOfAction.objects.all())  # the filter's options and, in another order, the tables' columns
    form = form_class(
        request.GET or None,
        figures=[(code, f"{figure.label} ({figure.unit})") for code, figure in figures.items()],
        years=years,
        districts=districts,
        fields_of_action=fields,
    )
    return scope, figures, form, reports, fields


def _scope_label(form) -> str:
    if not form.is_valid():
        return _("alle Agenturen")
    parts = [
        str(form.cleaned_data[name])
        for name in ("verband", "bezirk", "kommune", "handlungsfeld")
        if form.cleaned_data.get(name)
    ]
    return " · ".join(parts) or _("alle Agenturen (landesweit)")


def _chosen(request):
    """The form, the chosen key figure (None without a published template) and its stats' cache key and loader."""
    scope, figures, form, reports, fields = _form(request)
    data = form.data_or_defaults()
    figure = figures.get(data.get("kennzahl")) or next(iter(figures.values()), None)
    if figure is None:
        return form, None, "", None
    key, load = figure_stats_in_cache(
        figure=figure,
        filters=form.filters(),
        scope=scope,
        year=data.get("jahr"),
        fields=sorted(fields, key=lambda each: (each.position, each.pk)),
        reports=reports,
    )
    return form, figure, key, load


def _stats(request):
    form, figure, _key, load = _chosen(request)
    return form, load() if figure is not None else None


@login_required
def dashboard(request):
    form, figure, key, load = _chosen(request)
    # The figures are read (from the cache or computed) only when the tables and charts kept under the same key are
    # missing; the heading needs the key figure alone.
    stats = SimpleLazyObject(load) if figure is not None else None
    return render(
        request,
        "reporting/controlling/dashboard.html",
        {
            "form": form,
            "figure": figure,
            "stats": stats,
            "stats_key": key,
            "charts": SimpleLazyObject(lambda: figure_charts(stats)) if figure is not None else {},
            "figure_cache_seconds": STATS_CACHE_SECONDS,
            "scope_label": _scope_label(form),
            "min_group": min_group(),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def dashboard_xlsx(request):
    _form, stats = _stats(request)
    if stats is None:
        raise Http404
    response = HttpResponse(exports.dashboard_xlsx(stats), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="controlling-{stats.figure.code}.xlsx"'
    return response


@login_required
def briefing(request):
    scope, figures, form, _reports, _fields = _form(request, BriefingForm)
    if request.GET.get("kennzahlen") and form.is_valid():
        chosen = [figures[code] for code in form.cleaned_data["kennzahlen"] if code in figures]
        data = exports.briefing_pdf(
            figures=chosen,
            filters=form.filters(),
            scope=scope,
            year=form.cleaned_data.get("jahr"),
            scope_label=_scope_label(form),
        )
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="briefing-wirkungsdialog.pdf"'
        return response
    return render(request, "reporting/controlling/briefing.html", {"form": form})


@login_required
def open_data(request, extension: str):
    if not request.user.has_perm("reporting.export_open_data") or extension not in ("csv", "xlsx"):
        raise Http404
    rows = exports.open_data_rows()
    if extension == "csv":
        response = HttpResponse(exports.open_data_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(exports.open_data_xlsx(rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="online-controlling-aggregate.{extension}"'
    return response
