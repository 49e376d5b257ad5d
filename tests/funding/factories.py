"""Factories of the deadline calendar."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from funding.models import DeadlineRule, DocumentKind, FundingPhase, Obligation
from funding.services.obligations import create_phase
from tests.factories import DistrictAssociationFactory


class FundingPhaseFactory(DjangoModelFactory):
    class Meta:
        model = FundingPhase
        django_get_or_create = ("name",)

    name = factory.LazyAttribute(lambda o: f"Förderphase {o.starts_on.year}–{o.ends_on.year}")
    starts_on = date(2025, 1, 1)
    ends_on = date(2026, 12, 31)


class DeadlineRuleFactory(DjangoModelFactory):
    class Meta:
        model = DeadlineRule

    phase = factory.SubFactory(FundingPhaseFactory)
    district = factory.SubFactory(DistrictAssociationFactory)
    document_kind = DocumentKind.ACTIVITY_REPORT
    year_offset = 1
    district_month, district_day = 4, 30
    authority_month, authority_day = 6, 30


class ObligationFactory(DjangoModelFactory):
    class Meta:
        model = Obligation

    rule = factory.SubFactory(DeadlineRuleFactory)
    district = factory.SelfAttribute("rule.district")
    agency = None
    document_kind = factory.SelfAttribute("rule.document_kind")
    year = 2025
    district_due = date(2026, 4, 30)
    authority_due = date(2026, 6, 30)


def phase_2025(by=None) -> FundingPhase:
    """The phase 2025–2026 with Tabelle 3 for every district and all obligations."""
    return create_phase(name="Förderphase 2025–2026", starts_on=date(2025, 1, 1), ends_on=date(2026, 12, 31), by=by)
