from collections import Counter
from itertools import islice

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.access import scope_for
from agencies.models import Agency
from meetings.forms import AgencyStaffForm, GuestForm, MeetingForm, UserMemberForm, VolunteerForm, WorkingGroupForm
from meetings.models import AgendaProposal, AnnualPlan, GroupKind, Meeting, Member, MemberKind
from meetings.models.groups import DEFAULT_YEARLY_MINIMUM
from meetings.selectors import (
    active_members,
    active_members_with_agencies,
    group_list_for,
    meetings_of_group,
    member_for,
)
from meetings.services import groups as group_services
from meetings.services import rotation
from meetings.services.participation import volunteer
from meetings.views.common import apply_errors, group_or_404


@login_required
def group_list(request):
    today = timezone.localdate()
    page = Paginator(group_list_for(request.user, today), settings.AGENTURNETZ_PAGE_SIZE).get_page(
        request.GET.get("seite")
    )
    return render(
        request,
        "meetings/group_list.html",
        {"page": page, "can_create": request.user.has_perm("meetings.create_group"), "today": today},
    )


@login_required
def group_create(request):
    if not request.user.has_perm("meetings.create_group"):
        raise Http404
    scope = scope_for(request.user)
    kind = request.GET.get("art", GroupKind.SPECIALIST_GROUP)
    form = WorkingGroupForm(
        request.POST or None,
        user=request.user,
        scope=scope,
        initial={"kind": kind, "yearly_minimum": DEFAULT_YEARLY_MINIMUM.get(kind, 0)},
    )
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in form.fields}
        try:
            group = group_services.create_group(by=request.user, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Der Arbeitskreis wurde angelegt. Nehmen Sie jetzt Mitglieder auf."))
            return redirect("meetings:members", group.pk)
    return render(request, "meetings/group_form.html", {"form": form})


@login_required
def group_edit(request, pk: int):
    group = group_or_404(request, pk, "meetings.manage_group")
    form = WorkingGroupForm(request.POST or None, instance=group, user=request.user, scope=scope_for(request.user))
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in form.fields}
        try:
            group_services.update_group(group=group, by=request.user, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Die Änderungen wurden gespeichert."))
            return redirect(group)
    return render(request, "meetings/group_form.html", {"form": form, "group": group})


def plan_statuses(group, years: tuple[int, ...], group_meetings: list[Meeting]) -> list[dict]:
    """Per year: how many meetings are planned (not cancelled), whether the plan is published and whether the group
    falls short of its yearly minimum. One query for any number of years; the meetings are the group's, read anyway
    (`meetings_of_group`)."""
    published = dict(
        AnnualPlan.objects.filter(group=group, year__in=years).order_by().values_list("year", "published_at")
    )
    counts = Counter(meeting.date.year for meeting in group_meetings if meeting.cancelled_at is None)
    return [
        {
            "year": year,
            "count": counts[year],
            "published": published.get(year) is not None,
            "below_minimum": counts[year] < group.yearly_minimum,
        }
        for year in years
    ]


# What the group page shows of a member who proposed an agenda item.
MEMBER_NAME_FIELDS = (
    "user_id",
    "name",
    "email",
    "agency_id",
    "organisation",
    "user__username",
    "user__first_name",
    "user__last_name",
    "agency__name",
)


@login_required
def group_detail(request, pk: int):
    group = group_or_404(request, pk)
    today = timezone.localdate()
    manages = request.user.has_perm("meetings.manage_group", group)
    # Two reads serve most of the page: the group's meetings and its active members; lists, counts and the
    # rotation are derived from them (see the selectors).
    group_meetings = meetings_of_group(group)
    members = active_members_with_agencies(group)
    member = next((m for m in members if m.user_id == request.user.pk), None)  # at most one (member_unique_user)
    visible = group_meetings if manages else [m for m in group_meetings if m.published_at is not None]
    upcoming = [m for m in visible if m.date >= today or (m.end_date is not None and m.end_date >= today)][:6]
    past = [m for m in reversed(visible) if m.date < today and not (m.end_date is not None and m.end_date >= today)]
    proposals = (
        AgendaProposal.objects.filter(group=group)
        .select_related("proposed_by__user", "proposed_by__agency")
        .only("title", "status", "reason", "created_at", *(f"proposed_by__{field}" for field in MEMBER_NAME_FIELDS))
    )
    if manages:
        proposals = proposals.filter(status__in=["open", "deferred"])
    elif member is not None:
        proposals = proposals.filter(proposed_by=member)
    else:
        proposals = proposals.none()
    next_meeting = next((m for m in upcoming if not m.is_cancelled), None)
    rotation_proposal = None
    if group.uses_rotation and manages and next_meeting and not next_meeting.presenting_agency_id:
        ranked = rotation.candidates_among(
            group,
            next_meeting,
            member_agencies=(m.agency for m in members),
            group_meetings=group_meetings,
        )
        rotation_proposal = ranked[0] if ranked else None
    history = []
    if group.uses_rotation:  # who presented, latest first, as `rotation.history`
        presented = (m for m in reversed(group_meetings) if m.presenting_agency_id and m.cancelled_at is None)
        history = list(islice(presented, 10))
    volunteer_form = None
    if group.uses_rotation and member is not None and member.kind == MemberKind.STAFF:
        volunteer_form = VolunteerForm(agencies=Agency.objects.filter(pk=member.agency_id))
    return render(
        request,
        "meetings/group_detail.html",
        {
            "group": group,
            "manages": manages,
            "member": member,
            "upcoming": upcoming,
            "past": past[:8],
            "plans": plan_statuses(group, (today.year, today.year + 1), group_meetings),
            "proposals": proposals[:20],
            "member_count": len(members),
            "rotation_proposal": rotation_proposal,
            "next_meeting": next_meeting,
            "history": history,
            "volunteer_form": volunteer_form,
            "is_retreat": group.kind == GroupKind.RETREAT,
        },
    )


def _agencies_for_members(request, group):
    """Agencies whose people the owner may add: the district's agencies; for state-level groups all agencies."""
    agencies = Agency.objects.active_on(timezone.localdate()).select_related("provider").order_by("name")
    if group.owner_district_id is None:
        return agencies
    return agencies.filter(provider__district_id=group.owner_district_id)


@login_required
def members(request, pk: int):
    group = group_or_404(request, pk, "meetings.manage_group")
    agencies = _agencies_for_members(request, group)
    action = request.POST.get("action") if request.method == "POST" else None
    user_form = UserMemberForm(request.POST if action == "user" else None, agencies=agencies, prefix="person")
    staff_form = AgencyStaffForm(request.POST if action == "agency" else None, agencies=agencies, prefix="agentur")
    guest_form = GuestForm(request.POST if action == "guest" else None, prefix="gast")
    form = {"user": user_form, "agency": staff_form, "guest": guest_form}.get(action)
    if form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if action == "user":
                group_services.add_user_member(
                    group=group, user=data["user"], kind=data["kind"], agency=data.get("agency"), by=request.user
                )
                messages.success(request, _("%(name)s ist jetzt Mitglied.") % {"name": data["user"]})
            elif action == "agency":
                added = group_services.add_agency_staff(group=group, agency=data["agency"], by=request.user)
                messages.success(request, _("%(n)d Fachkräfte wurden aufgenommen.") % {"n": added})
            else:
                group_services.add_guest(group=group, by=request.user, **data)
                messages.success(request, _("%(name)s wurde als Gast aufgenommen.") % {"name": data["name"]})
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("meetings:members", group.pk)
    return render(
        request,
        "meetings/members.html",
        {
            "group": group,
            "members": active_members(group),
            "user_form": user_form,
            "staff_form": staff_form,
            "guest_form": guest_form,
        },
    )


@login_required
@require_POST
def member_remove(request, pk: int):
    member = get_object_or_404(Member.objects.select_related("group", "user"), pk=pk)
    group = group_or_404(request, member.group_id, "meetings.manage_group")
    group_services.remove_member(member=member, by=request.user)
    messages.success(request, _("%(name)s erhält keine Einladungen mehr.") % {"name": member.display_name})
    return redirect("meetings:members", group.pk)


@login_required
def annual_plan(request, pk: int, year: int):
    group = group_or_404(request, pk, "meetings.manage_group")
    if not 2000 <= year <= 2100:
        raise Http404
    plan = AnnualPlan.objects.filter(group=group, year=year).first()
    meetings = (
        Meeting.objects.filter(group=group, date__year=year)
        .select_related("presenting_agency")
        .annotate(item_count=Count("agenda_items"))
        .order_by("date", "start_time")
    )
    initial = {"location": group.default_location}
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["date"].year != year:
            form.add_error("date", _("Bitte wählen Sie ein Datum im Jahr %(year)s.") % {"year": year})
        else:
            try:
                group_services.create_meeting(group=group, by=request.user, **data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Der Termin wurde eingetragen."))
                return redirect("meetings:plan", group.pk, year)
    count = sum(1 for meeting in meetings if not meeting.is_cancelled)
    return render(
        request,
        "meetings/annual_plan.html",
        {
            "group": group,
            "year": year,
            "plan": plan,
            "meetings": meetings,
            "count": count,
            "below_minimum": count < group.yearly_minimum,
            "form": form,
        },
    )


@login_required
@require_POST
def plan_publish(request, pk: int, year: int):
    group = group_or_404(request, pk, "meetings.manage_group")
    try:
        group_services.publish_plan(group=group, year=year, by=request.user)
    except group_services.PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Der Jahresplan %(year)s ist veröffentlicht; die Mitglieder wurden benachrichtigt.") % {"year": year},
        )
    return redirect("meetings:plan", group.pk, year)


@login_required
@require_POST
def volunteer_view(request, pk: int):
    group = group_or_404(request, pk, "meetings.propose_item")
    member = member_for(request.user, group)
    if member is None or member.kind != MemberKind.STAFF:
        raise Http404
    form = VolunteerForm(request.POST, agencies=Agency.objects.filter(pk=member.agency_id))
    if form.is_valid():
        try:
            volunteer(group=group, member=member, agency=form.cleaned_data["agency"], topic=form.cleaned_data["topic"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Danke! Ihre Agentur steht jetzt oben auf der Vorschlagsliste."))
    else:
        messages.error(request, _("Bitte wählen Sie Ihre Agentur."))
    return redirect(group)
