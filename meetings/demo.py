"""Demo data of the meetings app (Kompendium 4.3): AWO Niederrhein's Facharbeitskreis with three meetings (one past
with a published protocol and action items, one upcoming with agenda and proposals), a joint working group with
MBE/JMD guests, the Klausurtagung with topic votes and the Trägerkonferenz. All people are invented."""

from datetime import date, time, timedelta

from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, DistrictAssociation, Membership, Role, StaffMember
from core.models import User
from meetings.models import (
    ActionItem,
    AgendaItem,
    AgendaProposal,
    AnnualPlan,
    Attendance,
    GroupKind,
    Meeting,
    Member,
    MemberKind,
    Protocol,
    Response,
    TopicProposal,
    TopicVote,
    WorkingGroup,
)
from meetings.services.protocols import search_text_of

DEMO_PASSWORD = "demo"
OFFICE = "AWO Bezirksverband Niederrhein, Lützowstraße 32, 45141 Essen, Sitzungsraum 2"

# One specialist per agency gets a login so that the group has members from many agencies.
STAFF_LOGINS = [
    ("fk-marxloh", "Christina", "Lange", "Duisburg-Marxloh"),
    ("fk-laar", "Stefan", "Brandt", "Duisburg-Laar"),
    ("fk-meiderich", "Nadine", "Vogel", "Duisburg-Meiderich"),
    ("fk-moers", "Katrin", "Hoffmann", "Wesel-Moers"),
    ("fk-kleve", "Thomas", "Janssen", "Kleve"),
    ("fk-mg", "Petra", "Schulte", "Mönchengladbach"),
    ("fk-duesseldorf", "Julia", "Richter", "Düsseldorf"),
    ("fk-wuppertal", "Martina", "Klein", "Wuppertal-Barmen"),
]
GUESTS = [
    ("Irina Baumann", "i.baumann@mbe-duisburg.example", "Migrationsberatung für Erwachsene (MBE) Duisburg"),
    ("Tarek Nassar", "t.nassar@jmd-essen.example", "Jugendmigrationsdienst (JMD) Essen"),
    ("Sofia Marinescu", "s.marinescu@fluechtlingsberatung-kleve.example", "Soziale Beratung von Flüchtlingen Kleve"),
]


def _login(username, first_name, last_name, agency: Agency) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first_name, "last_name": last_name, "email": f"{username}@agenturnetz.example"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, role=Role.SPECIALIST, agency=agency)
    StaffMember.objects.filter(first_name=first_name, last_name=last_name, user__isnull=True).update(user=user)
    return user


def _group(district, name, kind, **defaults) -> WorkingGroup:
    return WorkingGroup.objects.update_or_create(
        owner_district=district, name=name, defaults={"kind": kind, **defaults}
    )[0]


def _staff_member(group, user, agency) -> Member:
    return Member.objects.update_or_create(
        group=group, user=user, defaults={"kind": MemberKind.STAFF, "agency": agency, "active": True}
    )[0]


def _meeting(group, title, day, **extra) -> Meeting:
    defaults = {"date": day, "start_time": time(10, 0), "end_time": time(13, 0), "location": OFFICE, **extra}
    return Meeting.objects.update_or_create(group=group, title=title, defaults=defaults)[0]


def _item(meeting, position, title, **extra) -> AgendaItem:
    return AgendaItem.objects.update_or_create(meeting=meeting, title=title, defaults={"position": position, **extra})[
        0
    ]


