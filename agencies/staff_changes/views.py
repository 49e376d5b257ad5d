"""Pages for staff changes: thin views that look up through a selector, check a rule, validate a form and call
a service. A change outside the user's scope answers 404."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.models import ChangeKind
from agencies.models.staff_changes import APPROVAL_REQUIRED, KIND_HELP, lead_weeks
from agencies.selectors import agencies_visible_to
from agencies.staff_changes import services
from agencies.staff_changes.forms import (
    CommentForm,
    ContactDataForm,
    DecisionForm,
    ReviewForm,
    StaffChangeFilter,
    StaffChangeForm,
    StartForm,
    apply_service_errors,
)
from agencies.staff_changes.selectors import staff_changes_visible_to
from core.pagination import page_of
from core.services import StaleEditError, TransitionError, history_of, revisions_of, stored_documents_of
from core.workflow import StoredDocument


def _change_or_404(request, pk: int, perm: str = "agencies.view_staff_change"):
    change = get_object_or_404(staff_changes_visible_to(request.user), pk=pk)
    if not request.user.has_perm("agencies.view_staff_change", change):
        raise Http404
    if perm != "agencies.view_staff_change" and not request.user.has_perm(perm, change):
        raise PermissionDenied
    return change


def _filing_agencies(user):
    from agencies.access import scope_for

    scope = scope_for(user)
    agencies = agencies_visible_to(user)
    if not scope.is_administrator:
        agencies = agencies.filter(provider_id__in=scope.provider_ids)
    return agencies.active_on(timezone.localdate()).order_by("name")


@login_required
def change_list(request):
    changes = staff_changes_visible_to(request.user)
    from agencies.access import scope_for

    scope = scope_for(request.user)
    if not (scope.is_administrator or scope.provider_ids or scope.district_ids or scope.funding_authority_ids):
        raise PermissionDenied
    change_filter = StaffChangeFilter(
        request.GET or None,
        queryset=changes,
        agencies=agencies_visible_to(request.user).order_by("name"),
    )
    queryset = change_filter.qs.order_by("-effective_on", "-pk")
    page = page_of(queryset, request.GET.get("seite"), settings.AGENTURNETZ_PAGE_SIZE)
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "agencies/staff_changes/list.html",
        {
            "filter": change_filter,
            "page": page,
            "querystring": query.urlencode(),
            "today": timezone.localdate(),
            "can_file": request.user.has_perm("agencies.file_staff_change"),
        },
    )


@login_required
def change_start(request):
    if not request.user.has_perm("agencies.file_staff_change"):
        raise PermissionDenied
    # Bound only once a kind was chosen; a link from an agency page (?agency=…) just preselects the agency.
    bound = "kind" in request.GET
    form = StartForm(
        request.GET if bound else None,
        agencies=_filing_agencies(request.user),
        initial={"agency": request.GET.get("agency")},
    )
    if bound and form.is_valid():
        return redirect(
            "agencies:staff_change_create", agency=form.cleaned_data["agency"].pk, kind=form.cleaned_data["kind"]
        )
    return render(
        request, "agencies/staff_changes/start.html", {"form": form, "kind_help": KIND_HELP, "lead_weeks": lead_weeks()}
    )


def _lead_time_warning(request, change) -> None:
    if change.lead_time_short(timezone.localdate()):
        messages.warning(
            request,
            _(
                "Bis zum Beginn sind es weniger als %(weeks)s Wochen. Die Behörde braucht Zeit für Rückfragen; "
                "eine nachträgliche Zustimmung ist nicht möglich. Bitte reichen Sie die Veränderung sofort ein."
            )
            % {"weeks": lead_weeks()},
        )


@login_required
def change_create(request, agency: int, kind: str):
    agency_obj = get_object_or_404(_filing_agencies(request.user), pk=agency)
    if kind not in ChangeKind.values or not request.user.has_perm("agencies.file_staff_change", agency_obj):
        raise Http404
    form = StaffChangeForm(request.POST or None, agency=agency_obj, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.create_staff_change(
                agency=agency_obj, kind=kind, data=form.data_for_service(), by=request.user
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Die Veränderung wurde als Entwurf gespeichert. Bitte prüfen und einreichen."))
            _lead_time_warning(request, change)
            return redirect(change)
    return render(
        request,
        "agencies/staff_changes/form.html",
        {
            "form": form,
            "agency": agency_obj,
            "kind": ChangeKind(kind),
            "kind_help": KIND_HELP[kind],
            "lead_weeks": lead_weeks(),
            "requires_approval": kind in APPROVAL_REQUIRED,
        },
    )


@login_required
def change_detail(request, pk: int):
    change = _change_or_404(request, pk)
    user = request.user
    return render(
        request,
        "agencies/staff_changes/detail.html",
        {
            "change": change,
            "today": timezone.localdate(),
            "timeline": sorted(
                [*history_of(change), *change.events.select_related("by")], key=lambda entry: (entry.at, entry.pk)
            ),
            "revisions": revisions_of(change),
            "pdfs": stored_documents_of(change, StoredDocument.Kind.FORWARDED_PDF),
            "can_edit": user.has_perm("agencies.edit_staff_change", change),
            "can_delete": user.has_perm("agencies.delete_staff_change", change),
            "can_review": user.has_perm("agencies.review_staff_change", change),
            "can_forward": user.has_perm("agencies.forward_staff_change", change),
            "can_decide": user.has_perm("agencies.record_staff_change_decision", change),
            "review_form": ReviewForm(),
            "comment_form": CommentForm(),
            "decision_form": DecisionForm(initial={"decided_on": timezone.localdate()}),
            "lead_weeks": lead_weeks(),
        },
    )


@login_required
def change_edit(request, pk: int):
    change = _change_or_404(request, pk, "agencies.edit_staff_change")
    form = StaffChangeForm(
        request.POST or None,
        instance=change,
        agency=change.agency,
        kind=change.kind,
        initial={"version": change.version},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_staff_change(
                change=change,
                expected_version=form.cleaned_data.get("version") or 0,
                data=form.data_for_service(),
                by=request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        except StaleEditError:
            conflict = type(change).objects.get(pk=change.pk)
            form.add_error(
                None,
                _(
                    "Die Veränderung wurde inzwischen von jemand anderem gespeichert. Ihre Eingaben stehen unten; "
                    "der gespeicherte Stand ist daneben aufgeführt."
                ),
            )
        else:
            messages.success(request, _("Ihre Änderungen wurden gespeichert."))
            _lead_time_warning(request, change)
            return redirect(change)
    return render(
        request,
        "agencies/staff_changes/form.html",
        {
            "form": form,
            "change": change,
            "agency": change.agency,
            "kind": ChangeKind(change.kind),
            "kind_help": KIND_HELP[change.kind],
            "conflict": conflict,
            "lead_weeks": lead_weeks(),
            "requires_approval": change.requires_approval,
        },
    )


@login_required
@require_POST
def change_delete(request, pk: int):
    change = _change_or_404(request, pk, "agencies.delete_staff_change")
    services.delete_draft(change=change, by=request.user)
    messages.success(request, _("Der Entwurf wurde gelöscht."))
    return redirect("agencies:staff_changes")


def _workflow_step(request, change, form, step) -> object:
    """Runs `step(form)` (a service call) if the form is valid; errors go to the page, never a 500."""
    if form.is_valid():
        try:
            step(form)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        except TransitionError as error:
            messages.error(request, str(error))
        else:
            return redirect(change)
    else:
        for field_errors in form.errors.values():
            for message in field_errors:
                messages.error(request, message)
    return redirect(change)


@login_required
@require_POST
def change_submit(request, pk: int):
    change = _change_or_404(request, pk, "agencies.edit_staff_change")

    def step(form):
        services.submit_staff_change(change=change, by=request.user, comment=form.cleaned_data["comment"])
        messages.success(request, _("Die Veränderung wurde beim Bezirksverband eingereicht."))

    return _workflow_step(request, change, CommentForm(request.POST), step)


@login_required
@require_POST
def change_review(request, pk: int):
    change = _change_or_404(request, pk, "agencies.review_staff_change")

    def step(form):
        comment = form.cleaned_data["comment"]
        if form.cleaned_data["action"] == ReviewForm.RETURN:
            services.return_staff_change(change=change, by=request.user, comment=comment)
            messages.success(request, _("Die Veränderung wurde an den Träger zurückgegeben."))
        else:
            services.release_staff_change(change=change, by=request.user, comment=comment)
            messages.success(request, _("Die Veränderung ist geprüft und zur Weiterleitung freigegeben."))

    return _workflow_step(request, change, ReviewForm(request.POST), step)


@login_required
@require_POST
def change_forward(request, pk: int):
    change = _change_or_404(request, pk, "agencies.forward_staff_change")

    def step(form):
        services.forward_staff_change(change=change, by=request.user, comment=form.cleaned_data["comment"])
        messages.success(request, _("Die Veränderung wurde an die Bewilligungsbehörde weitergeleitet."))

    return _workflow_step(request, change, CommentForm(request.POST), step)


@login_required
def change_decide(request, pk: int):
    change = _change_or_404(request, pk, "agencies.record_staff_change_decision")
    form = DecisionForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_decision(change=change, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Die Entscheidung der Behörde wurde gespeichert."))
            return redirect(change)
    return render(request, "agencies/staff_changes/decide.html", {"change": change, "form": form})


@login_required
def change_pdf(request, pk: int, document: int):
    change = _change_or_404(request, pk)
    stored = get_object_or_404(stored_documents_of(change, StoredDocument.Kind.FORWARDED_PDF), pk=document)
    return FileResponse(stored.file.open("rb"), content_type="application/pdf", filename=stored.filename)


@login_required
def contact_data(request, pk: int):
    from agencies.staff_changes.selectors import new_staff_missing_contact

    staff = get_object_or_404(new_staff_missing_contact(request.user), pk=pk)
    if not request.user.has_perm("agencies.complete_contact_data", staff):
        raise Http404
    form = ContactDataForm(request.POST or None, instance=staff)
    if request.method == "POST" and form.is_valid():
        services.complete_contact_data(staff_member=staff, by=request.user, **form.cleaned_data)
        messages.success(request, _("Die Kontaktdaten von %(staff)s sind vollständig.") % {"staff": staff})
        return redirect("reporting:dashboard")
    return render(request, "agencies/staff_changes/contact_data.html", {"staff": staff, "form": form})
