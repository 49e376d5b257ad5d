from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings.documents import agenda_pdf, meeting_ics
from meetings.forms import (
    AgendaItemForm,
    AttachmentForm,
    AttendanceForm,
    CancelMeetingForm,
    MeetingForm,
    PresenterForm,
    RsvpForm,
)
from meetings.models import AgendaAttachment, AgendaItem, AgendaProposal, Attendance, Meeting, ProposalStatus, Response
from meetings.selectors import active_members, meetings_visible_to, member_for
from meetings.services import groups as group_services
from meetings.services import rotation
from meetings.services.notices import send_invitations
from meetings.services.participation import record_attendance, respond
from meetings.views.common import apply_errors, item_or_404, meeting_or_404


def _agenda(meeting):
    return meeting.agenda_items.order_by("position", "pk").prefetch_related(
        Prefetch("attachments", queryset=AgendaAttachment.objects.order_by("filename", "pk"))
    )


@login_required
def meeting_detail(request, pk: int):
    meeting = meeting_or_404(request, pk)
    return render(request, "meetings/meeting_detail.html", _meeting_context(request, meeting))


def _meeting_context(request, meeting, rsvp_form=None) -> dict:
    group = meeting.group
    manages = request.user.has_perm("meetings.manage_meeting", meeting)
    member = member_for(request.user, group)
    attendance = Attendance.objects.filter(meeting=meeting, member=member).first() if member else None
    context = {
        "meeting": meeting,
        "group": group,
        "manages": manages,
        "member": member,
        "items": _agenda(meeting),
        "attendance": attendance,
        "can_respond": request.user.has_perm("meetings.respond", meeting) and not meeting.is_past,
        "rsvp_form": rsvp_form
        or RsvpForm(
            initial={
                "response": attendance.response,
                "substitute": attendance.substitute,
                "comment": attendance.comment,
            }
            if attendance
            else None
        ),
        "protocol": getattr(meeting, "protocol", None) if hasattr(meeting, "protocol") else None,
        "total_minutes": sum(item.minutes for item in meeting.agenda_items.all()),
        "today": timezone.localdate(),
    }
    if manages:
        attendances = list(
            Attendance.objects.filter(meeting=meeting, member__active=True)
            .select_related("member__user", "member__agency")
            .order_by("member__kind", "member__agency__name", "member__user__last_name", "member__name")
        )
        context["attendances"] = attendances
        context["counts"] = {value: sum(1 for a in attendances if a.response == value) for value in Response.values}
        context["no_answer"] = sum(1 for a in attendances if not a.response)
        context["pending_proposals"] = AgendaProposal.objects.filter(
            group=group, status__in=[ProposalStatus.OPEN, ProposalStatus.DEFERRED]
        ).select_related("proposed_by__user", "proposed_by__agency")[:20]
        if group.uses_rotation and not meeting.is_cancelled and not meeting.presenting_agency_id:
            context["rotation_proposal"] = rotation.proposal_for(group, meeting)
    return context


