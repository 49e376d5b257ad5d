from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.services import StaleEditError, stored_documents_of
from meetings.documents import protocol_pdf
from meetings.forms import ActionItemForm, ProtocolForm, SearchForm
from meetings.models import ActionItem, AgendaItem, Attendance, Protocol
from meetings.selectors import active_members, open_action_items_for, protocols_visible_to, search_protocols
from meetings.services import protocols as protocol_services
from meetings.views.common import apply_errors, meeting_or_404


def _items(meeting):
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("position", "pk")
        .prefetch_related(
            Prefetch(
                "action_items", queryset=ActionItem.objects.select_related("responsible__user", "responsible__agency")
            )
        )
    )


@login_required
def protocol_edit(request, pk: int):
    meeting = meeting_or_404(request, pk, "meetings.manage_meeting")
    protocol = protocol_services.protocol_for(meeting)
    if protocol.is_published:
        return redirect("meetings:protocol", meeting.pk)
    items = list(_items(meeting))
    form = ProtocolForm(
        request.POST or None,
        items=items,
        initial={"version": protocol.version, "summary": protocol.summary, "recorded_by": protocol.recorded_by},
    )
    action_form = ActionItemForm(meeting=meeting, members=active_members(meeting.group), prefix="aufgabe")
    if request.method == "POST" and form.is_valid():
        try:
            protocol_services.save_protocol(
                meeting=meeting,
                by=request.user,
                expected_version=form.cleaned_data["version"],
                summary=form.cleaned_data["summary"],
                recorded_by=form.cleaned_data["recorded_by"],
                items=form.item_texts(),
            )
        except StaleEditError as error:
            form.add_error(
                None,
                _(
                    "%(error)s Ihre Eingaben stehen unten; bitte öffnen Sie die Seite in einem zweiten Tab "
                    "und übertragen Sie sie."
                )
                % {"error": error},
            )
        except protocol_services.ProtocolError as error:
            messages.error(request, str(error))
            return redirect("meetings:protocol", meeting.pk)
        else:
            messages.success(request, _("Der Protokollentwurf wurde gespeichert."))
            return redirect("meetings:protocol_edit", meeting.pk)
    return render(
        request,
        "meetings/protocol_edit.html",
        {
            "meeting": meeting,
            "group": meeting.group,
            "protocol": protocol,
            "form": form,
            "action_form": action_form,
            "items": items,
        },
    )


@login_required
def action_item_add(request, pk: int):
    meeting = meeting_or_404(request, pk, "meetings.manage_meeting")
    form = ActionItemForm(
        request.POST or None, meeting=meeting, members=active_members(meeting.group), prefix="aufgabe"
    )
    if request.method == "POST" and form.is_valid():
        try:
            protocol_services.add_action_item(
                by=request.user, item=form.cleaned_data.pop("agenda_item"), **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        except protocol_services.ProtocolError as error:
            messages.error(request, str(error))
            return redirect("meetings:protocol", meeting.pk)
        else:
            messages.success(request, _("Die Aufgabe wurde ergänzt."))
            return redirect(reverse("meetings:protocol_edit", args=[meeting.pk]) + "#aufgaben")
    return render(request, "meetings/action_item_form.html", {"meeting": meeting, "form": form})


@login_required
@require_POST
def action_item_delete(request, pk: int):
    action = get_object_or_404(ActionItem.objects.select_related("agenda_item__meeting__group"), pk=pk)
    meeting = meeting_or_404(request, action.agenda_item.meeting_id, "meetings.manage_meeting")
    try:
        protocol_services.delete_action_item(action=action, by=request.user)
    except protocol_services.ProtocolError as error:
        messages.error(request, str(error))
    return redirect("meetings:protocol_edit", meeting.pk)


@login_required
@require_POST
def protocol_publish(request, pk: int):
    meeting = meeting_or_404(request, pk, "meetings.manage_meeting")
    try:
        protocol_services.publish_protocol(meeting=meeting, by=request.user)
    except protocol_services.ProtocolError as error:
        messages.error(request, str(error))
        return redirect("meetings:protocol_edit", meeting.pk)
    messages.success(request, _("Das Protokoll ist freigegeben und wurde an alle Mitglieder verschickt."))
    return redirect("meetings:protocol", meeting.pk)


def _protocol_or_404(request, pk: int) -> Protocol:
    protocol = get_object_or_404(protocols_visible_to(request.user), meeting_id=pk)
    if not request.user.has_perm("meetings.view_protocol", protocol):
        raise Http404
    return protocol


@login_required
def protocol_detail(request, pk: int):
    protocol = _protocol_or_404(request, pk)
    meeting = protocol.meeting
    return render(
        request,
        "meetings/protocol_detail.html",
        {
            "meeting": meeting,
            "group": meeting.group,
            "protocol": protocol,
            "items": _items(meeting),
            "attendances": Attendance.objects.filter(meeting=meeting, attended=True).select_related(
                "member__user", "member__agency"
            ),
            "manages": request.user.has_perm("meetings.manage_meeting", meeting),
        },
    )


@login_required
def protocol_pdf_view(request, pk: int):
    """The published protocol as it was stored when published; a draft is rendered for the owner only."""
    protocol = _protocol_or_404(request, pk)
    if protocol.is_published:
        stored = stored_documents_of(protocol).first()
        if stored is not None:
            return FileResponse(stored.file.open("rb"), content_type="application/pdf", filename=stored.filename)
    response = HttpResponse(protocol_pdf(protocol.meeting), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="Protokoll-{protocol.meeting.date:%Y-%m-%d}.pdf"'
    return response


@login_required
def my_action_items(request):
    items = open_action_items_for(request.user)
    page = Paginator(items, settings.AGENTURNETZ_PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(request, "meetings/action_items.html", {"page": page})


@login_required
@require_POST
def action_item_done(request, pk: int):
    action = get_object_or_404(
        ActionItem.objects.select_related("agenda_item__meeting__group", "responsible").filter(
            agenda_item__meeting__protocol__in=protocols_visible_to(request.user)
        ),
        pk=pk,
    )
    if not request.user.has_perm("meetings.complete_action_item", action):
        raise Http404
    done = request.POST.get("erledigt", "1") == "1"
    protocol_services.complete_action_item(action=action, by=request.user, done=done)
    messages.success(
        request, _("Die Aufgabe ist als erledigt markiert.") if done else _("Die Aufgabe ist wieder offen.")
    )
    next_url = request.POST.get("weiter", "")
    return redirect(next_url if next_url.startswith("/") and not next_url.startswith("//") else "meetings:action_items")


@login_required
def archive(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results = search_protocols(request.user, query).select_related("meeting__group")
    page = Paginator(results, settings.AGENTURNETZ_PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "meetings/archive.html",
        {"form": form, "page": page, "query": query, "querystring": urlencode({"q": query})},
    )
