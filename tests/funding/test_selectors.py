"""Read queries of the deadline calendar."""

from datetime import timedelta

import pytest
from django.utils import timezone

from funding.models import DeadlineRule
from funding.selectors import upcoming_for_agencies
from tests import factories
from tests.funding.factories import DeadlineRuleFactory, ObligationFactory

pytestmark = pytest.mark.django_db


def _owed_by(agency, days: int):
    """An obligation of `agency` still owed, due at the district in `days` days."""
    due = timezone.localdate() + timedelta(days=days)
    rule = DeadlineRule.objects.filter(district=agency.provider.district).first() or DeadlineRuleFactory(
        district=agency.provider.district
    )
    return ObligationFactory(rule=rule, agency=agency, district_due=due, authority_due=due + timedelta(days=60))


def test_a_providers_upcoming_deadlines_come_from_all_its_agencies_and_no_other_providers(world):
    third = factories.AgencyFactory(provider=world.provider)
    same_district = factories.AgencyFactory(provider=factories.ProviderFactory(district=world.district))
    own = [_owed_by(world.agency, 10), _owed_by(world.sibling_agency, 20), _owed_by(third, 30)]
    _owed_by(same_district, 5)  # another provider of the same district
    _owed_by(world.other_agency, 15)  # another provider of another district

    upcoming = upcoming_for_agencies(factories.provider_manager_of(world.provider), timezone.localdate())

    assert [obligation.pk for obligation in upcoming] == [obligation.pk for obligation in own]
