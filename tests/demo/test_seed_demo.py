from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from agencies.models import Agency, DistrictAssociation, Membership, StaffMember, WelfareAssociation
from agencies.selectors import figures_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", force=True)


def test_demo_has_six_welfare_associations(seeded):
    assert WelfareAssociation.objects.count() == 6


def test_awo_niederrhein_has_the_compendiums_13_agencies_on_1525_fte_and_23_people(seeded):
    district = DistrictAssociation.objects.get(name__startswith="AWO Bezirksverband Niederrhein")
    figures = figures_for(day=date.today(), district_ids=[district.pk])
    assert figures.agencies == 13
    assert figures.staffed_fte == Decimal("15.25")
    assert figures.head_count == 23


def test_second_district_shares_a_city_with_awo(seeded):
    caritas = Agency.objects.filter(provider__district__welfare_association__short_name="Caritas")
    assert caritas.filter(municipality__name="Essen").exists()


def test_demo_users_exist_with_their_roles(seeded):
    roles = dict(Membership.objects.values_list("user__username", "role"))
    assert roles["fachkraft"] == "specialist"
    assert roles["traeger"] == "provider_manager"
    assert roles["koordination"] == "coordinator"
    assert roles["koordination2"] == "coordinator"
    assert roles["land"] == "state_level"
    assert roles["behoerde"] == "funding_authority"
    assert roles["admin"] == "administrator"


def test_seed_demo_is_idempotent(seeded):
    counts = (Agency.objects.count(), StaffMember.objects.count(), Membership.objects.count())
    call_command("seed_demo", force=True)
    assert (Agency.objects.count(), StaffMember.objects.count(), Membership.objects.count()) == counts
