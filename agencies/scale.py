"""Bulk data in the shape of the demo, for benchmarks: N agencies with positions and ten years of staff history.

Everything is created with bulk_create in a handful of statements per table, so N = 2,100 takes seconds.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction

from agencies.demo import WELFARE_ASSOCIATIONS
from agencies.fields_of_action import ensure_fields_of_action
from agencies.models import (
    Agency,
    Assignment,
    DistrictAssociation,
    FieldOfAction,
    Membership,
    Municipality,
    Position,
    Provider,
    Role,
    StaffMember,
    WelfareAssociation,
)
from core.models import User

AGENCIES_PER_DISTRICT = 13
AGENCIES_PER_PROVIDER = 3
AGENCIES_PER_MUNICIPALITY = 4
BATCH = 2000
FTE_CHOICES = [Decimal("0.50"), Decimal("0.75"), Decimal("1.00")]
PASSWORD = "scale"  # scratch benchmark databases only


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
    districts = DistrictAssociation.objects.bulk_create(
        [
            DistrictAssociation(
                welfare_association=associations[i % len(associations)],
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
    users = User.objects.bulk_create(
        [User(username=f"skala-koordination-{d.pk}", password=password, first_name="Koordination") for d in districts]
        + [User(username=f"skala-fachkraft-{a.pk}", password=password, first_name="Fachkraft") for a in new_agencies]
        + [User(username=f"skala-traeger-{p.pk}", password=password, first_name="Träger") for p in providers]
        + [User(username="skala-land", password=password, first_name="Land")],
        batch_size=BATCH,
    )
    by_name = {user.username: user for user in users}
    Membership.objects.bulk_create(
        [Membership(user=by_name[f"skala-koordination-{d.pk}"], role=Role.COORDINATOR, district=d) for d in districts]
        + [Membership(user=by_name[f"skala-fachkraft-{a.pk}"], role=Role.SPECIALIST, agency=a) for a in new_agencies]
        + [Membership(user=by_name[f"skala-traeger-{p.pk}"], role=Role.PROVIDER_MANAGER, provider=p) for p in providers]
        + [Membership(user=by_name["skala-land"], role=Role.STATE_LEVEL)],
        batch_size=BATCH,
    )
