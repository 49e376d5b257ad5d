import pytest
from django.utils import timezone

from agencies import demo as agencies_demo
from meetings import demo
from meetings.models import ActionItem, Meeting, Member, Protocol, WorkingGroup

pytestmark = pytest.mark.django_db


def test_demo_has_the_four_awo_groups_a_published_protocol_and_guests():
    today = timezone.localdate()
    agencies_demo.seed(today=today)
    demo.seed(today=today)
    kinds = set(WorkingGroup.objects.values_list("kind", flat=True))
    assert kinds == {"facharbeitskreis", "gemeinsamer_arbeitskreis", "klausurtagung", "traegerkonferenz"}
    fak = WorkingGroup.objects.get(kind="facharbeitskreis")
    assert Meeting.objects.filter(group=fak, title__endswith=f"/{today.year}").count() == 3
    assert Protocol.objects.filter(status="published", meeting__group=fak).count() == 1
    assert ActionItem.objects.count() == 2
    assert Member.objects.filter(kind="guest").count() == 3
    counts = (Meeting.objects.count(), Member.objects.count(), ActionItem.objects.count())
    demo.seed(today=today)
    assert (Meeting.objects.count(), Member.objects.count(), ActionItem.objects.count()) == counts
