"""Demo data of the registry: the six welfare associations, AWO Bezirksverband Niederrhein with its 13 agencies
(Kompendium 2020: 15,25 VZÄ on 23 people) and a Caritas district in the same cities. People are invented."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from agencies.fields_of_action import ensure_fields_of_action
from agencies.models import (
    Agency,
    Assignment,
    DistrictAssociation,
    FieldOfAction,
    FundingAuthority,
    Membership,
    Municipality,
    PartnerOrganisation,
    Position,
    Provider,
    Role,
    Site,
    SocialSpace,
    StaffMember,
    WelfareAssociation,
)
from core.models import User

DEMO_PASSWORD = "demo"

WELFARE_ASSOCIATIONS = [
    ("Arbeiterwohlfahrt", "AWO", "#c8102e"),
    ("Deutscher Caritasverband", "Caritas", "#7a1f3d"),
    ("Diakonie", "Diakonie", "#5b2a86"),
    ("Deutsches Rotes Kreuz", "DRK", "#b03a2e"),
    ("Der Paritätische", "Paritätischer", "#1f6f8b"),
    ("Jüdische Gemeinden", "Jüdische Gemeinden", "#2e5e4e"),
]

MUNICIPALITIES = [
    ("Essen", Municipality.Kind.INDEPENDENT_CITY, None),
    ("Duisburg", Municipality.Kind.INDEPENDENT_CITY, None),
    ("Düsseldorf", Municipality.Kind.INDEPENDENT_CITY, None),
    ("Wuppertal", Municipality.Kind.INDEPENDENT_CITY, None),
    ("Mönchengladbach", Municipality.Kind.INDEPENDENT_CITY, None),
    ("Kreis Wesel", Municipality.Kind.DISTRICT, None),
    ("Kreis Kleve", Municipality.Kind.DISTRICT, None),
    ("Rhein-Kreis Neuss", Municipality.Kind.DISTRICT, None),
    ("Moers", Municipality.Kind.TOWN, "Kreis Wesel"),
    ("Kamp-Lintfort", Municipality.Kind.TOWN, "Kreis Wesel"),
    ("Kleve", Municipality.Kind.TOWN, "Kreis Kleve"),
    ("Meerbusch", Municipality.Kind.TOWN, "Rhein-Kreis Neuss"),
]

# Kommunale Integrationszentren exist per Kreis and kreisfreie Stadt.
KI_MUNICIPALITIES = [
    "Essen",
    "Duisburg",
    "Düsseldorf",
    "Wuppertal",
    "Mönchengladbach",
    "Kreis Wesel",
    "Kreis Kleve",
    "Rhein-Kreis Neuss",
]

BE, IKOE, SRA, ADA = (
    "buergerschaftliches-engagement",
    "interkulturelle-oeffnung",
    "sozialraumorientierte-arbeit",
    "antidiskriminierungsarbeit",
)


@dataclass(frozen=True)
class DemoAgency:
    name: str
    provider: str
    municipality: str
    fields: tuple[str, ...]  # the first is the primary focus
    staff: tuple[tuple[str, str, str], ...]  # first name, last name, fte
    social_spaces: tuple[str, ...] = ()
    district_wide: bool = False
    street: str = ""
    postcode: str = ""


AWO_NIEDERRHEIN = "AWO Bezirksverband Niederrhein e. V."
AWO_AGENCIES = [
    DemoAgency(
        "SELF-i",
        AWO_NIEDERRHEIN,
        "Essen",
        (BE, IKOE),
        (("Miriam", "Albers", "1.00"), ("Deniz", "Kaya", "0.50")),
        district_wide=True,
        street="Lützowstraße 32",
        postcode="45141",
    ),
    DemoAgency(
        "Essen",
        "AWO Kreisverband Essen e. V.",
        "Essen",
        (IKOE, SRA, BE),
        (("Jana", "Becker", "1.00"), ("Yusuf", "Demir", "0.50")),
        ("Altendorf", "Frohnhausen"),
        street="Pferdemarkt 5",
        postcode="45127",
    ),
    DemoAgency(
        "Wesel-Moers",
        "AWO Kreisverband Wesel e. V.",
        "Moers",
        (IKOE, SRA),
        (("Katrin", "Hoffmann", "0.50"), ("Ali", "Yilmaz", "0.50")),
        ("Moers-Meerbeck",),
    ),
    DemoAgency(
        "Wesel-Kamp-Lintfort",
        "AWO Kreisverband Wesel e. V.",
        "Kamp-Lintfort",
        (IKOE, SRA),
        (("Sabine", "Krüger", "1.00"),),
        ("Kamp-Lintfort Mitte",),
    ),
    DemoAgency(
        "Kleve",
        "AWO Kreisverband Kleve e. V.",
        "Kleve",
        (IKOE, SRA),
        (("Thomas", "Janssen", "0.75"), ("Elif", "Arslan", "0.50")),
        ("Kleve-Kellen",),
    ),
    DemoAgency(
        "Mönchengladbach",
        "AWO Kreisverband Mönchengladbach e. V.",
        "Mönchengladbach",
        (BE, IKOE, SRA),
        (("Petra", "Schulte", "1.00"), ("Marko", "Petrović", "0.50")),
        ("Rheydt", "Gladbach-Mitte"),
    ),
    DemoAgency(
        "Meerbusch",
        "AWO Kreisverband Mönchengladbach e. V.",
        "Meerbusch",
        (BE, IKOE, SRA),
        (("Anna", "Wolff", "0.75"),),
        ("Meerbusch-Büderich",),
    ),
    DemoAgency(
        "Duisburg-Laar",
        "AWO Kreisverband Duisburg e. V.",
        "Duisburg",
        (BE, IKOE, SRA, ADA),
        (("Stefan", "Brandt", "0.50"), ("Leyla", "Öztürk", "0.50")),
        ("Laar", "Beeck"),
    ),
    DemoAgency(
        "Duisburg-Meiderich",
        "AWO Kreisverband Duisburg e. V.",
        "Duisburg",
        (IKOE, BE, SRA, ADA),
        (("Nadine", "Vogel", "0.75"), ("Hasan", "Çelik", "0.50")),
        ("Meiderich",),
    ),
    DemoAgency(
        "Duisburg-Marxloh",
        "AWO Kreisverband Duisburg e. V.",
        "Duisburg",
        (SRA, BE, IKOE, ADA),
        (("Christina", "Lange", "1.00"), ("Emre", "Aydın", "0.50")),
        ("Marxloh", "Obermarxloh"),
        street="Weseler Straße 60",
        postcode="47169",
    ),
    DemoAgency(
        "Duisburg-Neumühl",
        "AWO Kreisverband Duisburg e. V.",
        "Duisburg",
        (ADA, BE, IKOE, SRA),
        (("Michael", "Herrmann", "1.00"),),
        ("Neumühl",),
    ),
    DemoAgency(
        "Düsseldorf",
        "AWO Kreisverband Düsseldorf e. V.",
        "Düsseldorf",
        (IKOE, ADA, BE),
        (("Julia", "Richter", "0.50"), ("Samir", "Haddad", "0.50")),
        ("Oberbilk", "Flingern"),
    ),
    DemoAgency(
        "Wuppertal-Barmen",
        "AWO Kreisverband Wuppertal e. V.",
        "Wuppertal",
        (IKOE, SRA, BE),
        (("Martina", "Klein", "0.50"), ("Olga", "Schmidt", "0.50")),
        ("Barmen", "Oberbarmen"),
    ),
]

CARITAS_ESSEN = "Caritasverband für das Bistum Essen e. V."
CARITAS_AGENCIES = [
    DemoAgency(
        "Caritas Essen-Altendorf",
        "Caritasverband für die Stadt Essen e. V.",
        "Essen",
        (SRA, IKOE),
        (("Lena", "Fischer", "1.00"), ("Karim", "Mansour", "0.50")),
        ("Altendorf",),
    ),
    DemoAgency(
        "Caritas Essen-Katernberg",
        "Caritasverband für die Stadt Essen e. V.",
        "Essen",
        (BE, SRA),
        (("Johannes", "Weber", "1.00"),),
        ("Katernberg",),
    ),
    DemoAgency(
        "Caritas Duisburg-Hochfeld",
        "Caritasverband Duisburg e. V.",
        "Duisburg",
        (ADA, IKOE, SRA),
        (("Aylin", "Koç", "0.75"), ("Peter", "Neumann", "0.50")),
        ("Hochfeld",),
    ),
]

PROVIDER_CITIES = {
    AWO_NIEDERRHEIN: "Essen",
    "AWO Kreisverband Essen e. V.": "Essen",
    "AWO Kreisverband Wesel e. V.": "Moers",
    "AWO Kreisverband Kleve e. V.": "Kleve",
    "AWO Kreisverband Mönchengladbach e. V.": "Mönchengladbach",
    "AWO Kreisverband Duisburg e. V.": "Duisburg",
    "AWO Kreisverband Düsseldorf e. V.": "Düsseldorf",
    "AWO Kreisverband Wuppertal e. V.": "Wuppertal",
    "Caritasverband für die Stadt Essen e. V.": "Essen",
    "Caritasverband Duisburg e. V.": "Duisburg",
}

STAFF_SINCE = date(2019, 1, 1)


def _slug(text: str) -> str:
    table = str.maketrans(
        {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ç": "c", "ı": "i", "ć": "c", "Ö": "Oe", "Ç": "C"}
    )
    return "".join(ch for ch in text.translate(table).lower() if ch.isalnum())


@transaction.atomic
def seed(*, today: date) -> None:
    associations = {
        short: WelfareAssociation.objects.update_or_create(short_name=short, defaults={"name": name, "colour": colour})[
            0
        ]
        for name, short, colour in WELFARE_ASSOCIATIONS
    }
    municipalities: dict[str, Municipality] = {}
    for name, kind, county in MUNICIPALITIES:
        municipalities[name] = Municipality.objects.update_or_create(
            name=name, defaults={"kind": kind, "county": municipalities.get(county) if county else None}
        )[0]
    for name in KI_MUNICIPALITIES:
        PartnerOrganisation.objects.get_or_create(
            municipality=municipalities[name],
            kind=PartnerOrganisation.Kind.KI,
            name=f"Kommunales Integrationszentrum {name}",
        )
    for name in ("Essen", "Duisburg"):
        PartnerOrganisation.objects.get_or_create(
            municipality=municipalities[name],
            kind=PartnerOrganisation.Kind.JOBCENTER,
            name=f"Jobcenter {name}",
        )

    awo_district, _ = DistrictAssociation.objects.update_or_create(
        name=AWO_NIEDERRHEIN,
        defaults={
            "welfare_association": associations["AWO"],
            "city": "Essen",
            "email": "ia@awo-niederrhein.example",
        },
    )
    caritas_district, _ = DistrictAssociation.objects.update_or_create(
        name=CARITAS_ESSEN,
        defaults={
            "welfare_association": associations["Caritas"],
            "city": "Essen",
            "email": "migration@caritas-essen.example",
        },
    )
    authority, _ = FundingAuthority.objects.update_or_create(
        name="Bezirksregierung Arnsberg – Kompetenzzentrum für Integration",
        defaults={"email": "kfi@bezreg-arnsberg.example"},
    )
    ensure_fields_of_action()
    fields = {field.code: field for field in FieldOfAction.objects.all()}

    agencies: dict[str, Agency] = {}
    for district, demo_agencies in ((awo_district, AWO_AGENCIES), (caritas_district, CARITAS_AGENCIES)):
        for item in demo_agencies:
            provider, _ = Provider.objects.update_or_create(
                name=item.provider, defaults={"district": district, "city": PROVIDER_CITIES[item.provider]}
            )
            municipality = municipalities[item.municipality]
            agency, _ = Agency.objects.update_or_create(
                provider=provider,
                name=item.name,
                defaults={
                    "municipality": municipality,
                    "primary_field": fields[item.fields[0]],
                    "is_district_wide": item.district_wide,
                    "street": item.street,
                    "postcode": item.postcode,
                    "city": item.municipality if municipality.kind != Municipality.Kind.DISTRICT else "",
                    "email": f"ia-{_slug(item.name)}@{_slug(provider.name.split(' e. V.')[0])[:20]}.example",
                    "phone": "0201 000000",
                    "active_since": date(2007, 1, 1),
                },
            )
            agency.fields_of_action.set([fields[code] for code in item.fields])
            agency.social_spaces.set(
                [
                    SocialSpace.objects.get_or_create(municipality=municipality, name=space)[0]
                    for space in item.social_spaces
                ]
            )
            if item.street:
                Site.objects.get_or_create(
                    agency=agency,
                    kind=Site.Kind.MAIN,
                    defaults={"street": item.street, "postcode": item.postcode, "city": item.municipality},
                )
            ki = (
                PartnerOrganisation.objects.filter(kind=PartnerOrganisation.Kind.KI)
                .filter(
                    municipality__in=[
                        municipality,
                        *([municipality.county] if municipality.county_id else []),
                    ]
                )
                .first()
            )
            if ki:
                ki.agencies.add(agency)
            for first_name, last_name, fte in item.staff:
                _ensure_staff(agency=agency, first_name=first_name, last_name=last_name, fte=Decimal(fte))
            agencies[item.name] = agency

    _ensure_user(
        "fachkraft",
        "Jana",
        "Becker",
        Role.SPECIALIST,
        agency=agencies["Essen"],
        staff=StaffMember.objects.get(first_name="Jana", last_name="Becker"),
    )
    _ensure_user(
        "fachkraft2",
        "Lena",
        "Fischer",
        Role.SPECIALIST,
        agency=agencies["Caritas Essen-Altendorf"],
        staff=StaffMember.objects.get(first_name="Lena", last_name="Fischer"),
    )
    _ensure_user("traeger", "Rainer", "Kowalski", Role.PROVIDER_MANAGER, provider=agencies["Essen"].provider)
    _ensure_user("koordination", "Sevgi", "Ünal", Role.COORDINATOR, district=awo_district)
    _ensure_user("koordination2", "Markus", "Terhorst", Role.COORDINATOR, district=caritas_district)
    _ensure_user("land", "Birgit", "Lorenz", Role.STATE_LEVEL)
    _ensure_user("behoerde", "Frank", "Mertens", Role.FUNDING_AUTHORITY, funding_authority=authority)
    admin = _ensure_user("admin", "Anke", "Vossen", Role.ADMINISTRATOR)
    admin.is_staff = admin.is_superuser = True
    admin.save(update_fields=["is_staff", "is_superuser"])
    DistrictAssociation.objects.filter(pk__in=[awo_district.pk, caritas_district.pk]).update(
        funding_authority=authority
    )

    from agencies import demo_staff_changes

    demo_staff_changes.seed(today=today)


def _ensure_staff(*, agency: Agency, first_name: str, last_name: str, fte: Decimal) -> StaffMember:
    staff, _ = StaffMember.objects.get_or_create(
        provider=agency.provider,
        first_name=first_name,
        last_name=last_name,
        defaults={
            "email": f"{_slug(first_name)}.{_slug(last_name)}@{_slug(agency.provider.name)[:20]}.example",
            "phone": "0201 1234567",
            "qualification": "Soziale Arbeit (B. A.)",
            "employed_from": STAFF_SINCE,
        },
    )
    if not Assignment.objects.filter(staff_member=staff, position__agency=agency).exists():
        position = Position.objects.create(
            agency=agency, title="Integrationsfachkraft", fte=fte, pay_group="S 12", valid_from=STAFF_SINCE
        )
        Assignment.objects.create(staff_member=staff, position=position, fte=fte, valid_from=STAFF_SINCE)
    return staff


def _ensure_user(username, first_name, last_name, role, *, staff=None, **target) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@agenturnetz.example",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, role=role, **target)
    if staff is not None and staff.user_id is None:
        staff.user = user
        staff.save(update_fields=["user"])
    return user
