"""Phases and their deadline rules: coordinators edit their district's rules, administrators create phases."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from funding.forms import DeadlineRuleForm, PhaseForm
from funding.models import DeadlineRule, DeadlineRuleChange, FundingPhase
from funding.selectors import districts_coordinated_by, rules_editable_by
from funding.services.obligations import create_phase, create_rule, sync_obligations, update_rule


def _require(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied


@login_required
def phase_list(request):
    _require(request, "funding.view_phases")
    phases = FundingPhase.objects.prefetch_related("funding_years").annotate(
        rule_count=Count("deadline_rules", filter=Q(deadline_rules__in=rules_editable_by(request.user)))
    )
    return render(
        request,
        "funding/phase_list.html",
        {"phases": phases, "can_create": request.user.has_perm("funding.create_phase")},
    )


@login_required
def phase_create(request):
    _require(request, "funding.create_phase")
    form = PhaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            phase = create_phase(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Die Förderphase ist angelegt; ihre Abgabepflichten sind erzeugt."))
            return redirect(phase)
    return render(request, "funding/phase_form.html", {"form": form})


def _add_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def phase_detail(request, pk: int):
    _require(request, "funding.view_phases")
    phase = get_object_or_404(FundingPhase.objects.prefetch_related("funding_years"), pk=pk)
    districts = list(districts_coordinated_by(request.user))
    rules = (
        rules_editable_by(request.user)
        .filter(phase=phase)
        .annotate(obligation_count=Count("obligations", filter=Q(obligations__cancelled_on__isnull=True)))
        .prefetch_related(Prefetch("changes", queryset=DeadlineRuleChange.objects.select_related("by")))
        .order_by("district__name", "district_month", "district_day")
    )
    grouped = [{"district": d, "rules": [r for r in rules if r.district_id == d.pk]} for d in districts]
    return render(request, "funding/phase_detail.html", {"phase": phase, "groups": grouped})


@login_required
@require_POST
def phase_sync(request, pk: int):
    """Generates what is missing (e.g. an agency that opened) and cancels what is no longer owed, for the
    user's districts only; obligations already due are never changed."""
    _require(request, "funding.view_phases")
    phase = get_object_or_404(FundingPhase, pk=pk)
    rules = rules_editable_by(request.user).filter(phase=phase)
    result = sync_obligations(phase=phase, today=timezone.localdate(), rules=rules, by=request.user)
    messages.success(
        request,
        _("Abgleich fertig: %(created)s neu, %(cancelled)s entfallen, %(moved)s verschoben.")
        % {"created": result.created, "cancelled": result.cancelled, "moved": result.moved},
    )
    return redirect(phase)


@login_required
def rule_edit(request, pk: int):
    rule = get_object_or_404(rules_editable_by(request.user), pk=pk)
    if not request.user.has_perm("funding.edit_rule", rule):
        raise Http404
    form = DeadlineRuleForm(request.POST or None, instance=rule, phase=rule.phase, district=rule.district)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields if name != "document_kind"}
        try:
            change = update_rule(
                rule=rule,
                values=values,
                by=request.user,
                today=timezone.localdate(),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Die Regel ist gespeichert. %(count)s künftige Abgabepflichten wurden angepasst; "
                    "bereits fällige bleiben unverändert."
                )
                % {"count": change.moved_obligations},
            )
            return redirect(rule.phase)
    return render(request, "funding/rule_form.html", {"form": form, "rule": rule, "phase": rule.phase})


@login_required
def rule_create(request, pk: int, district_pk: int):
    phase = get_object_or_404(FundingPhase, pk=pk)
    district = get_object_or_404(districts_coordinated_by(request.user), pk=district_pk)
    form = DeadlineRuleForm(request.POST or None, instance=DeadlineRule(), phase=phase, district=district)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            create_rule(phase=phase, district=district, values=values, by=request.user, today=timezone.localdate())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Die Regel ist angelegt; ihre künftigen Abgabepflichten sind erzeugt."))
            return redirect(phase)
    return render(request, "funding/rule_form.html", {"form": form, "rule": None, "phase": phase, "district": district})
