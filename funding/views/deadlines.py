"""The deadline list, an obligation's page, marking it fulfilled and its attachments."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.selectors import agencies_visible_to
from core.pagination import page_of
from funding.filters import ObligationFilter
from funding.forms import MarkFulfilledForm
from funding.lights import annotate
from funding.models import ObligationEvent
from funding.selectors import obligations_visible_to
from funding.services.progress import mark_fulfilled


def query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("seite", None)
    return query.urlencode()


@login_required
def obligation_list(request):
    if not request.user.has_perm("funding.list_obligations"):
        raise PermissionDenied
    today = timezone.localdate()
    obligation_filter = ObligationFilter(
        request.GET or None,
        queryset=obligations_visible_to(request.user),
        user=request.user,
        visible_agencies=agencies_visible_to(request.user),
    )
    page = page_of(obligation_filter.qs, request.GET.get("seite"), settings.AGENTURNETZ_PAGE_SIZE)
    annotate(page.object_list, today)
    return render(
        request,
        "funding/obligation_list.html",
        {"filter": obligation_filter, "page": page, "today": today, "querystring": query_without_page(request)},
    )


def _visible_obligation(request, pk):
    obligation = get_object_or_404(obligations_visible_to(request.user).select_related("agency__provider"), pk=pk)
    if not request.user.has_perm("funding.view_obligation", obligation):
        raise Http404
    return obligation


@login_required
def obligation_detail(request, pk: int):
    obligation = _visible_obligation(request, pk)
    today = timezone.localdate()
    annotate([obligation], today)
    can_mark = request.user.has_perm("funding.mark_fulfilled", obligation) and not obligation.is_fulfilled
    form = MarkFulfilledForm(obligation=obligation) if can_mark else None
    if request.method == "POST":
        if not can_mark:
            raise PermissionDenied
        form = MarkFulfilledForm(request.POST, request.FILES, obligation=obligation)
        if form.is_valid():
            try:
                mark_fulfilled(
                    obligation=obligation,
                    step=form.cleaned_data["step"],
                    on=form.cleaned_data["on"],
                    attachment=form.cleaned_data["attachment"],
                    note=form.cleaned_data["note"],
                    by=request.user,
                    today=today,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Der Stand wurde gespeichert."))
                return redirect(obligation)
    events = ObligationEvent.objects.filter(obligation=obligation).select_related("by").order_by("-at", "-pk")
    return render(
        request,
        "funding/obligation_detail.html",
        {"obligation": obligation, "events": events, "form": form, "today": today},
    )


@login_required
def attachment(request, pk: int, event_pk: int):
    """Serves an attachment only to those who may see its obligation; a foreign one answers 404."""
    obligation = _visible_obligation(request, pk)
    event = get_object_or_404(ObligationEvent, pk=event_pk, obligation=obligation)
    if not event.attachment:
        raise Http404
    return FileResponse(event.attachment.open("rb"), as_attachment=True, filename=event.attachment_name or "Anlage")
