import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from agencies.models import Agency, FieldOfAction, Membership, Role
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_four_fields_of_action_exist():
    assert FieldOfAction.objects.count() == 4


def test_agency_needs_at_least_one_field_of_action():
    with pytest.raises(ValidationError) as error:
        Agency.validate_fields_of_action([], None)
    assert "mindestens ein" in str(error.value)


def test_agency_allows_at_most_four_fields():
    fields = list(FieldOfAction.objects.all())
    Agency.validate_fields_of_action(fields, fields[0])  # four pass


def test_primary_focus_must_be_one_of_the_chosen_fields():
    fields = list(FieldOfAction.objects.all())
    with pytest.raises(ValidationError) as error:
        Agency.validate_fields_of_action(fields[:2], fields[3])
    assert "Schwerpunkt" in str(error.value)


def test_postcode_must_have_five_digits():
    agency = factories.AgencyFactory.build(postcode="4512")
    with pytest.raises(ValidationError) as error:
        agency.clean()
    assert "postcode" in error.value.message_dict


def test_membership_role_must_match_its_organisation(world):
    user = factories.UserFactory()
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=user, role=Role.SPECIALIST, district=world.district)


def test_membership_clean_explains_the_mismatch(world):
    membership = Membership(user=factories.UserFactory(), role=Role.COORDINATOR, agency=world.agency)
    with pytest.raises(ValidationError):
        membership.clean()