@transaction.atomic
def seed(*, today: date) -> None:
    district = DistrictAssociation.objects.filter(name__startswith="AWO Bezirksverband Niederrhein").first()
    if district is None:
        return
    now = timezone.now()
    agencies = {agency.name: agency for agency in Agency.objects.filter(provider__district=district)}
    coordinator = User.objects.filter(username="koordination").first()

    fak = _group(
        district,
        "Facharbeitskreis der Integrationsagenturen",
        GroupKind.SPECIALIST_GROUP,
        description="Fachlicher Austausch der AWO-Integrationsagenturen am Niederrhein, Transfer der Vorgaben der "
        "Fördergeber und der Landesgremien, gemeinsame Handlungslinien für die Arbeit vor Ort.",
        yearly_minimum=3,
        invitation_weeks=3,
        uses_rotation=True,
        default_location=OFFICE,
    )
    members = {}
    jana = User.objects.filter(username="fachkraft").first()
    if jana is not None:
        members["Essen"] = _staff_member(fak, jana, agencies["Essen"])
    for username, first, last, agency_name in STAFF_LOGINS:
        agency = agencies[agency_name]
        members[agency_name] = _staff_member(fak, _login(username, first, last, agency), agency)
    manager = User.objects.filter(username="traeger").first()
    if manager is not None:
        Member.objects.update_or_create(group=fak, user=manager, defaults={"kind": MemberKind.PROVIDER})

    year = today.year
    past = _meeting(fak, f"Facharbeitskreis 1/{year}", today - timedelta(days=45), published_at=now)
    upcoming = _meeting(fak, f"Facharbeitskreis 2/{year}", today + timedelta(days=18), published_at=now)
    _meeting(fak, f"Facharbeitskreis 3/{year}", today + timedelta(days=130), published_at=now)
    _meeting(fak, f"Facharbeitskreis 1/{year + 1}", date(year + 1, 3, 12))  # next year's plan is still thin
    for plan_year in {past.date.year, upcoming.date.year}:
        AnnualPlan.objects.update_or_create(
            group=fak, year=plan_year, defaults={"published_at": now, "published_by": coordinator}
        )

    Meeting.objects.filter(pk=past.pk).update(
        presenting_agency=agencies["Duisburg-Marxloh"],
        presenting_reason="hat in diesem Arbeitskreis noch nie vorgestellt",
        presenting_confirmed_at=now,
        attendance_recorded_at=now,
    )
    i1 = _item(
        past,
        1,
        "Neues aus dem Förderprogramm",
        presenter="Koordination",
        minutes=30,
        discussion="Die Koordination berichtet über die Vorgaben des Kompetenzzentrums für Integration für das "
        "kommende Förderjahr und das aktuelle Raster der Aufgabenplanung.",
        decisions="Die Aufgabenplanungen werden bis zum 15.11. mit dem neuen Raster eingereicht.",
    )
    i2 = _item(
        past,
        2,
        "Projektvorstellung: Nachbarschaftsdialog in Marxloh",
        presenter="IA Duisburg-Marxloh",
        minutes=45,
        discussion="Vorstellung des Dialogformats mit Moscheegemeinde, Kirchengemeinde und "
        "Bezirksvertretung; Austausch über Übertragbarkeit auf andere Sozialräume.",
        decisions="Die Materialien werden allen Agenturen zur Verfügung gestellt.",
    )
    _item(past, 3, "Verschiedenes", minutes=15)
    protocol, _ = Protocol.objects.update_or_create(
        meeting=past,
        defaults={
            "status": Protocol.Status.PUBLISHED,
            "recorded_by": "Sevgi Ünal",
            "approved_by": coordinator,
            "published_at": now,
            "summary": "Begrüßung und Vorstellungsrunde; zwei neue Kolleginnen.",
        },
    )
    if "Duisburg-Marxloh" in members:
        ActionItem.objects.update_or_create(
            agenda_item=i2,
            description="Materialien des Nachbarschaftsdialogs im Austauschordner ablegen",
            defaults={"responsible": members["Duisburg-Marxloh"], "due_date": today + timedelta(days=5)},
        )
    if "Essen" in members:
        ActionItem.objects.update_or_create(
            agenda_item=i1,
            description="Rückmeldung zum neuen Raster der Aufgabenplanung sammeln",
            defaults={"responsible": members["Essen"], "due_date": today + timedelta(days=21)},
        )
    Protocol.objects.filter(pk=protocol.pk).update(search_text=search_text_of(past, protocol))
    for member in members.values():
        Attendance.objects.update_or_create(
            meeting=past, member=member, defaults={"response": Response.YES, "attended": True}
        )

    _item(upcoming, 1, "Begrüßung und Protokoll der letzten Sitzung", presenter="Koordination", minutes=10)
    _item(upcoming, 2, "Sozialraumanalysen: Austausch über Datenquellen", presenter="IA Essen", minutes=40)
    _item(upcoming, 3, "Interkulturelle Öffnung in der Verbandsarbeit", presenter="SELF-i", minutes=30)
    if "Kleve" in members:
        AgendaProposal.objects.get_or_create(
            group=fak,
            title="Zusammenarbeit mit dem Kommunalen Integrationszentrum",
            defaults={
                "proposed_by": members["Kleve"],
                "wished_meeting": upcoming,
                "minutes": 20,
                "description": "Erfahrungen mit gemeinsamen Jahresplanungen austauschen.",
            },
        )
    if "Wuppertal-Barmen" in members:
        AgendaProposal.objects.get_or_create(
            group=fak,
            title="Ehrenamtliche gewinnen nach der Pandemie",
            defaults={"proposed_by": members["Wuppertal-Barmen"], "minutes": 30},
        )

    joint = _group(
        district,
        "Gemeinsamer Arbeitskreis der Migrationsfachdienste",
        GroupKind.JOINT_GROUP,
        description="Beraterinnen und Berater aus MBE, JMD, Flüchtlingsberatung und den Integrationsagenturen.",
        yearly_minimum=2,
        default_location=OFFICE,
    )
    for name, email, organisation in GUESTS:
        Member.objects.update_or_create(
            group=joint,
            user=None,
            email=email,
            defaults={"kind": MemberKind.GUEST, "name": name, "organisation": organisation},
        )
    for agency_name in ("Essen", "Duisburg-Marxloh", "Kleve"):
        if agency_name in members:
            _staff_member(joint, members[agency_name].user, agencies[agency_name])
    _meeting(
        joint,
        f"Gemeinsamer Arbeitskreis 1/{year}",
        today + timedelta(days=35),
        published_at=now,
        start_time=time(13, 30),
        end_time=time(16, 0),
    )
    AnnualPlan.objects.update_or_create(
        group=joint, year=year, defaults={"published_at": now, "published_by": coordinator}
    )

    retreat = _group(
        district,
        "Klausurtagung der Migrationsfachdienste",
        GroupKind.RETREAT,
        description="Zweitägige Klausur aller Beraterinnen und Berater mit externer Begleitung.",
        yearly_minimum=1,
    )
    for member in list(members.values())[:5]:
        _staff_member(retreat, member.user, member.agency)
    _meeting(
        retreat,
        f"Klausurtagung {year}: Resilienz in der Beratungsarbeit",
        today + timedelta(days=75),
        end_date=today + timedelta(days=76),
        start_time=time(9, 30),
        end_time=time(15, 0),
        location="Tagungshaus am Niederrhein, Xanten",
        published_at=now,
    )
    first = Member.objects.filter(group=retreat).order_by("pk").first()
    if first is not None:
        for title in ("Umgang mit Rassismus in den eigenen Netzwerken", "Digitale Beratung und Datenschutz"):
            topic, _ = TopicProposal.objects.get_or_create(
                group=retreat, year=year + 1, title=title, defaults={"proposed_by": first}
            )
            TopicVote.objects.get_or_create(topic=topic, member=first)

    conference = _group(
        district,
        "Trägerkonferenz Migration",
        GroupKind.PROVIDER_CONFERENCE,
        description="Vertretungen aller Träger der Migrationsfachdienste; Personal- und Finanzierungsfragen, Planung "
        "des folgenden Förderjahres.",
        yearly_minimum=1,
    )
    if manager is not None:
        Member.objects.update_or_create(group=conference, user=manager, defaults={"kind": MemberKind.PROVIDER})
    _meeting(
        conference,
        f"Trägerkonferenz {year}",
        today + timedelta(days=160),
        published_at=now,
        start_time=time(14, 0),
        end_time=time(17, 0),
    )
