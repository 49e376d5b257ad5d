"""Look-ups shared by the views: every object comes through a selector that filters by the user's reach, then a
rule is checked; anything the user may not see answers 404."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from meetings.models import AgendaItem, Meeting, WorkingGroup
from meetings.selectors import groups_visible_to, meetings_visible_to


def group_or_404(request, pk: int, perm: str = "meetings.view_group") -> WorkingGroup:
    group = get_object_or_404(groups_visible_to(request.user), pk=pk)
    if not request.user.has_perm(perm, group):
        raise Http404
    return group


def meeting_or_404(request, pk: int, perm: str = "meetings.view_meeting") -> Meeting:
    meeting = get_object_or_404(meetings_visible_to(request.user), pk=pk)
    if not request.user.has_perm(perm, meeting):
        raise Http404
    return meeting


def item_or_404(request, pk: int) -> AgendaItem:
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting__group__owner_district").filter(
            meeting__in=meetings_visible_to(request.user)
        ),
        pk=pk,
    )
    if not request.user.has_perm("meetings.manage_meeting", item.meeting):
        raise Http404
    return item


def apply_errors(form, error) -> None:
    """Puts a service's ValidationError onto the form, at the field where possible."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
