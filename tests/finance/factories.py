"""Factories of the money domain."""

from datetime import date
from decimal import Decimal

from agencies.models import Position
from core.workflow import State
from finance.models import FundingRate, JointApplication, PayGroupRate
from finance.services.cost_plans import create_cost_plan
from finance.services.workflow import move
from funding.models import FundingPhase, FundingYear
from tests import factories


def phase_2025_2026() -> tuple[FundingPhase, list[FundingYear]]:
    phase, _ = FundingPhase.objects.get_or_create(
        name="Förderphase 2025–2026", defaults={"starts_on": date(2025, 1, 1), "ends_on": date(2026, 12, 31)}
    )
    years = [
        FundingYear.objects.get_or_create(year=year, defaults={"phase": phase, "number": number})[0]
        for number, year in enumerate(phase.years, start=1)
    ]
    return phase, years


def funding_rate(phase: FundingPhase, **overrides) -> FundingRate:
    values = {
        "max_funded_share": Decimal("90.00"),
        "material_flat_rate": Decimal("6000.00"),
        "minimum_grant": Decimal("10000.00"),
        "deviation_threshold": Decimal("20.00"),
        "retention_years": 10,
    }
    values.update(overrides)
    rate = FundingRate.objects.create(phase=phase, **values)
    PayGroupRate.objects.create(
        funding_rate=rate,
        pay_group="S 12",
        annual_employer_costs=Decimal("60000.00"),
        annual_ceiling=Decimal("62000.00"),
    )
    return rate


def set_pay_groups(group: str = "S 12") -> None:
    Position.objects.update(pay_group=group)


def approved_plan(agency, year, *, by_provider, by_coordinator):
    plan = create_cost_plan(agency=agency, funding_year=year, by=by_provider)
    move(document=plan, to=State.SUBMITTED, by=by_provider)
    move(document=plan, to=State.APPROVED, by=by_coordinator, comment="ok")
    plan.refresh_from_db()
    return plan


def district_with_agencies(count: int):
    """A district with `count` agencies (one provider per 10 agencies), each with one full position in S 12."""
    district = factories.DistrictAssociationFactory()
    providers = [factories.ProviderFactory(district=district) for _ in range(max(1, count // 10))]
    for index in range(count):
        agency = factories.AgencyFactory(provider=providers[index % len(providers)])
        factories.PositionFactory(agency=agency, pay_group="S 12")
    return district


def forwarded_application(district, phase, authority, *, by) -> JointApplication:
    from finance.services.district import create_joint_application

    application = create_joint_application(district=district, phase=phase, funding_authority=authority, by=by)
    for to in (State.SUBMITTED, State.APPROVED, State.FORWARDED):
        move(document=application, to=to, by=by)
    application.refresh_from_db()
    return application
