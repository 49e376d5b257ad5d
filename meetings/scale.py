"""Bulk working groups and meetings for benchmarks, in the shape of meetings.demo for every district: the
Facharbeitskreis of its agencies (three meetings a year, an agency presenting in turn), the joint working group with
MBE/JMD guests (two a year) and the Trägerkonferenz (one a year), each with a published annual plan per year and next
year's dates entered but not yet published.

Past meetings were invited to, answered (RSVPs), attended, protocolled (published protocol with search text, an
action item, done once due) and logged; this year's later meetings are published with their agenda, invited to
when within the invitation weeks, half answered, their presenter still to be chosen (the rotation proposes one).
Every e-mail is a Notice row, as the services write them. Written with bulk_create, one batch per table.
"""

import secrets
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, DistrictAssociation
from agencies.scale import historic_timestamps, users_by_unit
from funding.scale import roll
from meetings.demo import GUESTS
from meetings.models import (
    ActionItem,
    AgendaItem,
    AnnualPlan,
    Attendance,
    GroupKind,
    LogEntry,
    Meeting,
    Member,
    MemberKind,
    Notice,
    Protocol,
    Response,
    WorkingGroup,
)

BATCH = 2000
OFFICE = "Geschäftsstelle des Bezirksverbands, Sitzungsraum 2"
# kind, name, yearly minimum, (month, day) of the meetings, start, end
GROUPS = (
    (GroupKind.SPECIALIST_GROUP, "Facharbeitskreis der Integrationsagenturen", 3, ((3, 12), (6, 18), (10, 15))),
    (GroupKind.JOINT_GROUP, "Gemeinsamer Arbeitskreis der Migrationsfachdienste", 2, ((4, 20), (11, 5))),
    (GroupKind.PROVIDER_CONFERENCE, "Trägerkonferenz Migration", 1, ((12, 1),)),
)
AGENDA = (
    ("Begrüßung und Protokoll der letzten Sitzung", "Koordination", 10),
    ("Neues aus dem Förderprogramm", "Koordination", 30),
    ("Austausch aus den Agenturen", "", 45),
)
DISCUSSION = (
    "Die Koordination berichtet über die Vorgaben des Kompetenzzentrums für Integration; Austausch über die "
    "Übertragbarkeit auf die Sozialräume der Agenturen."
)
DECISIONS = "Die Materialien werden allen Agenturen zur Verfügung gestellt."


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


