"""Pages of the provider's documents during and after the year: Mittel-Controlling and partial statement."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.access import scope_for
from agencies.models import Agency, Provider
from core.pagination import page_of
from core.services import StaleEditError
from finance.checks_for import forecast_findings, partial_statement_findings
from finance.forms import (
    ForecastCreateForm,
    ForecastForm,
    PartialStatementCreateForm,
    PartialStatementForm,
    ReceiptImportForm,
)
from finance.imports import ImportFormatError, parse_receipts
from finance.models import FundingRate, retention_until
from finance.money import ZERO
from finance.selectors import forecasts_visible_to, partial_statements_visible_to
from finance.selectors.statements import partial_statement_figures
from finance.services.provider import (
    create_forecast,
    create_partial_statement,
    replace_receipts,
    save_document_fields,
)
from finance.views.common import visible_document, workflow_context


def _findings_by_field(findings) -> dict:
    result: dict[str, list] = {}
    for finding in findings:
        result.setdefault(finding.field, []).append(finding)
    return result


def _edit(request, document, form_class, template, findings_fn, extra=None):
    if not request.user.has_perm("finance.edit_document", document):
        raise Http404
    form = form_class(request.POST or None, instance=document)
    if request.method == "POST" and form.is_valid():
        try:
            save_document_fields(
                document=document, expected_version=form.cleaned_data["version"], fields=form.content(), by=request.user
            )
        except StaleEditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Gespeichert."))
            return redirect(document)
    findings = findings_fn(document)
    return render(
        request,
        template,
        {
            "form": form,
            "document": document,
            "findings": findings,
            "by_field": _findings_by_field(findings),
            **(extra or {}),
        },
    )


# Mittel-Controlling --------------------------------------------------------------------------------------------


@login_required
def forecast_list(request):
    if not request.user.has_perm("finance.use_finance"):
        raise PermissionDenied
    forecasts = forecasts_visible_to(request.user).order_by(
        "-funding_year__year", "agency__provider__name", "agency__name"
    )
    year = request.GET.get("jahr", "")
    if year.isdigit():
        forecasts = forecasts.filter(funding_year__year=int(year))
    totals = forecasts.aggregate(
        available=Sum("available"), spent=Sum("spent_to_date"), expected=Sum("expected_until_year_end")
    )
    expected_total = (totals["spent"] or ZERO) + (totals["expected"] or ZERO)
    surplus = shortfall = ZERO
    for forecast in forecasts.select_related(None).only("available", "spent_to_date", "expected_until_year_end"):
        difference = forecast.difference
        if difference > 0:
            surplus += difference
        else:
            shortfall -= difference
    page = page_of(forecasts, request.GET.get("seite"), settings.AGENTURNETZ_PAGE_SIZE)
    scope = scope_for(request.user)
    return render(
        request,
        "finance/forecast_list.html",
        {
            "page": page,
            "year": year,
            "totals": totals,
            "expected_total": expected_total,
            "surplus": surplus,
            "shortfall": shortfall,
            "can_create": scope.is_administrator or bool(scope.provider_ids),
            "can_reallocate": scope.is_administrator or bool(scope.district_ids),
        },
    )


@login_required
def forecast_create(request):
    scope = scope_for(request.user)
    agencies = (
        Agency.objects.order_by("name")
        if scope.is_administrator
        else Agency.objects.filter(provider_id__in=scope.provider_ids).order_by("name")
    )
    if not agencies.exists():
        raise PermissionDenied
    form = ForecastCreateForm(request.POST or None, agencies=agencies, initial={"as_of": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        forecast = create_forecast(by=request.user, **form.cleaned_data)
        return redirect(forecast)
    return render(request, "finance/simple_form.html", {"form": form, "title": _("Mittel-Controlling anlegen")})


@login_required
def forecast_detail(request, pk: int):
    forecast = visible_document(request, "mittelcontrolling", pk)
    findings = forecast_findings(forecast)
    return render(
        request,
        "finance/forecast_detail.html",
        {
            "forecast": forecast,
            "document": forecast,
            "findings": findings,
            "can_edit": request.user.has_perm("finance.edit_document", forecast),
            **workflow_context(request, forecast, "mittelcontrolling"),
        },
    )


@login_required
def forecast_edit(request, pk: int):
    forecast = visible_document(request, "mittelcontrolling", pk)
    return _edit(request, forecast, ForecastForm, "finance/forecast_edit.html", forecast_findings)


# Partial statements --------------------------------------------------------------------------------------------


def _retention(statement):
    rate = FundingRate.objects.filter(phase_id=statement.funding_year.phase_id).first()
    base = statement.submitted_at.year if statement.submitted_at else statement.funding_year.year + 1
    return retention_until(base_year=base, years=rate.retention_years if rate else 10)


@login_required
def partial_statement_list(request):
    if not request.user.has_perm("finance.use_finance"):
        raise PermissionDenied
    statements = partial_statements_visible_to(request.user).order_by("-funding_year__year", "provider__name")
    page = page_of(statements, request.GET.get("seite"), settings.AGENTURNETZ_PAGE_SIZE)
    scope = scope_for(request.user)
    return render(
        request,
        "finance/partial_statement_list.html",
        {"page": page, "can_create": scope.is_administrator or bool(scope.provider_ids)},
    )


@login_required
def partial_statement_create(request):
    scope = scope_for(request.user)
    providers = (
        Provider.objects.order_by("name")
        if scope.is_administrator
        else Provider.objects.filter(pk__in=scope.provider_ids)
    )
    if not providers.exists():
        raise PermissionDenied
    form = PartialStatementCreateForm(request.POST or None, providers=providers)
    if request.method == "POST" and form.is_valid():
        statement = create_partial_statement(by=request.user, **form.cleaned_data)
        return redirect(statement)
    return render(request, "finance/simple_form.html", {"form": form, "title": _("Teilverwendungsnachweis anlegen")})


@login_required
def partial_statement_detail(request, pk: int):
    statement = visible_document(request, "teilnachweis", pk)
    receipts = statement.receipts.select_related("agency")
    page = page_of(receipts, request.GET.get("seite"), 100)
    return render(
        request,
        "finance/partial_statement_detail.html",
        {
            "statement": statement,
            "document": statement,
            "figures": partial_statement_figures(statement),
            "findings": partial_statement_findings(statement),
            "page": page,
            "receipt_count": receipts.count(),
            "retention_until": _retention(statement),
            "can_edit": request.user.has_perm("finance.edit_document", statement),
            **workflow_context(request, statement, "teilnachweis"),
        },
    )


@login_required
def partial_statement_edit(request, pk: int):
    statement = visible_document(request, "teilnachweis", pk)
    return _edit(
        request,
        statement,
        PartialStatementForm,
        "finance/partial_statement_edit.html",
        partial_statement_findings,
        {"figures": partial_statement_figures(statement)},
    )


@login_required
def receipts_import(request, pk: int):
    statement = visible_document(request, "teilnachweis", pk)
    if not request.user.has_perm("finance.edit_document", statement):
        raise Http404
    form = ReceiptImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = parse_receipts(upload, statement=statement)
        except ImportFormatError as error:
            form.add_error("file", str(error))
        else:
            if result.ok:
                count = replace_receipts(
                    statement=statement, receipts=result.receipts, source=upload.name, by=request.user
                )
                messages.success(request, _("%(count)s Belege wurden übernommen.") % {"count": count})
                return redirect(statement)
            row_errors = result.errors
            form.add_error(
                "file",
                _("Die Datei enthält %(count)s fehlerhafte Zeilen; es wurde nichts übernommen.")
                % {"count": len(row_errors)},
            )
    return render(
        request, "finance/receipts_import.html", {"form": form, "statement": statement, "row_errors": row_errors}
    )
