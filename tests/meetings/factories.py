"""Factories for working groups, meetings and their parts."""

from datetime import time, timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from meetings.models import (
    ActionItem,
    AgendaItem,
    AgendaProposal,
    GroupKind,
    Meeting,
    Member,
    MemberKind,
    Protocol,
    WorkingGroup,
)
from tests import factories


class WorkingGroupFactory(DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    name = factory.Sequence(lambda n: f"Facharbeitskreis {n}")
    kind = GroupKind.SPECIALIST_GROUP
    owner_district = factory.SubFactory(factories.DistrictAssociationFactory)
    yearly_minimum = 3
    invitation_weeks = 3
    uses_rotation = True
    default_location = "Geschäftsstelle, Essen"


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(WorkingGroupFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    start_time = time(10, 0)
    end_time = time(13, 0)
    location = "Geschäftsstelle, Essen"
    published_at = factory.LazyFunction(timezone.now)


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Tagesordnungspunkt {n}")
    minutes = 20


def staff_member_of(group: WorkingGroup, agency=None, user=None) -> Member:
    """A specialist of `agency` (a new one if None) with a login, member of `group`."""
    agency = agency or factories.AgencyFactory(provider__district=group.owner_district)
    user = user or factories.specialist_of(agency)
    return Member.objects.create(group=group, user=user, kind=MemberKind.STAFF, agency=agency)


def guest_of(group: WorkingGroup, name="Irina Gast", email=None) -> Member:
    email = email or f"gast{Member.objects.count()}@mbe.example"
    return Member.objects.create(group=group, kind=MemberKind.GUEST, name=name, email=email, organisation="MBE")


class AgendaProposalFactory(DjangoModelFactory):
    class Meta:
        model = AgendaProposal

    group = factory.SubFactory(WorkingGroupFactory)
    proposed_by = factory.LazyAttribute(lambda o: staff_member_of(o.group))
    title = factory.Sequence(lambda n: f"Vorschlag {n}")


def published_protocol(meeting: Meeting, **fields) -> Protocol:
    return Protocol.objects.create(
        meeting=meeting, status=Protocol.Status.PUBLISHED, published_at=timezone.now(), **fields
    )


def action_item(item: AgendaItem, responsible: Member, due_in_days: int = 10) -> ActionItem:
    return ActionItem.objects.create(
        agenda_item=item,
        description="Materialien verschicken",
        responsible=responsible,
        due_date=timezone.localdate() + timedelta(days=due_in_days),
    )