class MeetingsSeeder:
    def __init__(self, *, years: int, today: date):
        self.today = today
        self.first_year = today.year - years + 1
        self.people = users_by_unit()
        self.districts = list(DistrictAssociation.objects.filter(name__startswith="Skala-").order_by("pk"))
        self.agencies: dict[int, list[int]] = defaultdict(list)  # district → open agencies
        self.providers: dict[int, set[int]] = defaultdict(set)
        for agency_id, provider_id, district_id in (
            Agency.objects.filter(name__startswith="Skala-", closed_on__isnull=True)
            .order_by("pk")
            .values_list("pk", "provider_id", "provider__district_id")
        ):
            self.agencies[district_id].append(agency_id)
            self.providers[district_id].add(provider_id)
        self.log: list[LogEntry] = []
        self.notices: list[Notice] = []

    def groups(self) -> list[tuple[WorkingGroup, tuple]]:
        created = _at(date(self.first_year - 1, 11, 1))
        rows = []
        for district in self.districts:
            for spec in GROUPS:
                kind, name, minimum, _dates = spec
                group = WorkingGroup(
                    name=name,
                    kind=kind,
                    description="Fachlicher Austausch und gemeinsame Handlungslinien für die Arbeit vor Ort.",
                    owner_district=district,
                    yearly_minimum=minimum,
                    invitation_weeks=3,
                    uses_rotation=kind == GroupKind.SPECIALIST_GROUP,
                    default_location=OFFICE,
                    created_at=created,
                )
                rows.append((group, spec))
        WorkingGroup.objects.bulk_create([group for group, _ in rows], batch_size=BATCH)
        return rows

    def members(self, groups) -> dict[int, list[Member]]:
        joined = _at(date(self.first_year - 1, 11, 2))
        by_group: dict[int, list[Member]] = {}
        for group, (kind, *_rest) in groups:
            district_id = group.owner_district_id
            staff = [
                Member(
                    group=group,
                    kind=MemberKind.STAFF,
                    user_id=self.people["agency"][agency_id],
                    agency_id=agency_id,
                    joined_at=joined,
                )
                for agency_id in self.agencies[district_id]
                if agency_id in self.people["agency"]
            ]
            managers = [
                Member(
                    group=group,
                    kind=MemberKind.PROVIDER,
                    user_id=self.people["provider"][provider_id],
                    joined_at=joined,
                )
                for provider_id in sorted(self.providers[district_id])
                if provider_id in self.people["provider"]
            ]
            if kind == GroupKind.SPECIALIST_GROUP:
                members = staff + managers
            elif kind == GroupKind.JOINT_GROUP:
                guests = [
                    Member(
                        group=group,
                        kind=MemberKind.GUEST,
                        name=name,
                        email=email,
                        organisation=organisation,
                        joined_at=joined,
                    )
                    for name, email, organisation in GUESTS
                ]
                members = guests + staff[:3]
            else:
                members = managers
            by_group[group.pk] = members
        Member.objects.bulk_create([m for members in by_group.values() for m in members], batch_size=BATCH)
        return by_group

    def meetings(self, groups, members: dict[int, list[Member]]) -> None:
        plans, meetings = [], []
        for group, (kind, _name, _minimum, dates) in groups:
            coordinator = self.people["district"].get(group.owner_district_id)
            presenters = self.agencies[group.owner_district_id]
            turn = 0
            for year in range(self.first_year, self.today.year + 2):
                # Next year's dates are entered but not yet published (no plan row yet), as in the demo.
                published = _at(date(year - 1, 12, 1)) if year <= self.today.year else None
                if published:
                    plans.append(
                        AnnualPlan(group=group, year=year, published_at=published, published_by_id=coordinator)
                    )
                for number, (month, day) in enumerate(dates, start=1):
                    on = date(year, month, day)
                    past = on < self.today
                    meeting = Meeting(
                        group=group,
                        title=f"{group.name} {number}/{year}",
                        date=on,
                        start_time=time(10, 0) if kind != GroupKind.PROVIDER_CONFERENCE else time(14, 0),
                        end_time=time(13, 0) if kind != GroupKind.PROVIDER_CONFERENCE else time(17, 0),
                        location=OFFICE,
                        published_at=published,
                        updated_at=published or _at(date(year - 1, 12, 1)),
                    )
                    if on - timedelta(weeks=group.invitation_weeks) <= self.today:
                        meeting.invitations_sent_at = _at(on - timedelta(weeks=group.invitation_weeks), 6)
                    if past:
                        meeting.attendance_recorded_at = _at(on + timedelta(days=1))
                        if group.uses_rotation and presenters:
                            meeting.presenting_agency_id = presenters[turn % len(presenters)]
                            meeting.presenting_reason = "hat am längsten nicht vorgestellt"
                            meeting.presenting_confirmed_at = _at(on - timedelta(weeks=6))
                            turn += 1
                    meetings.append((meeting, coordinator))
        AnnualPlan.objects.bulk_create(plans, batch_size=BATCH)
        Meeting.objects.bulk_create([meeting for meeting, _ in meetings], batch_size=BATCH)
        for plan in plans:
            by = plan.published_by_id
            self.log.append(LogEntry(group=plan.group, actor_id=by, action="plan_published", at=plan.published_at))
            self.notices += [
                Notice(kind=Notice.Kind.PLAN, member=m, plan=plan, created_at=plan.published_at)
                for m in members[plan.group_id]
            ]
        items, attendances, protocols, actions = [], [], [], []
        for meeting, coordinator in meetings:
            group = meeting.group
            past = meeting.date < self.today
            self.log.append(
                LogEntry(
                    group=group,
                    meeting=meeting,
                    actor_id=coordinator,
                    action="meeting_created",
                    detail=str(meeting.title),
                    at=meeting.updated_at,
                )
            )
            agenda = []
            for position, (title, presenter, minutes) in enumerate(AGENDA, start=1):
                item = AgendaItem(meeting=meeting, position=position, title=title, presenter=presenter, minutes=minutes)
                if past and position > 1:
                    item.discussion, item.decisions = DISCUSSION, DECISIONS
                agenda.append(item)
            items += agenda
            if meeting.invitations_sent_at:
                self.log.append(
                    LogEntry(
                        group=group,
                        meeting=meeting,
                        action="invitations_sent",
                        detail=str(len(members[group.pk])),
                        at=meeting.invitations_sent_at,
                    )
                )
                for member in members[group.pk]:
                    self.notices.append(
                        Notice(
                            kind=Notice.Kind.INVITATION,
                            member=member,
                            meeting=meeting,
                            created_at=meeting.invitations_sent_at,
                        )
                    )
                    r = roll(meeting.date, member.group_id, member.user_id or member.email)
                    if not past and r >= 50:
                        continue  # not answered yet
                    response = Response.YES if r < 80 else Response.NO if r < 92 else Response.MAYBE
                    attendances.append(
                        Attendance(
                            meeting=meeting,
                            member=member,
                            response=response,
                            responded_at=meeting.invitations_sent_at + timedelta(days=1 + r % 10),
                            attended=(response == Response.YES) if past else None,
                            token=secrets.token_urlsafe(24),
                        )
                    )
            if past:
                protocol = Protocol(
                    meeting=meeting,
                    status=Protocol.Status.PUBLISHED,
                    summary="Begrüßung und Vorstellungsrunde.",
                    recorded_by="Koordination",
                    approved_by_id=coordinator,
                    published_at=_at(meeting.date + timedelta(days=7)),
                    updated_at=_at(meeting.date + timedelta(days=7)),
                )
                protocols.append(protocol)
                responsible = next(
                    (m for m in members[group.pk] if m.agency_id and m.agency_id == meeting.presenting_agency_id),
                    None,
                ) or next((m for m in members[group.pk] if m.user_id), None)
                action = None
                if responsible is not None:
                    due = meeting.date + timedelta(days=30)
                    action = ActionItem(
                        agenda_item=agenda[1],
                        description="Materialien im Austauschordner ablegen",
                        responsible=responsible,
                        due_date=due,
                        done_at=_at(due - timedelta(days=2)) if due < self.today else None,
                        done_by_id=responsible.user_id if due < self.today else None,
                    )
                    actions.append(action)
                parts = [group.name, meeting.title, protocol.summary]
                for item in agenda:
                    parts += [item.title, item.description, item.discussion, item.decisions]
                    if action is not None and item is agenda[1]:
                        parts.append(action.description)
                protocol.search_text = "\n".join(part for part in parts if part)
                self.log.append(
                    LogEntry(
                        group=group,
                        meeting=meeting,
                        actor_id=coordinator,
                        action="protocol_published",
                        at=protocol.published_at,
                    )
                )
                self.notices += [
                    Notice(kind=Notice.Kind.PROTOCOL, member=m, meeting=meeting, created_at=protocol.published_at)
                    for m in members[group.pk]
                ]
        AgendaItem.objects.bulk_create(items, batch_size=BATCH)
        for action in actions:
            action.agenda_item_id = action.agenda_item.pk
        Attendance.objects.bulk_create(attendances, batch_size=BATCH)
        Protocol.objects.bulk_create(protocols, batch_size=BATCH)
        ActionItem.objects.bulk_create(actions, batch_size=BATCH)
        LogEntry.objects.bulk_create(self.log, batch_size=BATCH)
        Notice.objects.bulk_create(self.notices, batch_size=BATCH)


@transaction.atomic
def seed(*, agencies: int, years: int, today: date) -> None:
    timestamps = [
        WorkingGroup._meta.get_field("created_at"),
        Member._meta.get_field("joined_at"),
        Meeting._meta.get_field("updated_at"),
        Protocol._meta.get_field("updated_at"),
        LogEntry._meta.get_field("at"),
        Notice._meta.get_field("created_at"),
    ]
    with historic_timestamps(*timestamps):
        seeder = MeetingsSeeder(years=years, today=today)
        groups = seeder.groups()
        members = seeder.members(groups)
        seeder.meetings(groups, members)
