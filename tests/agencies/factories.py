"""Factories for staff changes."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from agencies.models import StaffChange
from agencies.models.staff_changes import ChangeKind
from tests import factories


class StaffChangeFactory(DjangoModelFactory):
    """A draft increase of hours for the agency's first staff member, effective in ten weeks."""

    class Meta:
        model = StaffChange

    agency = factory.SubFactory(factories.AgencyFactory)
    kind = ChangeKind.HOURS_INCREASE
    effective_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(weeks=10))
    staff_member = factory.LazyAttribute(
        lambda o: o.agency.positions.first().assignments.first().staff_member if o.agency.positions.exists() else None
    )
    new_fte = Decimal("1.00")
    justification = "Mehr Beratung im Quartier."
    created_by = factory.SubFactory(factories.UserFactory)
