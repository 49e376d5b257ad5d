"""Demo data of the money domain for AWO Bezirksverband Niederrhein in the previous and the current funding phase
(the funding demo's phases, relative to today): rates, cost plans of all 13 agencies (computed from their positions
in the registry), the joint application with its grant decision, calls for funds and forwardings, the latest
Mittel-Controlling with one reallocation, and the interim statement once the first year of a phase is over. The
rates are plausible demo values, not those of a real grant decision; the page says so."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from agencies.models import Agency, DistrictAssociation, FundingAuthority, Provider
from core.models import User
from core.workflow import State
from finance.models import (
    CostPlan,
    CostType,
    FundingRate,
    FundsCall,
    JointApplication,
    PartialStatement,
    PayGroupRate,
    Receipt,
    SpendingForecast,
    UseOfFundsStatement,
)
from finance.money import cents, share
from finance.services.cost_plans import adjust_cost_plans_to_grant, create_cost_plan
from finance.services.district import (
    create_district_statement,
    create_joint_application,
    record_funds_call,
    record_grant_decision,
    record_reallocation,
    record_transfer,
    save_forwarding_contract,
)
from finance.services.provider import create_forecast, create_partial_statement, replace_receipts
from finance.services.workflow import move
from funding.demo import ensure_phase as ensure_funding_phase
from funding.demo import phase_bounds
from funding.models import FundingPhase, FundingYear

DISTRICT = "AWO Bezirksverband Niederrhein e. V."
PAY_GROUPS = [  # pay group, usual annual employer costs per 1,00 VZÄ, eligible ceiling per 1,00 VZÄ (demo values)
    ("S 11b", Decimal("61200.00"), Decimal("62000.00")),
    ("S 12", Decimal("64800.00"), Decimal("66000.00")),
    ("S 14", Decimal("69600.00"), Decimal("70000.00")),
]
# Mittel-Controlling: (agency, difference in €): positive = surplus, negative = shortfall.
FORECAST_DEVIATIONS = {"Meerbusch": Decimal("8000.00"), "Duisburg-Marxloh": Decimal("-3500.00")}
GRANT_CUTS = {("Wuppertal-Barmen", 2): Decimal("1000.00")}  # (agency, year of the phase)


def ensure_phases(today: date) -> list[tuple[FundingPhase, list[FundingYear]]]:
    """The previous and the current phase of the funding demo, with their years."""
    result = []
    for name, starts_on, ends_on in phase_bounds(today)[:2]:
        phase = FundingPhase.objects.filter(name=name).first() or ensure_funding_phase(name, starts_on, ends_on, today)
        years = [
            FundingYear.objects.get_or_create(year=year, defaults={"phase": phase, "number": number})[0]
            for number, year in enumerate(phase.years, start=1)
        ]
        result.append((phase, years))
    return result


def ensure_rate(phase: FundingPhase) -> FundingRate:
    rate, created = FundingRate.objects.get_or_create(
        phase=phase,
        defaults={
            "max_funded_share": Decimal("90.00"),
            "material_flat_rate": Decimal("6500.00"),
            "minimum_grant": Decimal("10000.00"),
            "deviation_threshold": Decimal("20.00"),
            "retention_years": 10,
            "is_demo": True,
            "notes": "Plausible Demo-Werte für Agenturnetz; die gültigen Sätze stehen im Förderaufruf des Landes.",
        },
    )
    if created:
        for group, costs, ceiling in PAY_GROUPS:
            PayGroupRate.objects.create(
                funding_rate=rate, pay_group=group, annual_employer_costs=costs, annual_ceiling=ceiling
            )
    return rate


def _step(document, to, by, comment=""):
    document.refresh_from_db()
    if document.can_transition_to(to):
        move(document=document, to=to, by=by, comment=comment)


@transaction.atomic
def seed(*, today: date) -> None:
    district = DistrictAssociation.objects.filter(name=DISTRICT).first()
    if district is None:
        return
    coordinator = User.objects.get(username="koordination")
    provider_manager = User.objects.get(username="traeger")
    admin = User.objects.get(username="admin")
    authority = FundingAuthority.objects.order_by("pk").first()
    agencies = list(Agency.objects.filter(provider__district=district).select_related("provider").order_by("name"))
    for phase, years in ensure_phases(today):
        ensure_rate(phase)
        _seed_phase(district, phase, years, today, agencies, coordinator, provider_manager, admin, authority)


def _seed_phase(district, phase, years, today, agencies, coordinator, provider_manager, admin, authority) -> None:

    # Cost plans, filed by the providers (the demo's provider manager for Essen, the administrator for the rest).
    for agency in agencies:
        author = provider_manager if agency.provider.name == "AWO Kreisverband Essen e. V." else admin
        for year in years:
            plan = create_cost_plan(agency=agency, funding_year=year, by=author)
            _step(plan, State.SUBMITTED, author)
            _step(plan, State.APPROVED, coordinator, "Geprüft, rechnerisch richtig.")

    application = create_joint_application(district=district, phase=phase, funding_authority=authority, by=coordinator)
    _step(application, State.SUBMITTED, coordinator)
    _step(application, State.APPROVED, coordinator, "Freigabe durch die Geschäftsführung.")
    _step(application, State.FORWARDED, coordinator)

    application.refresh_from_db()
    plans = {
        (p.agency.name, p.funding_year.year): p
        for p in CostPlan.objects.filter(funding_year__phase=phase, agency__in=agencies).select_related(
            "agency", "funding_year"
        )
    }
    if not hasattr(application, "grant_decision"):
        amounts = {
            (plan.agency_id, plan.funding_year_id): plan.grant_requested
            - GRANT_CUTS.get((plan.agency.name, plan.funding_year.number), Decimal("0"))
            for plan in plans.values()
        }
        record_grant_decision(
            application=application,
            decided_on=phase.starts_on - timedelta(days=14),
            reference=f"KfI 34.2-IA-{phase.starts_on.year}/{phase.ends_on.year % 100:02d}-AWO-NR",
            conditions="Die Mittel sind bedarfsgerecht abzurufen. Stellenveränderungen sind vorab anzuzeigen.",
            amounts=amounts,
            by=coordinator,
        )
        adjust_cost_plans_to_grant(application=application, by=coordinator)
    granted = {
        (a.agency_id, a.funding_year.year): a.amount
        for a in application.grant_decision.amounts.select_related("funding_year")
    }

    # Forwarding contracts and calls: four quarterly calls per past year, the quarters so far this year; each forwarded.
    contracts = {}
    for provider in Provider.objects.filter(agencies__in=agencies).distinct():
        total = sum(
            (
                v
                for (agency_id, _y), v in granted.items()
                if agency_id in {a.pk for a in agencies if a.provider_id == provider.pk}
            ),
            Decimal("0"),
        )
        contracts[provider.pk] = save_forwarding_contract(
            provider=provider,
            phase=phase,
            signed_on=phase.starts_on + timedelta(days=14),
            amount=total,
            file=None,
            notes=f"Weiterleitungsvertrag für die {phase.name}.",
            by=coordinator,
        )
    if not FundsCall.objects.filter(district=district, funding_year__phase=phase).exists():
        for year in years:
            if year.year > today.year:
                continue  # no calls for a year that has not begun
            quarters = 4 if year.year < today.year else (today.month - 1) // 3
            for quarter in range(quarters):
                start = date(year.year, quarter * 3 + 1, 1)
                end = (date(year.year, quarter * 3 + 4, 1) if quarter < 3 else date(year.year + 1, 1, 1)) - timedelta(
                    days=1
                )
                amounts = {}
                for agency in agencies:
                    full = granted[(agency.pk, year.year)]
                    amounts[agency.pk] = full - 3 * cents(full / 4) if quarter == 3 else cents(full / 4)
                record_funds_call(
                    district=district,
                    funding_year=year,
                    called_on=start - timedelta(days=10),
                    period_from=start,
                    period_to=end,
                    reference=f"Abruf {quarter + 1}/{year.year}",
                    amounts=amounts,
                    by=coordinator,
                )
                for agency in agencies:
                    record_transfer(
                        contract=contracts[agency.provider_id],
                        agency=agency,
                        funding_year=year,
                        transferred_on=start - timedelta(days=3),
                        amount=amounts[agency.pk],
                        reference=f"IA {agency.name} {quarter + 1}/{year.year}",
                        by=coordinator,
                    )

    # Mittel-Controlling (as of 30.09.) of the latest year whose date has passed, with one reallocation.
    controlled = [year for year in years if date(year.year, 9, 30) <= today]
    year2 = controlled[-1] if controlled else None
    if year2 is not None and not SpendingForecast.objects.filter(funding_year=year2).exists():
        for agency in agencies:
            author = provider_manager if agency.provider.name == "AWO Kreisverband Essen e. V." else admin
            forecast = create_forecast(agency=agency, funding_year=year2, as_of=date(year2.year, 9, 30), by=author)
            spent = cents(forecast.available * 9 / 12)
            deviation = FORECAST_DEVIATIONS.get(agency.name, Decimal("0"))
            SpendingForecast.objects.filter(pk=forecast.pk).update(
                spent_to_date=spent,
                expected_until_year_end=forecast.available - spent - deviation,
                explanation={
                    "Meerbusch": f"Stelle von Mai bis Juli unbesetzt; Nachbesetzung zum 01.08.{year2.year}.",
                    "Duisburg-Marxloh": f"Tarifsteigerung TVöD SuE zum 01.04.{year2.year} und Stufenaufstieg.",
                }.get(agency.name, ""),
            )
            _step(forecast, State.SUBMITTED, author)
            _step(forecast, State.APPROVED, coordinator)
        by_name = {agency.name: agency for agency in agencies}
        record_reallocation(
            district=district,
            funding_year=year2,
            from_agency=by_name["Meerbusch"],
            to_agency=by_name["Duisburg-Marxloh"],
            amount=Decimal("3500.00"),
            reason="Minderbedarf Meerbusch (Vakanz) deckt den Mehrbedarf Marxloh (Tarif).",
            by=coordinator,
        )

    if years and years[0].year < today.year:  # the interim statement follows the end of the first year
        _seed_interim_statement(
            district, phase, years[0], agencies, plans, coordinator, admin, provider_manager, authority
        )


def _seed_interim_statement(
    district, phase, year, agencies, plans, coordinator, admin, provider_manager, authority
) -> None:
    for provider in Provider.objects.filter(agencies__in=agencies).distinct().order_by("name"):
        author = provider_manager if provider.name == "AWO Kreisverband Essen e. V." else admin
        statement = create_partial_statement(provider=provider, funding_year=year, by=author)
        if not statement.receipts.exists():
            receipts = []
            for agency in [a for a in agencies if a.provider_id == provider.pk]:
                plan = plans[(agency.name, year.year)]
                monthly = cents(plan.personnel_total / 12)
                for month in range(1, 13):
                    amount = plan.personnel_total - 11 * monthly if month == 12 else monthly
                    receipts.append(
                        Receipt(
                            agency=agency,
                            number=f"{agency.pk}-P{month:02d}",
                            paid_on=date(year.year, month, 28),
                            payee="Personal (Sammelbuchung)",
                            purpose=f"Gehälter {month:02d}/{year.year}",
                            cost_type=CostType.PERSONNEL,
                            amount=amount,
                        )
                    )
                material = plan.material_total - Decimal("312.40")  # slightly under plan
                quarter = cents(material / 4)
                for q in range(4):
                    receipts.append(
                        Receipt(
                            agency=agency,
                            number=f"{agency.pk}-S{q + 1}",
                            paid_on=date(year.year, q * 3 + 3, 15),
                            payee="Diverse (Miete, Telefon, Material)",
                            purpose=f"Sachkosten Quartal {q + 1}",
                            cost_type=CostType.MATERIAL,
                            amount=material - 3 * quarter if q == 3 else quarter,
                        )
                    )
            replace_receipts(statement=statement, receipts=receipts, source="Demo-Belegliste", by=author)
            total = sum((r.amount for r in receipts), Decimal("0"))
            grant = min(statement.actual_grant, share(total, Decimal("90.00")))
            PartialStatement.objects.filter(pk=statement.pk).update(
                actual_grant=grant, actual_own_contribution=total - grant, actual_third_party=Decimal("0.00")
            )
        _step(statement, State.SUBMITTED, author)
        _step(statement, State.APPROVED, coordinator)
    interim = create_district_statement(
        district=district,
        phase=phase,
        kind=UseOfFundsStatement.Kind.INTERIM,
        funding_authority=authority,
        by=coordinator,
    )
    _step(interim, State.SUBMITTED, coordinator)
    _step(interim, State.APPROVED, coordinator)
    _step(interim, State.FORWARDED, coordinator)


__all__ = ["JointApplication", "seed"]
