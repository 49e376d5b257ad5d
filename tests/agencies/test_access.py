"""A user's scope is read from their memberships, once per request."""

import pytest
from django.contrib.auth.models import AnonymousUser

from agencies.access import ANONYMOUS, forget_scope, scope_for
from agencies.models import Membership, Role
from tests import factories

pytestmark = pytest.mark.django_db


def test_scope_holds_the_organisations_of_each_role():
    agency = factories.AgencyFactory()
    user = factories.specialist_of(agency)
    district = factories.DistrictAssociationFactory()
    Membership.objects.create(user=user, role=Role.COORDINATOR, district=district)

    scope = scope_for(user)

    assert scope.roles == {Role.SPECIALIST, Role.COORDINATOR}
    assert scope.agency_ids == {agency.pk}
    assert scope.district_ids == {district.pk}
    assert scope.provider_ids == frozenset() and scope.funding_authority_ids == frozenset()


def test_scope_of_a_user_without_memberships_reaches_nothing():
    scope = scope_for(factories.UserFactory())
    assert scope.roles == frozenset() and scope.agency_ids == frozenset() and scope.district_ids == frozenset()


def test_scope_is_read_once_per_user_object(django_assert_num_queries):
    user = factories.coordinator_of(factories.DistrictAssociationFactory())
    with django_assert_num_queries(1):
        scope_for(user)
        scope_for(user)


def test_forgotten_scope_is_read_again():
    user = factories.coordinator_of(factories.DistrictAssociationFactory())
    scope_for(user)
    Membership.objects.filter(user=user).delete()
    forget_scope(user)
    assert scope_for(user).district_ids == frozenset()


def test_anonymous_user_has_the_empty_scope():
    assert scope_for(AnonymousUser()) is ANONYMOUS
