"""A working group of the `world` district with a specialist member, a guest and a coordinator as owner."""

from dataclasses import dataclass

import pytest

from meetings.models import Meeting, Member, WorkingGroup
from tests.meetings.factories import MeetingFactory, WorkingGroupFactory, guest_of, staff_member_of


@dataclass
class Circle:
    group: WorkingGroup
    member: Member  # the `specialist` fixture's membership
    guest: Member
    meeting: Meeting  # published, in 30 days


@pytest.fixture
def circle(world, specialist) -> Circle:
    group = WorkingGroupFactory(owner_district=world.district, name="Facharbeitskreis Niederrhein")
    member = staff_member_of(group, agency=world.agency, user=specialist)
    guest = guest_of(group, name="Tarek Gast", email="tarek@jmd.example")
    meeting = MeetingFactory(group=group)
    return Circle(group=group, member=member, guest=guest, meeting=meeting)


@pytest.fixture
def foreign_group(world):
    """A group of the other district, with a meeting."""
    group = WorkingGroupFactory(owner_district=world.other_district, name="Caritas-Arbeitskreis")
    MeetingFactory(group=group)
    return group
