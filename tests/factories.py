"""Factories for the registry and users, shared by the tests of every app."""

from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

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
    StaffMember,
    WelfareAssociation,
)
from core.models import User


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Erika"
    last_name = factory.Sequence(lambda n: f"Muster{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("geheim-123")


class WelfareAssociationFactory(DjangoModelFactory):
    class Meta:
        model = WelfareAssociation
        django_get_or_create = ("short_name",)

    short_name = factory.Sequence(lambda n: f"Verband{n}")
    name = factory.LazyAttribute(lambda o: f"{o.short_name} Landesverband")


class DistrictAssociationFactory(DjangoModelFactory):
    class Meta:
        model = DistrictAssociation

    welfare_association = factory.SubFactory(WelfareAssociationFactory)
    name = factory.Sequence(lambda n: f"Bezirksverband {n}")
    city = "Essen"


class ProviderFactory(DjangoModelFactory):
    class Meta:
        model = Provider

    district = factory.SubFactory(DistrictAssociationFactory)
    name = factory.Sequence(lambda n: f"Kreisverband {n} e. V.")
    city = "Essen"


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Stadt {n}")
    kind = Municipality.Kind.INDEPENDENT_CITY


class FundingAuthorityFactory(DjangoModelFactory):
    class Meta:
        model = FundingAuthority
        django_get_or_create = ("name",)

    name = "Bezirksregierung Arnsberg"


def field_of_action(code: str = "interkulturelle-oeffnung") -> FieldOfAction:
    if not FieldOfAction.objects.exists():  # transactional tests flush the data migration's rows
        ensure_fields_of_action()
    return FieldOfAction.objects.get(code=code)


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Agentur {n}")
    provider = factory.SubFactory(ProviderFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    primary_field = factory.LazyFunction(field_of_action)
    active_since = date(2007, 1, 1)

    @factory.post_generation
    def fields_of_action(self, create, extracted, **kwargs):
        if create:
            self.fields_of_action.set(extracted or [self.primary_field])


class PositionFactory(DjangoModelFactory):
    class Meta:
        model = Position

    agency = factory.SubFactory(AgencyFactory)
    fte = Decimal("1.00")
    valid_from = date(2020, 1, 1)


class StaffMemberFactory(DjangoModelFactory):
    class Meta:
        model = StaffMember

    provider = factory.SubFactory(ProviderFactory)
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Fachkraft{n}")
    email = factory.LazyAttribute(lambda o: f"{o.last_name.lower()}@example.org")
    phone = "0201 123456"
    qualification = "Soziale Arbeit (B. A.)"
    employed_from = date(2020, 1, 1)


class AssignmentFactory(DjangoModelFactory):
    class Meta:
        model = Assignment

    position = factory.SubFactory(PositionFactory)
    staff_member = factory.SubFactory(StaffMemberFactory, provider=factory.SelfAttribute("..position.agency.provider"))
    fte = factory.SelfAttribute("position.fte")
    valid_from = factory.SelfAttribute("position.valid_from")


def staff_agency(agency: Agency, fte: str = "1.00", **kwargs) -> Assignment:
    """Gives `agency` one position held by one new staff member."""
    position = PositionFactory(agency=agency, fte=Decimal(fte), **kwargs)
    return AssignmentFactory(position=position)


def member(role: str, **target) -> User:
    user = UserFactory()
    Membership.objects.create(user=user, role=role, **target)
    return user


def specialist_of(agency: Agency) -> User:
    return member(Role.SPECIALIST, agency=agency)


def provider_manager_of(provider: Provider) -> User:
    return member(Role.PROVIDER_MANAGER, provider=provider)


def coordinator_of(district: DistrictAssociation) -> User:
    return member(Role.COORDINATOR, district=district)


def state_level_user() -> User:
    return member(Role.STATE_LEVEL)


def authority_user() -> User:
    return member(Role.FUNDING_AUTHORITY, funding_authority=FundingAuthorityFactory())


def administrator() -> User:
    user = member(Role.ADMINISTRATOR)
    user.is_staff = user.is_superuser = True
    user.save()
    return user
