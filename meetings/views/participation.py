from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings.forms import DecisionForm, ProposalForm, TopicForm
from meetings.models import AgendaProposal, GroupKind, Meeting, TopicProposal, TopicVote
from meetings.selectors import groups_visible_to, member_for
from meetings.services.participation import choose_topic, decide_proposal, propose_item, propose_topic, toggle_vote
from meetings.views.common import apply_errors, group_or_404


def _upcoming(group):
    return Meeting.objects.filter(
        group=group, date__gte=timezone.localdate(), cancelled_at__isnull=True, published_at__isnull=False
    ).order_by("date")


@login_required
def propose(request, pk: int):
    group = group_or_404(request, pk, "meetings.propose_item")
    member = member_for(request.user, group)
    form = ProposalForm(request.POST or None, meetings=_upcoming(group))
    if request.method == "POST" and form.is_valid():
        try:
            propose_item(group=group, member=member, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Danke für Ihren Vorschlag. Die Koordination entscheidet und Sie erhalten eine Nachricht.")
            )
            return redirect(group)
    return render(request, "meetings/proposal_form.html", {"group": group, "form": form})


@login_required
def decide(request, pk: int):
    proposal = get_object_or_404(
        AgendaProposal.objects.select_related(
            "group", "proposed_by__user", "proposed_by__agency", "wished_meeting"
        ).filter(group__in=groups_visible_to(request.user)),
        pk=pk,
    )
    group = group_or_404(request, proposal.group_id, "meetings.manage_group")
    meetings = Meeting.objects.filter(group=group, date__gte=timezone.localdate(), cancelled_at__isnull=True).order_by(
        "date"
    )
    initial = {"meeting": proposal.wished_meeting_id or (meetings.first().pk if meetings.exists() else None)}
    form = DecisionForm(request.POST or None, meetings=meetings, initial=initial)
    if request.method == "POST" and proposal.is_pending and form.is_valid():
        try:
            decide_proposal(proposal=proposal, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Ihre Entscheidung wurde gespeichert; die vorschlagende Person wird benachrichtigt.")
            )
            return redirect((request.GET.get("zurueck") == "sitzung" and form.cleaned_data.get("meeting")) or group)
    return render(request, "meetings/proposal_decide.html", {"group": group, "proposal": proposal, "form": form})


@login_required
def topics(request, pk: int):
    group = group_or_404(request, pk)
    if group.kind != GroupKind.RETREAT:
        raise Http404
    member = member_for(request.user, group)
    manages = request.user.has_perm("meetings.manage_group", group)
    year = timezone.localdate().year + 1
    form = TopicForm(request.POST or None) if member else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            propose_topic(group=group, member=member, year=year, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Ihr Themenvorschlag steht jetzt zur Abstimmung."))
            return redirect("meetings:topics", group.pk)
    proposals = (
        TopicProposal.objects.filter(group=group, year=year)
        .select_related("proposed_by__user")
        .annotate(
            vote_count=Count("votes"),
            my_vote=Exists(TopicVote.objects.filter(topic=OuterRef("pk"), member=member))
            if member
            else Exists(TopicVote.objects.none()),
        )
        .order_by("-vote_count", "title")
    )
    return render(
        request,
        "meetings/topics.html",
        {"group": group, "year": year, "topics": proposals, "form": form, "member": member, "manages": manages},
    )


@login_required
@require_POST
def topic_vote(request, pk: int):
    topic = get_object_or_404(TopicProposal.objects.filter(group__in=groups_visible_to(request.user)), pk=pk)
    group = group_or_404(request, topic.group_id, "meetings.propose_item")
    voted = toggle_vote(topic=topic, member=member_for(request.user, group))
    messages.success(request, _("Ihre Stimme wurde gezählt.") if voted else _("Ihre Stimme wurde zurückgenommen."))
    return redirect("meetings:topics", group.pk)


@login_required
@require_POST
def topic_choose(request, pk: int):
    topic = get_object_or_404(TopicProposal.objects.filter(group__in=groups_visible_to(request.user)), pk=pk)
    group = group_or_404(request, topic.group_id, "meetings.manage_group")
    choose_topic(topic=topic, chosen=request.POST.get("gewaehlt") == "1", by=request.user)
    return redirect("meetings:topics", group.pk)
