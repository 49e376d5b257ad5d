"""Bulk data in the shape of the demo, for benchmarks: N agencies with positions and ten years of staff history.

Everything is created with bulk_create in a handful of statements per table, so N = 2,100 takes seconds.
"""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from agencies.demo import WELFARE_ASSOCIATIONS
from agencies.fields_of_action import ensure_fields_of_action
from agencies.models import (
    Agency,
    Assignment,
    DistrictAssociation,
    FieldOfAction,
    FundingAuthority,
    Membership,
    Municipality,
    Position,
    Provider,
    Role,
    StaffChange,
    StaffChangeDecision,
    StaffMember,
    WelfareAssociation,
)
from agencies.models.staff_changes import ChangeKind, EndReason, VacancyReason
from core.models import User
from core.workflow import State, Transition

AGENCIES_PER_DISTRICT = 13
AGENCIES_PER_PROVIDER = 3
AGENCIES_PER_MUNICIPALITY = 4
BATCH = 2000
FTE_CHOICES = [Decimal("0.50"), Decimal("0.75"), Decimal("1.00")]
PASSWORD = "scale"  # scratch benchmark databases only


@contextmanager
def historic_timestamps(*fields) -> Iterator[None]:
    """Lets bulk_create keep the past timestamps a seeder sets on auto_now/auto_now_add fields (history must look
    like history). `fields` are model fields, e.g. Transition._meta.get_field("at")."""
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def users_by_unit() -> dict[str, dict[int, int]]:
    """The seeded people by the unit they work for: {"agency": {agency_id: user_id}, "district": {...}, ...}."""
    found: dict[str, dict[int, int]] = {"agency": {}, "district": {}, "provider": {}, "authority": {}}
    rows = Membership.objects.filter(user__username__startswith="skala-").values_list(
        "role", "agency_id", "district_id", "provider_id", "funding_authority_id", "user_id"
    )
    for role, agency_id, district_id, provider_id, authority_id, user_id in rows:
        if role == Role.SPECIALIST:
            found["agency"][agency_id] = user_id
        elif role == Role.COORDINATOR:
            found["district"][district_id] = user_id
        elif role == Role.PROVIDER_MANAGER:
            found["provider"][provider_id] = user_id
        elif role == Role.FUNDING_AUTHORITY:
            found["authority"][authority_id] = user_id
    return found