@login_required
def meeting_edit(request, pk: int):
    meeting = meeting_or_404(request, pk, "meetings.manage_meeting")
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            group_services.update_meeting(
                meeting=Meeting.objects.get(pk=meeting.pk), by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Die Sitzung wurde geändert."))
            return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": meeting, "group": meeting.group})


@login_required
def meeting_cancel(request, pk: int):
    meeting = meeting_or_404(request, pk, "meetings.manage_meeting")
    form = CancelMeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group_services.cancel_meeting(meeting=meeting, by=request.user, reason=form.cleaned_data["reason"])
        except group_services.MeetingError as error:
            messages.error(request, str(error))
        except ValidationError as error:
            apply_errors(form, error)
            return render(request, "meetings/meeting_cancel.html", {"form": form, "meeting": meeting})
        else:
            messages.success(request, _("Die Sitzung ist abgesagt."))
        return redirect(meeting)
    return render(request, "meetings/meeting_cancel.html", {"form": form, "meeting": meeting})


@login_required
def agenda_item_add(request, pk: int):
    meeting = meeting_or_404(request, pk, "meetings.manage_meeting")
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group_services.add_agenda_item(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Der Tagesordnungspunkt wurde ergänzt."))
            return redirect(meeting)
    return render(request, "meetings/agenda_item_form.html", {"form": form, "meeting": meeting})


@login_required
def agenda_item_edit(request, pk: int):
    item = item_or_404(request, pk)
    form = AgendaItemForm(request.POST or None, instance=item)
    attachment_form = AttachmentForm()
    if request.method == "POST" and form.is_valid():
        try:
            group_services.update_agenda_item(
                item=AgendaItem.objects.get(pk=item.pk), by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Der Tagesordnungspunkt wurde geändert."))
            return redirect(item.meeting)
    return render(
        request,
        "meetings/agenda_item_form.html",
        {"form": form, "meeting": item.meeting, "item": item, "attachment_form": attachment_form},
    )


@login_required
@require_POST
def agenda_item_delete(request, pk: int):
    item = item_or_404(request, pk)
    try:
        group_services.delete_agenda_item(item=item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Der Tagesordnungspunkt wurde entfernt."))
    return redirect(item.meeting)


@login_required
@require_POST
def agenda_item_move(request, pk: int):
    item = item_or_404(request, pk)
    group_services.move_agenda_item(
        item=item, direction=-1 if request.POST.get("richtung") == "hoch" else 1, by=request.user
    )
    return redirect(f"{item.meeting.get_absolute_url()}#top-{item.pk}")


@login_required
def attachment_upload(request, pk: int):
    item = item_or_404(request, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            group_services.add_attachment(item=item, upload=form.cleaned_data["file"], by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Die Anlage wurde hochgeladen."))
            return redirect(item.meeting)
    return render(
        request,
        "meetings/agenda_item_form.html",
        {"form": AgendaItemForm(instance=item), "meeting": item.meeting, "item": item, "attachment_form": form},
    )


@login_required
def attachment_download(request, pk: int):
    attachment = get_object_or_404(
        AgendaAttachment.objects.select_related("item__meeting__group").filter(
            item__meeting__in=meetings_visible_to(request.user)
        ),
        pk=pk,
    )
    if not request.user.has_perm("meetings.view_meeting", attachment.item.meeting):
        raise Http404
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.filename)


@login_required
def agenda_pdf_view(request, pk: int):
    meeting = meeting_or_404(request, pk)
    response = HttpResponse(agenda_pdf(meeting), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="Tagesordnung-{meeting.date:%Y-%m-%d}.pdf"'
    return response


def _ics_response(meeting) -> HttpResponse:
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="Sitzung-{meeting.date:%Y-%m-%d}.ics"'
    return response


@login_required
def meeting_ics_view(request, pk: int):
    return _ics_response(meeting_or_404(request, pk))


@login_required
@require_POST
def rsvp(request, pk: int):
    meeting = meeting_or_404(request, pk, "meetings.respond")
    member = member_for(request.user, meeting.group)
    form = RsvpForm(request.POST)
    if form.is_valid():
        try:
            respond(meeting=meeting, member=member, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Danke, Ihre Rückmeldung ist gespeichert."))
        return redirect(meeting)
    return render(request, "meetings/meeting_detail.html", _meeting_context(request, meeting, form), status=400)


def guest_rsvp(request, pk: int, token: str):
    """A guest's personal RSVP link (no login). The token belongs to exactly one meeting and member."""
    attendance = get_object_or_404(
        Attendance.objects.select_related("meeting__group", "member").filter(member__active=True),
        meeting_id=pk,
        token=token,
    )
    meeting = attendance.meeting
    if not meeting.is_published:
        raise Http404
    form = RsvpForm(
        request.POST or None,
        initial={"response": attendance.response, "substitute": attendance.substitute, "comment": attendance.comment},
    )
    if request.method == "POST" and form.is_valid():
        try:
            respond(meeting=meeting, member=attendance.member, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Danke, Ihre Rückmeldung ist gespeichert."))
            return redirect("meetings:guest_rsvp", meeting.pk, token)
    attendance.refresh_from_db()
    return render(
        request,
        "meetings/guest_rsvp.html",
        {"meeting": meeting, "attendance": attendance, "form": form, "items": _agenda(meeting), "token": token},
    )


def guest_ics(request, pk: int, token: str):
    attendance = get_object_or_404(Attendance.objects.select_related("meeting__group"), meeting_id=pk, token=token)
    if not attendance.meeting.is_published:
        raise Http404
    return _ics_response(attendance.meeting)


@login_required
def attendance_view(request, pk: int):
    meeting = meeting_or_404(request, pk, "meetings.manage_meeting")
    members = list(active_members(meeting.group))
    present = set(Attendance.objects.filter(meeting=meeting, attended=True).values_list("member_id", flat=True)) or set(
        Attendance.objects.filter(meeting=meeting, response=Response.YES).values_list("member_id", flat=True)
    )
    form = AttendanceForm(request.POST or None, members=members, initial={"present": [str(pk) for pk in present]})
    if request.method == "POST" and form.is_valid():
        count = record_attendance(
            meeting=meeting, present_member_ids={int(value) for value in form.cleaned_data["present"]}, by=request.user
        )
        messages.success(request, _("Anwesenheit gespeichert: %(n)d Personen.") % {"n": count})
        return redirect(meeting)
    return render(request, "meetings/attendance.html", {"meeting": meeting, "form": form})


@login_required
@require_POST
def invitations_send(request, pk: int):
    meeting = meeting_or_404(request, pk, "meetings.manage_meeting")
    if not meeting.is_published or meeting.is_cancelled:
        messages.error(request, _("Einladungen gibt es erst, wenn der Termin veröffentlicht ist."))
        return redirect(meeting)
    count = send_invitations(meeting=meeting, by=request.user)
    if count:
        messages.success(request, _("%(n)d Einladungen wurden verschickt.") % {"n": count})
    else:
        messages.info(request, _("Alle Mitglieder sind bereits eingeladen."))
    return redirect(meeting)


@login_required
def presenter(request, pk: int):
    """The rotation's ranking with its reasons; the owner confirms the proposal or chooses another agency."""
    meeting = meeting_or_404(request, pk, "meetings.manage_meeting")
    if not meeting.group.uses_rotation or meeting.is_cancelled:
        raise Http404
    ranked = rotation.candidates(meeting.group, meeting)
    form = PresenterForm(request.POST or None, candidates=ranked)
    if request.method == "POST" and form.is_valid():
        try:
            rotation.confirm_presenter(
                meeting=meeting, agency=form.cleaned_data["agency"], by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("%(agency)s stellt in dieser Sitzung vor.") % {"agency": form.cleaned_data["agency"]}
            )
            return redirect(f"{meeting.get_absolute_url()}#vorstellung")
    return render(
        request,
        "meetings/presenter.html",
        {
            "meeting": meeting,
            "group": meeting.group,
            "candidates": ranked,
            "form": form,
            "history": rotation.history(meeting.group)[:12],
        },
    )
