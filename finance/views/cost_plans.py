"""Pages of the cost plans: list, create, detail with the check summary, edit with findings at the fields,
recompute from the registry."""

from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.access import scope_for
from agencies.models import Agency
from core.pagination import page_of
from core.services import StaleEditError
from core.workflow import State
from finance.calc import figures_of, rate_for, registry_changes
from finance.checks_for import cost_plan_findings
from finance.forms import CostLineFormSet, CostPlanCreateForm, CostPlanForm, PersonnelFormSet
from finance.models import CostLine, CostPlan, PersonnelCostLine
from finance.selectors import cost_plans_visible_to
from finance.services.cost_plans import create_cost_plan, recompute_from_registry, save_cost_plan
from finance.views.common import workflow_context
from funding.models import FundingYear


def _plan(request, pk: int) -> CostPlan:
    plan = get_object_or_404(cost_plans_visible_to(request.user), pk=pk)
    if not request.user.has_perm("finance.view_document", plan):
        raise Http404
    return plan


def _manageable_agencies(user):
    scope = scope_for(user)
    agencies = Agency.objects.select_related("provider").order_by("provider__name", "name")
    return agencies if scope.is_administrator else agencies.filter(provider_id__in=scope.provider_ids)


@login_required
def cost_plan_list(request):
    if not request.user.has_perm("finance.use_finance"):
        raise PermissionDenied
    plans = cost_plans_visible_to(request.user).order_by(
        "-funding_year__year", "agency__provider__name", "agency__name"
    )
    years = FundingYear.objects.order_by("-year")
    year = request.GET.get("jahr", "")
    if year.isdigit():
        plans = plans.filter(funding_year__year=int(year))
    state = request.GET.get("status", "")
    if state in State.values:
        plans = plans.filter(state=state)
    page = page_of(plans, request.GET.get("seite"), settings.AGENTURNETZ_PAGE_SIZE)
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "finance/cost_plan_list.html",
        {
            "page": page,
            "years": years,
            "year": year,
            "state": state,
            "states": State.choices,
            "querystring": query.urlencode(),
            "can_create": _manageable_agencies(request.user).exists(),
        },
    )


@login_required
def cost_plan_create(request):
    agencies = _manageable_agencies(request.user)
    if not agencies.exists():
        raise PermissionDenied
    form = CostPlanCreateForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        agency = form.cleaned_data["agency"]
        if not request.user.has_perm("finance.manage_agency_money", agency):
            raise Http404
        plan = create_cost_plan(agency=agency, funding_year=form.cleaned_data["funding_year"], by=request.user)
        messages.success(
            request, _("Der Plan wurde aus dem Stellenverzeichnis vorbefüllt. Bitte prüfen Sie die Beträge.")
        )
        return redirect(plan)
    return render(request, "finance/cost_plan_create.html", {"form": form})


@login_required
def cost_plan_detail(request, pk: int):
    plan = _plan(request, pk)
    rate = rate_for(plan)
    findings = cost_plan_findings(plan)
    plan_figures = figures_of(plan, rate)
    return render(
        request,
        "finance/cost_plan_detail.html",
        {
            "plan": plan,
            "document": plan,
            "rate": rate,
            "figures": plan_figures,
            "max_grant": plan_figures.max_grant(rate),
            "personnel": plan.personnel_lines.select_related("position"),
            "cost_lines": plan.cost_lines.all(),
            "findings": findings,
            "errors": [f for f in findings if f.is_error],
            "changes": registry_changes(plan) if plan.is_editable else [],
            "can_edit": request.user.has_perm("finance.edit_document", plan),
            **workflow_context(request, plan, "kostenplan"),
        },
    )


def _lines_from(formset, model) -> list:
    lines = []
    for form in formset.forms:
        if not form.has_changed() and not form.instance.pk:
            continue
        if formset.can_delete and form.cleaned_data.get("DELETE"):
            continue
        if not form.cleaned_data:
            continue
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("DELETE", "id", "cost_plan")}
        lines.append(model(**data))
    return lines


@login_required
def cost_plan_edit(request, pk: int):
    plan = _plan(request, pk)
    if not request.user.has_perm("finance.edit_document", plan):
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = CostPlanForm(data, instance=plan)
    personnel = PersonnelFormSet(data, instance=plan, prefix="personnel")
    costs = CostLineFormSet(data, instance=plan, prefix="costs")
    conflict = None
    if request.method == "POST" and form.is_valid() and personnel.is_valid() and costs.is_valid():
        try:
            save_cost_plan(
                plan=plan,
                expected_version=form.cleaned_data["version"],
                fields=form.content(),
                personnel=_lines_from(personnel, PersonnelCostLine),
                cost_lines=_lines_from(costs, CostLine),
                by=request.user,
            )
        except StaleEditError as error:
            conflict = CostPlan.objects.get(pk=plan.pk)
            form.add_error(
                None, str(error) + " " + _("Unten sehen Sie Ihre Eingaben; der gespeicherte Stand steht daneben.")
            )
        else:
            messages.success(request, _("Der Plan wurde gespeichert und neu geprüft."))
            return redirect("finance:cost_plan_edit", pk=plan.pk) if "weiter" in request.POST else redirect(plan)
    findings = cost_plan_findings(plan)
    by_field = defaultdict(list)
    for finding in findings:
        by_field[finding.field].append(finding)
    personnel_rows = [(f, by_field.get(f"personnel-{i}", [])) for i, f in enumerate(personnel.forms)]
    return render(
        request,
        "finance/cost_plan_edit.html",
        {
            "plan": plan,
            "form": form,
            "personnel": personnel,
            "personnel_rows": personnel_rows,
            "costs": costs,
            "by_field": by_field,
            "findings": findings,
            "conflict": conflict,
            "rate": rate_for(plan),
        },
    )


@login_required
@require_POST
def cost_plan_recompute(request, pk: int):
    plan = _plan(request, pk)
    if not request.user.has_perm("finance.edit_document", plan):
        raise Http404
    try:
        result = recompute_from_registry(plan=plan, by=request.user)
    except StaleEditError as error:
        messages.error(request, str(error))
    else:
        from finance.checks import euro

        messages.success(
            request,
            _(
                "Neu berechnet: Gesamtkosten %(before)s → %(after)s, Differenz %(diff)s. "
                "Bitte passen Sie die Finanzierung an."
            )
            % {"before": euro(result.before), "after": euro(result.after), "diff": euro(result.difference)},
        )
    return redirect(plan)