@transaction.atomic
def seed(*, agencies: int, years: int, today: date) -> None:
    rng = random.Random(4711)
    ensure_fields_of_action()
    fields = list(FieldOfAction.objects.order_by("position"))
    associations = [
        WelfareAssociation.objects.get_or_create(short_name=short, defaults={"name": name, "colour": colour})[0]
        for name, short, colour in WELFARE_ASSOCIATIONS
    ]
    start = date(today.year - years, 1, 1)

    n_districts = max(1, agencies // AGENCIES_PER_DISTRICT)
    authority = FundingAuthority.objects.create(name="Skala-Bewilligungsbehörde", email="behoerde@skala.example")
    districts = DistrictAssociation.objects.bulk_create(
        [
            DistrictAssociation(
                welfare_association=associations[i % len(associations)],
                funding_authority=authority,
                name=f"Skala-Bezirksverband {i + 1}",
                city="Essen",
            )
            for i in range(n_districts)
        ],
        batch_size=BATCH,
    )
    n_providers = max(1, agencies // AGENCIES_PER_PROVIDER)
    providers = Provider.objects.bulk_create(
        [
            Provider(district=districts[i % n_districts], name=f"Skala-Träger {i + 1} e. V.", city="Essen")
            for i in range(n_providers)
        ],
        batch_size=BATCH,
    )
    municipalities = Municipality.objects.bulk_create(
        [
            Municipality(name=f"Skala-Stadt {i + 1}", kind=Municipality.Kind.INDEPENDENT_CITY)
            for i in range(max(1, agencies // AGENCIES_PER_MUNICIPALITY))
        ],
        batch_size=BATCH,
    )
    new_agencies = Agency.objects.bulk_create(
        [
            Agency(
                name=f"Skala-Agentur {i + 1}",
                provider=providers[i % n_providers],
                municipality=municipalities[i % len(municipalities)],
                primary_field=fields[i % 4],
                active_since=date(2007, 1, 1),
                closed_on=(today - timedelta(days=400)) if i % 97 == 96 else None,
                email=f"agentur{i + 1}@skala.example",
            )
            for i in range(agencies)
        ],
        batch_size=BATCH,
    )
    through = Agency.fields_of_action.through
    through.objects.bulk_create(
        [
            through(agency_id=agency.pk, fieldofaction_id=fields[(i + k) % 4].pk)
            for i, agency in enumerate(new_agencies)
            for k in range(1 + i % 4)
        ],
        batch_size=BATCH,
    )

    # Two positions per agency; each is held by a new person every three years.
    positions = Position.objects.bulk_create(
        [
            Position(agency=agency, fte=rng.choice(FTE_CHOICES), pay_group="S 12", valid_from=start)
            for agency in new_agencies
            for _ in range(2)
        ],
        batch_size=BATCH,
    )
    staff_rows, periods = [], []
    for position in positions:
        period_start = start
        while period_start <= today:
            period_end = date(period_start.year + 3, 1, 1) - timedelta(days=1)
            is_current = period_end >= today
            staff_rows.append(
                StaffMember(
                    provider_id=position.agency.provider_id,
                    first_name="Kim",
                    last_name=f"Skala{len(staff_rows) + 1}",
                    email=f"fachkraft{len(staff_rows) + 1}@skala.example",
                    employed_from=period_start,
                    employed_to=None if is_current else period_end,
                )
            )
            periods.append((position, period_start, None if is_current else period_end))
            period_start = period_end + timedelta(days=1)
    staff = StaffMember.objects.bulk_create(staff_rows, batch_size=BATCH)
    Assignment.objects.bulk_create(
        [
            Assignment(
                staff_member=member, position=position, fte=position.fte, valid_from=valid_from, valid_to=valid_to
            )
            for member, (position, valid_from, valid_to) in zip(staff, periods, strict=True)
        ],
        batch_size=BATCH,
    )

    password = make_password(PASSWORD)
    names = (
        [(f"skala-koordination-{d.pk}", "Koordination") for d in districts]
        + [(f"skala-fachkraft-{a.pk}", "Fachkraft") for a in new_agencies]
        + [(f"skala-traeger-{p.pk}", "Träger") for p in providers]
        + [("skala-land", "Land"), ("skala-behoerde", "Bewilligungsbehörde")]
    )
    users = User.objects.bulk_create(
        [
            User(username=name, password=password, first_name=first, email=f"{name}@skala.example")
            for name, first in names
        ],
        batch_size=BATCH,
    )
    by_name = {user.username: user for user in users}
    Membership.objects.bulk_create(
        [Membership(user=by_name[f"skala-koordination-{d.pk}"], role=Role.COORDINATOR, district=d) for d in districts]
        + [Membership(user=by_name[f"skala-fachkraft-{a.pk}"], role=Role.SPECIALIST, agency=a) for a in new_agencies]
        + [Membership(user=by_name[f"skala-traeger-{p.pk}"], role=Role.PROVIDER_MANAGER, provider=p) for p in providers]
        + [Membership(user=by_name["skala-land"], role=Role.STATE_LEVEL)]
        + [Membership(user=by_name["skala-behoerde"], role=Role.FUNDING_AUTHORITY, funding_authority=authority)],
        batch_size=BATCH,
    )


# Kinds the scale data files, in turn; each with the fields its form requires.
CHANGE_KINDS = (
    ChangeKind.VACANCY,
    ChangeKind.NEW_HIRE,
    ChangeKind.HOURS_REDUCTION,
    ChangeKind.EXTENSION,
    ChangeKind.END_OF_EMPLOYMENT,
    ChangeKind.AGENCY_CHANGE,
    ChangeKind.HOURS_INCREASE,
)


def _change(kind: str, agency_id: int, member_id: int | None, on: date, creator: int) -> StaffChange:
    change = StaffChange(agency_id=agency_id, kind=kind, effective_on=on, created_by_id=creator)
    if kind in (ChangeKind.NEW_HIRE,):
        change.first_name, change.last_name = "Alex", f"Neu{agency_id}-{on.year}"
        change.qualification, change.new_fte = "Sozialarbeit (B. A.)", Decimal("1.00")
    elif kind == ChangeKind.AGENCY_CHANGE:
        change.street, change.postcode, change.city = "Marktstraße 1", "45127", "Essen"
    else:
        change.staff_member_id = member_id
        change.vacancy_reason = VacancyReason.PARENTAL_LEAVE if kind == ChangeKind.VACANCY else ""
        change.end_reason = EndReason.FIXED_TERM if kind == ChangeKind.END_OF_EMPLOYMENT else ""
        if kind == ChangeKind.EXTENSION:
            change.end_on = on + timedelta(days=730)
        if kind in (ChangeKind.HOURS_REDUCTION, ChangeKind.HOURS_INCREASE):
            change.new_fte = Decimal("0.75") if kind == ChangeKind.HOURS_REDUCTION else Decimal("1.00")
            change.justification = "Mehr Bedarf im Quartier." if kind == ChangeKind.HOURS_INCREASE else ""
    return change


@transaction.atomic
def seed_staff_changes(*, agencies: int, years: int, today: date) -> None:
    """One staff or position change per agency and year: the past ones forwarded, decided (where approval is
    required) and applied; this year's in every workflow state. With their transitions."""
    people = users_by_unit()
    authority_user = next(iter(people["authority"].values()))
    members: dict[int, list[int]] = {}
    for agency_id, member_id in Assignment.objects.filter(valid_to__isnull=True).values_list(
        "position__agency_id", "staff_member_id"
    ):
        members.setdefault(agency_id, []).append(member_id)
    agency_rows = Agency.objects.filter(name__startswith="Skala-").values_list(
        "pk", "provider_id", "provider__district_id"
    )
    changes, paths = [], []
    for index, (agency_id, provider_id, district_id) in enumerate(agency_rows):
        author = people["provider"].get(provider_id) or people["agency"][agency_id]
        reviewer = people["district"][district_id]
        for year in range(today.year - years + 1, today.year + 1):
            kind = CHANGE_KINDS[(index + year) % len(CHANGE_KINDS)]
            current = year == today.year
            on = date(year, 3 + (index % 8), 1)
            if current:
                on = today + timedelta(days=30 + index % 60)
            member = members.get(agency_id, [None])[(index + year) % max(1, len(members.get(agency_id, [])))]
            change = _change(kind, agency_id, member, on, author)
            state = (State.DRAFT, State.SUBMITTED, State.RETURNED, State.APPROVED, State.FORWARDED)[index % 5]
            change.state = state if current else State.FORWARDED
            filed = _noon(on - timedelta(days=50))
            change.created_at = change.updated_at = filed
            if change.state != State.DRAFT:
                change.submitted_at = filed + timedelta(days=1)
            if change.state in (State.APPROVED, State.FORWARDED):
                change.approved_at = filed + timedelta(days=5)
            if change.state == State.FORWARDED:
                change.forwarded_at = filed + timedelta(days=6)
            if not current:
                change.applied_at = _noon(on)
            changes.append(change)
            paths.append((author, reviewer))
    timestamps = [StaffChange._meta.get_field(n) for n in ("created_at", "updated_at")]
    timestamps += [Transition._meta.get_field("at"), StaffChangeDecision._meta.get_field("recorded_at")]
    with historic_timestamps(*timestamps):
        StaffChange.objects.bulk_create(changes, batch_size=BATCH)
        content_type = ContentType.objects.get_for_model(StaffChange)
        steps = {
            State.SUBMITTED: [(State.DRAFT, State.SUBMITTED, 0, "submitted_at")],
            State.RETURNED: [
                (State.DRAFT, State.SUBMITTED, 0, "submitted_at"),
                (State.SUBMITTED, State.RETURNED, 1, "submitted_at"),
            ],
            State.APPROVED: [
                (State.DRAFT, State.SUBMITTED, 0, "submitted_at"),
                (State.SUBMITTED, State.APPROVED, 1, "approved_at"),
            ],
            State.FORWARDED: [
                (State.DRAFT, State.SUBMITTED, 0, "submitted_at"),
                (State.SUBMITTED, State.APPROVED, 1, "approved_at"),
                (State.APPROVED, State.FORWARDED, 1, "forwarded_at"),
            ],
        }
        transitions, decisions = [], []
        for change, who in zip(changes, paths, strict=True):
            for from_state, to_state, actor, stamp in steps.get(change.state, []):
                transitions.append(
                    Transition(
                        content_type=content_type,
                        object_id=change.pk,
                        from_state=from_state,
                        to_state=to_state,
                        by_id=who[actor],
                        at=getattr(change, stamp),
                        comment="Bitte Arbeitsvertrag nachreichen." if to_state == State.RETURNED else "",
                    )
                )
            if change.requires_approval and change.applied_at:
                decisions.append(
                    StaffChangeDecision(
                        change=change,
                        outcome=StaffChangeDecision.Outcome.APPROVED,
                        reference=f"AZ 36.{change.pk}",
                        decided_on=(change.forwarded_at + timedelta(days=9)).date(),
                        recorded_by_id=authority_user,
                        recorded_at=change.forwarded_at + timedelta(days=10),
                    )
                )
        Transition.objects.bulk_create(transitions, batch_size=BATCH)
        StaffChangeDecision.objects.bulk_create(decisions, batch_size=BATCH)


def _noon(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12, 0)))
