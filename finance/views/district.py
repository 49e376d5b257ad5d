"""Pages of the district coordination: rates, joint application, grant decision, balances with calls, contracts,
transfers and reallocations, and the interim/final statement."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.access import scope_for
from agencies.models import Agency, DistrictAssociation, Provider
from core.services import TransitionError
from finance import exports
from finance.checks_for import joint_application_findings, statement_findings
from finance.forms import (
    DistrictStatementCreateForm,
    ForwardingContractForm,
    FundingRateForm,
    FundsCallForm,
    FundsTransferForm,
    GrantDecisionForm,
    JointApplicationCreateForm,
    PayGroupFormSet,
    ReallocationForm,
)
from finance.models import ForwardingContract, FundingRate, FundsCall, FundsTransfer, Reallocation
from finance.selectors import joint_applications_visible_to, statements_visible_to
from finance.selectors.balances import balance_sheet
from finance.selectors.joint import application_totals, grant_comparison
from finance.selectors.statements import district_statement_figures
from finance.services.audit import log
from finance.services.cost_plans import adjust_cost_plans_to_grant
from finance.services.district import (
    create_district_statement,
    create_joint_application,
    record_funds_call,
    record_grant_decision,
    record_reallocation,
    record_transfer,
    save_forwarding_contract,
)
from finance.views.common import current_phase, visible_document, workflow_context
from funding.models import FundingPhase, FundingYear


def _district(request) -> DistrictAssociation:
    """The district a coordinator works on: ?bezirk=<pk> or their only one."""
    scope = scope_for(request.user)
    districts = (
        DistrictAssociation.objects.all()
        if scope.is_administrator
        else DistrictAssociation.objects.filter(pk__in=scope.district_ids)
    )
    raw = request.GET.get("bezirk") or request.POST.get("bezirk") or ""
    district = districts.filter(pk=int(raw)).first() if raw.isdigit() else districts.order_by("name").first()
    if district is None:
        raise PermissionDenied
    if raw.isdigit() and district.pk != int(raw):
        raise Http404
    return district


# Rates ---------------------------------------------------------------------------------------------------------


@login_required
def rates(request):
    if not request.user.has_perm("finance.use_finance") and not scope_for(request.user).is_state_level:
        raise PermissionDenied
    phases = FundingPhase.objects.order_by("-starts_on").prefetch_related("funding_rate__pay_groups")
    entries = [
        (phase, FundingRate.objects.filter(phase=phase).prefetch_related("pay_groups").first()) for phase in phases
    ]
    return render(
        request, "finance/rates.html", {"entries": entries, "can_edit": request.user.has_perm("finance.edit_rates")}
    )


@login_required
def rates_edit(request, phase_pk: int):
    if not request.user.has_perm("finance.edit_rates"):
        raise PermissionDenied
    phase = get_object_or_404(FundingPhase, pk=phase_pk)
    rate = FundingRate.objects.filter(phase=phase).first() or FundingRate(phase=phase)
    data = request.POST if request.method == "POST" else None
    form = FundingRateForm(data, instance=rate)
    groups = PayGroupFormSet(data, instance=rate, prefix="groups")
    if request.method == "POST" and form.is_valid() and groups.is_valid():
        with transaction.atomic():
            rate = form.save(commit=False)
            rate.updated_by = request.user
            rate.is_demo = False
            rate.save()
            groups.instance = rate
            groups.save()
            log(
                subject=rate,
                action="rates_saved",
                summary=_("Fördersätze geändert."),
                by=request.user,
                data={k: str(v) for k, v in form.cleaned_data.items()},
            )
        messages.success(request, _("Die Fördersätze wurden gespeichert."))
        return redirect("finance:rates")
    return render(request, "finance/rates_edit.html", {"form": form, "groups": groups, "phase": phase})


# Joint application ---------------------------------------------------------------------------------------------


@login_required
def joint_application_list(request):
    scope = scope_for(request.user)
    if not (scope.is_administrator or scope.district_ids or scope.funding_authority_ids):
        raise PermissionDenied
    applications = joint_applications_visible_to(request.user).order_by("-phase__starts_on", "district__name")
    statements = statements_visible_to(request.user).order_by("-phase__starts_on", "district__name", "kind")
    return render(
        request,
        "finance/joint_application_list.html",
        {
            "applications": applications,
            "statements": statements,
            "can_create": bool(scope.district_ids or scope.is_administrator),
            "create_form": JointApplicationCreateForm(initial={"phase": current_phase(request)}),
            "statement_form": DistrictStatementCreateForm(prefix="nachweis", initial={"phase": current_phase(request)}),
        },
    )


@login_required
def joint_application_create(request):
    district = _district(request)
    if not request.user.has_perm("finance.manage_district", district):
        raise Http404
    form = JointApplicationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        application = create_joint_application(district=district, by=request.user, **form.cleaned_data)
        return redirect(application)
    return render(
        request, "finance/simple_form.html", {"form": form, "title": _("Gesamtantrag anlegen"), "district": district}
    )


@login_required
def joint_application_detail(request, pk: int):
    application = visible_document(request, "gesamtantrag", pk)
    totals = application_totals(application)
    decision = getattr(application, "grant_decision", None)
    return render(
        request,
        "finance/joint_application_detail.html",
        {
            "application": application,
            "document": application,
            "totals": totals,
            "findings": joint_application_findings(application, totals) if application.is_editable else [],
            "decision": decision,
            "comparison": grant_comparison(application, totals) if decision else [],
            "can_manage": request.user.has_perm("finance.manage_district", application.district),
            **workflow_context(request, application, "gesamtantrag"),
        },
    )


@login_required
def grant_decision(request, pk: int):
    application = visible_document(request, "gesamtantrag", pk)
    if not request.user.has_perm("finance.manage_district", application.district):
        raise Http404
    decision = getattr(application, "grant_decision", None)
    comparison = grant_comparison(application)
    initial = (
        {"decided_on": decision.decided_on, "reference": decision.reference, "conditions": decision.conditions}
        if decision
        else {}
    )
    form = GrantDecisionForm(
        request.POST or None,
        initial=initial,
        comparison=comparison,
        years=FundingYear.objects.filter(phase=application.phase),
    )
    if request.method == "POST" and form.is_valid():
        try:
            record_grant_decision(
                application=application,
                decided_on=form.cleaned_data["decided_on"],
                reference=form.cleaned_data["reference"],
                conditions=form.cleaned_data["conditions"],
                amounts=form.amounts(),
                by=request.user,
            )
        except TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Der Zuwendungsbescheid wurde erfasst."))
            return redirect(application)
    return render(request, "finance/grant_decision.html", {"form": form, "application": application})


@login_required
@require_POST
def grant_adjust(request, pk: int):
    application = visible_document(request, "gesamtantrag", pk)
    if not request.user.has_perm("finance.manage_district", application.district) or not hasattr(
        application, "grant_decision"
    ):
        raise Http404
    count = adjust_cost_plans_to_grant(application=application, by=request.user)
    messages.success(request, _("%(count)s Kostenpläne wurden an den Bescheid angepasst.") % {"count": count})
    return redirect(application)


# Balances, calls, contracts, transfers, reallocations ----------------------------------------------------------


def _balance_scope(request) -> tuple[DistrictAssociation, set[int] | None]:
    """The district whose balances the user sees and the providers they are limited to (None: all of them).
    Checked before the phase, so a user without access is refused whether or not a phase exists."""
    scope = scope_for(request.user)
    if scope.district_ids or scope.is_administrator:
        return _district(request), None
    if scope.provider_ids:
        provider = (
            Provider.objects.filter(pk__in=scope.provider_ids).select_related("district").order_by("name").first()
        )
        return provider.district, scope.provider_ids
    raise PermissionDenied


@login_required
def balances(request):
    district, provider_ids = _balance_scope(request)
    phases = list(FundingPhase.objects.order_by("-starts_on"))
    phase = current_phase(request, phases)
    if phase is None:
        # Nothing to balance before the administration has created a phase: say so instead of answering 404.
        return render(
            request,
            "finance/balances_without_phase.html",
            {"district": district, "can_create_phase": request.user.has_perm("funding.create_phase")},
        )
    sheet = balance_sheet(district_id=district.pk, phase=phase, provider_ids=provider_ids)
    is_coordinator = request.user.has_perm("finance.manage_district", district)
    context = {
        "district": district,
        "phase": phase,
        "sheet": sheet,
        "is_coordinator": is_coordinator,
        "phases": phases,
    }
    if is_coordinator:
        context["calls"] = (
            FundsCall.objects.filter(district=district, funding_year__phase=phase)
            .select_related("funding_year")
            .annotate(agency_count=Count("lines"))
            .order_by("-called_on", "-pk")[:20]
        )
        context["contracts"] = ForwardingContract.objects.filter(
            provider__district=district, phase=phase
        ).select_related("provider")
        context["transfers"] = FundsTransfer.objects.filter(
            contract__provider__district=district, contract__phase=phase
        ).select_related("agency", "contract__provider", "funding_year")[:30]
        context["reallocations"] = Reallocation.objects.filter(
            district=district, funding_year__phase=phase
        ).select_related("from_agency", "to_agency", "funding_year")
    return render(request, "finance/balances.html", context)


def _coordinated(request):
    district = _district(request)
    if not request.user.has_perm("finance.manage_district", district):
        raise Http404
    phase = current_phase(request)
    if phase is None:
        raise Http404
    return district, phase


def _back(district, phase):
    from django.urls import reverse

    return redirect(f"{reverse('finance:balances')}?bezirk={district.pk}&phase={phase.pk}")


@login_required
def funds_call_create(request):
    district, phase = _coordinated(request)
    sheet = balance_sheet(district_id=district.pk, phase=phase)
    form = FundsCallForm(request.POST or None, phase=phase, rows=sheet.rows)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record_funds_call(
            district=district,
            funding_year=data["funding_year"],
            called_on=data["called_on"],
            period_from=data["period_from"],
            period_to=data["period_to"],
            reference=data["reference"],
            amounts=form.amounts(),
            by=request.user,
        )
        messages.success(request, _("Der Mittelabruf wurde erfasst."))
        return _back(district, phase)
    return render(request, "finance/funds_call_form.html", {"form": form, "district": district, "phase": phase})


@login_required
def contract_create(request):
    district, phase = _coordinated(request)
    form = ForwardingContractForm(
        request.POST or None,
        request.FILES or None,
        providers=Provider.objects.filter(district=district),
        initial={"phase": phase},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        save_forwarding_contract(
            provider=data["provider"],
            phase=data["phase"],
            signed_on=data["signed_on"],
            amount=data["amount"],
            file=request.FILES.get("file"),
            notes=data["notes"],
            by=request.user,
        )
        messages.success(request, _("Der Weiterleitungsvertrag wurde gespeichert."))
        return _back(district, phase)
    return render(
        request,
        "finance/simple_form.html",
        {"form": form, "title": _("Weiterleitungsvertrag erfassen"), "district": district, "multipart": True},
    )


@login_required
def contract_file(request, pk: int):
    from django.http import FileResponse

    contract = get_object_or_404(ForwardingContract.objects.select_related("provider"), pk=pk)
    scope = scope_for(request.user)
    if (
        not (scope.coordinates(contract.provider.district_id) or scope.manages_provider(contract.provider_id))
        or not contract.file
    ):
        raise Http404
    return FileResponse(contract.file.open("rb"), as_attachment=True, filename=contract.file.name.rsplit("/", 1)[-1])


@login_required
def transfer_create(request):
    district, phase = _coordinated(request)
    sheet = balance_sheet(district_id=district.pk, phase=phase)
    form = FundsTransferForm(
        request.POST or None,
        contracts=ForwardingContract.objects.filter(provider__district=district, phase=phase).select_related(
            "provider"
        ),
        agencies=Agency.objects.filter(provider__district=district).order_by("name"),
        phase=phase,
        rows=sheet.rows,
    )
    if request.method == "POST" and form.is_valid():
        record_transfer(by=request.user, **form.cleaned_data)
        messages.success(request, _("Die Weiterleitung wurde erfasst."))
        return _back(district, phase)
    return render(
        request,
        "finance/simple_form.html",
        {"form": form, "title": _("Weiterleitung an einen Träger erfassen"), "district": district},
    )


@login_required
def reallocation_create(request):
    district, phase = _coordinated(request)
    sheet = balance_sheet(district_id=district.pk, phase=phase)
    form = ReallocationForm(
        request.POST or None,
        agencies=Agency.objects.filter(provider__district=district).order_by("name"),
        phase=phase,
        rows=sheet.rows,
    )
    if request.method == "POST" and form.is_valid():
        record_reallocation(district=district, by=request.user, **form.cleaned_data)
        messages.success(request, _("Die Umverteilung wurde erfasst."))
        return _back(district, phase)
    return render(
        request,
        "finance/simple_form.html",
        {"form": form, "title": _("Mittel zwischen Agenturen umverteilen"), "district": district},
    )


# District statements -------------------------------------------------------------------------------------------


@login_required
def statement_create(request):
    district = _district(request)
    if not request.user.has_perm("finance.manage_district", district):
        raise Http404
    form = DistrictStatementCreateForm(request.POST or None, prefix="nachweis")
    if request.method == "POST" and form.is_valid():
        statement = create_district_statement(district=district, by=request.user, **form.cleaned_data)
        return redirect(statement)
    return render(
        request,
        "finance/simple_form.html",
        {"form": form, "title": _("Verwendungsnachweis des Bezirks anlegen"), "district": district},
    )


@login_required
def statement_detail(request, pk: int):
    statement = visible_document(request, "nachweis", pk)
    return render(
        request,
        "finance/statement_detail.html",
        {
            "statement": statement,
            "document": statement,
            "figures": district_statement_figures(statement),
            "retention_until": exports.retention_for(statement),
            "findings": statement_findings(statement) if statement.is_editable else [],
            "factual_parts": _factual_parts(statement),
            **workflow_context(request, statement, "nachweis"),
        },
    )


def _factual_parts(statement):
    from finance.factual import factual_reports_for

    agencies = list(
        Agency.objects.filter(provider__district_id=statement.district_id)
        .active_on(statement.phase.starts_on)
        .order_by("name")
    )
    reports = factual_reports_for(agency_ids=[a.pk for a in agencies], years=statement.years)
    return [(agency, year, reports.get((agency.pk, year))) for agency in agencies for year in statement.years]


# Network ---------------------------------------------------------------------------------------------------------


@login_required
def network(request):
    """State level: granted, called and forwarded funds per district association – aggregates, no agency."""
    from django.db.models import Sum

    from finance.models import FundsCallLine, GrantedAmount

    if not request.user.has_perm("finance.view_network_money"):
        raise PermissionDenied
    phase = current_phase(request)
    rows = {}
    if phase is not None:
        for key, queryset, district_path in (
            (
                "granted",
                GrantedAmount.objects.filter(decision__joint_application__phase=phase),
                "agency__provider__district",
            ),
            (
                "called",
                FundsCallLine.objects.filter(funds_call__funding_year__phase=phase),
                "agency__provider__district",
            ),
            ("forwarded", FundsTransfer.objects.filter(contract__phase=phase), "agency__provider__district"),
        ):
            for item in queryset.values(district_path).annotate(total=Sum("amount")).order_by():
                rows.setdefault(item[district_path], {})[key] = item["total"]
    districts = DistrictAssociation.objects.select_related("welfare_association").order_by(
        "welfare_association__short_name", "name"
    )
    table = [(district, rows.get(district.pk, {})) for district in districts]
    totals = {key: sum((row.get(key) or 0 for _d, row in table), 0) for key in ("granted", "called", "forwarded")}
    return render(
        request,
        "finance/network.html",
        {"phase": phase, "table": table, "totals": totals, "phases": FundingPhase.objects.all()},
    )
