"""Bulk money data for benchmarks, in the shape of finance.demo for every district and phase: the demo's rates per
phase, a cost plan per agency and funding year computed from its positions (finance.calc, the one rounding rule),
the district's joint application forwarded with its plans before the phase begins, the grant decision with one
amount per plan (a few cut by 1.000 €), forwarding contracts, quarterly calls for funds with their transfers, the
Mittel-Controlling of every year whose 30.09. has passed in the state of its obligation, and for every finished year
the providers' partial statements (quarterly receipts) and the district's interim or final statement in the state
of its obligation (funding.scale decided those).

Every total is the exact sum of its rounded lines: calls and transfers add up to the granted amount, receipts to the
plan's personnel costs and (a little under) its material costs, and the grant share of a partial statement never
exceeds what was forwarded. Written with bulk_create; the few hundred district documents freeze their real
snapshot, the thousands of agency and provider documents one built from the rows in memory.
"""

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone

from agencies.models import Agency, DistrictAssociation, Position
from agencies.scale import historic_timestamps, users_by_unit
from core.workflow import State, Transition
from finance.calc import figures, months_active
from finance.demo import PAY_GROUPS
from finance.models import (
    AuditEntry,
    CostPlan,
    CostType,
    ForwardingContract,
    FundingRate,
    FundsCall,
    FundsCallLine,
    FundsTransfer,
    GrantDecision,
    GrantedAmount,
    JointApplication,
    MaterialMode,
    PartialStatement,
    PayGroupRate,
    PersonnelCostLine,
    Receipt,
    SpendingForecast,
    UseOfFundsStatement,
)
from finance.money import ZERO, cents, share
from funding.models import DocumentKind, FundingPhase, FundingYear, Obligation, ObligationState
from funding.scale import roll
from planning.scale import History

BATCH = 2000
FOLLOWS = {
    ObligationState.SUBMITTED: State.SUBMITTED,
    ObligationState.RETURNED: State.RETURNED,
    ObligationState.APPROVED: State.APPROVED,
    ObligationState.FORWARDED: State.FORWARDED,
}
MATERIAL_UNDER_PLAN = Decimal("312.40")  # the receipts of material costs stay a little under the plan, as in the demo


def _at(day: date, hour: int = 11) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _money(values: dict) -> dict:
    return {key: str(value) for key, value in values.items()}


def _quarters(amount: Decimal) -> list[Decimal]:
    """Four quarterly shares rounded at the cent; the last takes the remainder, so they add up exactly."""
    part = cents(amount / 4)
    return [part, part, part, amount - 3 * part]


class FinanceSeeder:
    def __init__(self, *, today: date):
        self.today = today
        self.people = users_by_unit()
        self.authority_user = next(iter(self.people["authority"].values()), None)
        self.history = History()
        self.audit: list[AuditEntry] = []
        self.phases = list(
            FundingPhase.objects.filter(name__startswith="Förderphase ", starts_on__lte=today).order_by("starts_on")
        )
        self.years = {fy.year: fy for fy in FundingYear.objects.filter(phase__in=self.phases).select_related("phase")}
        self.districts = list(
            DistrictAssociation.objects.filter(name__startswith="Skala-").values("pk", "name", "funding_authority_id")
        )
        self.agencies = {
            row["pk"]: row
            for row in Agency.objects.filter(name__startswith="Skala-").values(
                "pk", "name", "provider_id", "provider__name", "provider__district_id"
            )
        }
        self.positions: dict[int, list] = defaultdict(list)
        for position in Position.objects.filter(agency_id__in=list(self.agencies)).order_by("valid_from", "pk"):
            self.positions[position.agency_id].append(position)
        # Agencies owe documents for the years their obligations were generated for (active, not before opening).
        self.active: dict[int, list[int]] = defaultdict(list)  # year → agencies
        self.obligations: dict[tuple, dict] = {}
        kinds = (
            DocumentKind.TASK_PLAN,
            DocumentKind.SPENDING_FORECAST,
            DocumentKind.INTERIM_STATEMENT,
            DocumentKind.FINAL_STATEMENT,
        )
        for row in Obligation.objects.filter(
            document_kind__in=kinds, district__name__startswith="Skala-", cancelled_on__isnull=True
        ).values(
            "agency_id",
            "district_id",
            "document_kind",
            "year",
            "state",
            "district_due",
            "submitted_on",
            "approved_on",
            "forwarded_on",
        ):
            if row["document_kind"] == DocumentKind.TASK_PLAN:
                self.active[row["year"]].append(row["agency_id"])
            else:
                owner = row["agency_id"] or row["district_id"]
                self.obligations[(owner, row["document_kind"], row["year"])] = row
        self.plans: dict[tuple[int, int], CostPlan] = {}  # (agency, year)
        self.granted: dict[tuple[int, int], Decimal] = {}
        self.forwarded: dict[tuple[int, int], Decimal] = defaultdict(lambda: ZERO)  # (provider, year)

    def log(self, subject, action: str, summary: str, by: int, at: datetime, data: dict | None = None) -> None:
        self.audit.append(
            AuditEntry(
                content_type=ContentType.objects.get_for_model(type(subject)),
                object_id=subject.pk,
                action=action,
                summary=summary,
                data=data or {},
                by_id=by,
                at=at,
            )
        )

    def flush(self) -> None:
        AuditEntry.objects.bulk_create(self.audit, batch_size=BATCH)
        self.audit = []
        self.history.flush()

    # ------------------------------------------------------------------------------------------------ rates, plans
    def rates(self) -> dict[int, FundingRate]:
        rates = FundingRate.objects.bulk_create(
            [
                FundingRate(
                    phase=phase,
                    max_funded_share=Decimal("90.00"),
                    material_flat_rate=Decimal("6500.00"),
                    minimum_grant=Decimal("10000.00"),
                    deviation_threshold=Decimal("20.00"),
                    retention_years=10,
                    is_demo=True,
                    notes="Plausible Werte für Messungen; nicht aus einem Förderbescheid.",
                )
                for phase in self.phases
            ]
        )
        PayGroupRate.objects.bulk_create(
            [
                PayGroupRate(funding_rate=rate, pay_group=group, annual_employer_costs=costs, annual_ceiling=ceiling)
                for rate in rates
                for group, costs, ceiling in PAY_GROUPS
            ]
        )
        prefetch_related_objects(rates, "pay_groups")
        return {rate.phase_id: rate for rate in rates}

    def phase(self, phase: FundingPhase, rate: FundingRate) -> None:
        years = [self.years[y] for y in phase.years if y in self.years]
        applied = phase.starts_on - timedelta(days=100)  # plans filed, checked and sent with the joint application
        plans, lines = [], []
        costs = {group: annual for group, annual, _ceiling in PAY_GROUPS}
        for funding_year in years:
            for agency_id in self.active[funding_year.year]:
                personnel = []
                for position in self.positions[agency_id]:
                    months = months_active(position, funding_year.year)
                    if months:
                        personnel.append(
                            PersonnelCostLine(
                                position_id=position.pk,
                                title=position.title,
                                pay_group=position.pay_group,
                                fte=position.fte,
                                months=months,
                                annual_employer_costs=costs.get(position.pay_group, ZERO),
                            )
                        )
                if not personnel:
                    continue  # no position in the registry that year (history starts later): nothing to fund
                for line in personnel:
                    line.amount = line.computed_amount()
                result = figures(material_mode=MaterialMode.FLAT, personnel=personnel, cost_lines=[], rate=rate)
                grant = min(result.max_grant(rate), result.costs)
                cut = Decimal("1000.00") if roll(agency_id, funding_year.year, "cut") < 3 and grant > 1000 else ZERO
                agency = self.agencies[agency_id]
                plan = CostPlan(
                    agency_id=agency_id,
                    funding_year=funding_year,
                    material_mode=MaterialMode.FLAT,
                    grant_requested=grant,
                    own_contribution=result.costs - grant,
                    personnel_total=result.personnel,
                    material_total=result.material,
                    measures_total=result.measures,
                    total_costs=result.costs,
                    planned_fte=result.planned_fte,
                    granted_amount=grant - cut,
                    adjusted_own_contribution=result.costs - (grant - cut),
                    adjusted_at=_at(phase.starts_on - timedelta(days=13)),
                    created_by_id=self.people["provider"].get(agency["provider_id"]),
                    state=State.FORWARDED,
                    created_at=_at(applied - timedelta(days=20)),
                    updated_at=_at(phase.starts_on - timedelta(days=13)),
                    submitted_at=_at(applied - timedelta(days=10)),
                    approved_at=_at(applied - timedelta(days=5)),
                    forwarded_at=_at(applied),
                )
                plans.append((plan, personnel))
        CostPlan.objects.bulk_create([plan for plan, _ in plans], batch_size=BATCH)
        for plan, personnel in plans:
            for line in personnel:
                line.cost_plan_id = plan.pk
                lines.append(line)
            self.plans[(plan.agency_id, plan.funding_year.year)] = plan
            self.granted[(plan.agency_id, plan.funding_year.year)] = plan.granted_amount
        PersonnelCostLine.objects.bulk_create(lines, batch_size=BATCH)

        by_district: dict[int, list[CostPlan]] = defaultdict(list)
        for plan, _personnel in plans:
            by_district[self.agencies[plan.agency_id]["provider__district_id"]].append(plan)
        applications = JointApplication.objects.bulk_create(
            [
                JointApplication(
                    district_id=district["pk"],
                    phase=phase,
                    funding_authority_id=district["funding_authority_id"],
                    created_by_id=self.people["district"].get(district["pk"]),
                    state=State.FORWARDED,
                    created_at=_at(applied - timedelta(days=3)),
                    updated_at=_at(applied),
                    submitted_at=_at(applied - timedelta(days=2)),
                    approved_at=_at(applied - timedelta(days=1)),
                    forwarded_at=_at(applied),
                )
                for district in self.districts
                if by_district.get(district["pk"])
            ]
        )
        for plan, personnel in plans:
            district_id = self.agencies[plan.agency_id]["provider__district_id"]
            author = plan.created_by_id or self.people["district"][district_id]
            self.history.add(
                plan,
                author=author,
                reviewer=self.people["district"][district_id],
                content=self.plan_snapshot(plan, personnel),
                returned_share=10,
                returned_comment="Bitte prüfen Sie die Entgeltgruppe.",
                forward_comment=f"Weitergeleitet als Teil von „Gesamtantrag {phase.name}“.",
            )
            self.log(plan, "created", "Aus dem Stellenverzeichnis angelegt.", author, plan.created_at)
        decisions = []
        for application in applications:
            coordinator = self.people["district"][application.district_id]
            self.history.add(
                application,
                author=coordinator,
                reviewer=coordinator,
                content=application.snapshot(),
                returned_share=0,
            )
            self.log(application, "created", "Gesamtantrag angelegt.", coordinator, application.created_at)
            decisions.append(
                GrantDecision(
                    joint_application=application,
                    decided_on=phase.starts_on - timedelta(days=14),
                    reference=f"KfI 34.2-IA-{phase.starts_on.year}-{application.district_id}",
                    conditions="Die Mittel sind bedarfsgerecht abzurufen. Stellenveränderungen sind vorab anzuzeigen.",
                    recorded_by_id=coordinator,
                    recorded_at=_at(phase.starts_on - timedelta(days=13)),
                )
            )
        GrantDecision.objects.bulk_create(decisions)
        amounts = []
        for decision in decisions:
            for plan in by_district[decision.joint_application.district_id]:
                amounts.append(
                    GrantedAmount(
                        decision=decision,
                        agency_id=plan.agency_id,
                        funding_year=plan.funding_year,
                        amount=plan.granted_amount,
                    )
                )
            total = sum((plan.granted_amount for plan in by_district[decision.joint_application.district_id]), ZERO)
            self.log(
                decision.joint_application,
                "grant_recorded",
                f"Bescheid {decision.reference} erfasst.",
                decision.recorded_by_id,
                decision.recorded_at,
                {"total": str(total)},
            )
        GrantedAmount.objects.bulk_create(amounts, batch_size=BATCH)
        self.money(phase, years, by_district)
        self.flush()

    def plan_snapshot(self, plan: CostPlan, personnel: list[PersonnelCostLine]) -> dict:
        """`CostPlan.snapshot` from the rows in memory (the scaled plans have no other cost lines)."""
        return plan.snapshot_of(agency_name=self.agencies[plan.agency_id]["name"], personnel=personnel, costs=[])

    # --------------------------------------------------------------------------------- contracts, calls, transfers
    def money(self, phase: FundingPhase, years: list[FundingYear], by_district: dict[int, list[CostPlan]]) -> None:
        signed = phase.starts_on + timedelta(days=14)
        per_provider: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for plans in by_district.values():
            for plan in plans:
                per_provider[self.agencies[plan.agency_id]["provider_id"]] += plan.granted_amount
        district_of = {
            row["provider_id"]: row["provider__district_id"] for row in self.agencies.values()
        }  # provider → district
        contracts = ForwardingContract.objects.bulk_create(
            [
                ForwardingContract(
                    provider_id=provider_id,
                    phase=phase,
                    signed_on=signed,
                    amount=amount,
                    notes=f"Weiterleitungsvertrag für die {phase.name}.",
                    created_by_id=self.people["district"][district_of[provider_id]],
                )
                for provider_id, amount in per_provider.items()
            ]
        )
        contract_of = {contract.provider_id: contract for contract in contracts}
        for contract in contracts:
            self.log(
                contract, "contract_saved", "Weiterleitungsvertrag gespeichert.", contract.created_by_id, _at(signed)
            )
        calls, lines, transfers = [], [], []
        for funding_year in years:
            year = funding_year.year
            if year > self.today.year:
                continue
            quarters = 4 if year < self.today.year else (self.today.month - 1) // 3
            for district_id, plans in by_district.items():
                plans = [plan for plan in plans if plan.funding_year.year == year]
                coordinator = self.people["district"][district_id]
                for quarter in range(quarters):
                    start = date(year, quarter * 3 + 1, 1)
                    end = (date(year, quarter * 3 + 4, 1) if quarter < 3 else date(year + 1, 1, 1)) - timedelta(days=1)
                    call = FundsCall(
                        district_id=district_id,
                        funding_year=funding_year,
                        called_on=start - timedelta(days=10),
                        period_from=start,
                        period_to=end,
                        reference=f"Abruf {quarter + 1}/{year}",
                        created_by_id=coordinator,
                        created_at=_at(start - timedelta(days=10)),
                    )
                    shares = []
                    for plan in plans:
                        amount = _quarters(plan.granted_amount)[quarter]
                        if amount > 0:
                            shares.append((plan, amount))
                    calls.append((call, shares))
        FundsCall.objects.bulk_create([call for call, _ in calls], batch_size=BATCH)
        for call, shares in calls:
            self.log(
                call,
                "called",
                f"{call.reference} erfasst.",
                call.created_by_id,
                call.created_at,
                {"total": str(sum((amount for _plan, amount in shares), ZERO))},
            )
            for plan, amount in shares:
                lines.append(FundsCallLine(funds_call=call, agency_id=plan.agency_id, amount=amount))
                agency = self.agencies[plan.agency_id]
                transfers.append(
                    FundsTransfer(
                        contract=contract_of[agency["provider_id"]],
                        agency_id=plan.agency_id,
                        funding_year=call.funding_year,
                        transferred_on=call.period_from - timedelta(days=3),
                        amount=amount,
                        reference=f"IA {agency['name']} {call.reference.removeprefix('Abruf ')}",
                        created_by_id=call.created_by_id,
                        created_at=_at(call.period_from - timedelta(days=3)),
                    )
                )
                self.forwarded[(agency["provider_id"], call.funding_year.year)] += amount
        FundsCallLine.objects.bulk_create(lines, batch_size=BATCH)
        FundsTransfer.objects.bulk_create(transfers, batch_size=BATCH)

    # ------------------------------------------------------------------------------------- Mittel-Controlling
    def forecasts(self) -> None:
        forecasts = []
        for (agency_id, kind, year), obligation in self.obligations.items():
            if kind != DocumentKind.SPENDING_FORECAST or date(year, 9, 30) > self.today:
                continue
            plan = self.plans.get((agency_id, year))
            state = FOLLOWS.get(obligation["state"])
            if plan is None or state is None:
                continue  # not handed in (the obligation stays open and late)
            available = self.granted[(agency_id, year)]
            spent = cents(available * 9 / 12)
            r = roll(agency_id, year, "forecast")
            deviation = Decimal("8000.00") if r < 5 else Decimal("-3500.00") if r < 9 else ZERO
            explanation = {
                Decimal("8000.00"): f"Stelle von Mai bis Juli unbesetzt; Nachbesetzung zum 01.08.{year}.",
                Decimal("-3500.00"): f"Tarifsteigerung TVöD SuE zum 01.04.{year} und Stufenaufstieg.",
            }.get(deviation, "")
            forecast = SpendingForecast(
                agency_id=agency_id,
                funding_year=plan.funding_year,
                as_of=date(year, 9, 30),
                available=available,
                spent_to_date=spent,
                expected_until_year_end=available - spent - deviation,
                explanation=explanation,
                created_by_id=plan.created_by_id,
                state=state,
                created_at=_at(obligation["district_due"] - timedelta(days=10)),
                updated_at=_at(obligation["submitted_on"]),
                submitted_at=_at(obligation["submitted_on"]),
            )
            if obligation["approved_on"]:
                forecast.approved_at = _at(obligation["approved_on"])
            forecasts.append(forecast)
        SpendingForecast.objects.bulk_create(forecasts, batch_size=BATCH)
        for forecast in forecasts:
            agency = self.agencies[forecast.agency_id]
            self.history.add(
                forecast,
                author=forecast.created_by_id or self.people["district"][agency["provider__district_id"]],
                reviewer=self.people["district"][agency["provider__district_id"]],
                content={
                    "agency": agency["name"],
                    "year": forecast.funding_year.year,
                    "as_of": forecast.as_of.isoformat(),
                    "available": str(forecast.available),
                    "spent_to_date": str(forecast.spent_to_date),
                    "expected_until_year_end": str(forecast.expected_until_year_end),
                    "difference": str(forecast.difference),
                    "explanation": forecast.explanation,
                },
                returned_comment="Bitte erläutern Sie die Abweichung.",
            )
        self.flush()

    # ------------------------------------------------------------------------------------------- proof of use
    def statements(self, phase: FundingPhase) -> None:
        """Partial statements per provider and finished year, and the district's interim/final statement."""
        last = max(phase.years)
        finished = [self.years[y] for y in phase.years if y in self.years and y < self.today.year]
        district_docs, partials, receipts = [], [], []
        for funding_year in finished:
            year = funding_year.year
            kind = DocumentKind.FINAL_STATEMENT if year == last else DocumentKind.INTERIM_STATEMENT
            by_provider: dict[int, list[CostPlan]] = defaultdict(list)
            for agency_id in self.active[year]:
                plan = self.plans.get((agency_id, year))
                if plan is not None:
                    by_provider[self.agencies[agency_id]["provider_id"]].append(plan)
            for district in self.districts:
                obligation = self.obligations.get((district["pk"], kind, year))
                district_state = FOLLOWS.get(obligation["state"]) if obligation else None
                if obligation and district_state is None and roll(district["pk"], kind, year) < 50:
                    district_state = State.DRAFT
                if district_state is not None:
                    district_docs.append((district, kind, obligation, district_state))
            states_of = {doc[0]["pk"]: doc[3] for doc in district_docs if doc[1] == kind}
            for provider_id, plans in by_provider.items():
                district_id = self.agencies[plans[0].agency_id]["provider__district_id"]
                obligation = self.obligations.get((district_id, kind, year))
                due = obligation["district_due"] if obligation else date(year + 1, 4, 30)
                district_state = states_of.get(district_id)
                if district_state == State.FORWARDED:
                    state = State.FORWARDED
                elif district_state in (State.SUBMITTED, State.RETURNED, State.APPROVED):
                    state = State.APPROVED
                else:
                    r = roll(provider_id, year, "partial")
                    state = State.APPROVED if r < 50 else State.SUBMITTED if r < 80 else State.DRAFT
                partial = PartialStatement(
                    provider_id=provider_id,
                    funding_year=funding_year,
                    created_by_id=self.people["provider"].get(provider_id),
                    state=state,
                    created_at=_at(min(due - timedelta(days=60), self.today)),
                    updated_at=_at(min(due - timedelta(days=40), self.today)),
                )
                if state != State.DRAFT:
                    partial.submitted_at = _at(min(due - timedelta(days=40), self.today - timedelta(days=2)))
                if state in (State.APPROVED, State.FORWARDED):
                    partial.approved_at = partial.submitted_at + timedelta(days=5)
                if state == State.FORWARDED:
                    partial.forwarded_at = _at(obligation["forwarded_on"]) if obligation else partial.approved_at
                rows = []
                for plan in plans:
                    agency_id = plan.agency_id
                    for q, amount in enumerate(_quarters(plan.personnel_total)):
                        if amount > 0:
                            rows.append(
                                Receipt(
                                    agency_id=agency_id,
                                    number=f"{agency_id}-P{q + 1}",
                                    paid_on=date(year, q * 3 + 3, 28),
                                    payee="Personal (Sammelbuchung)",
                                    purpose=f"Gehälter Quartal {q + 1}/{year}",
                                    cost_type=CostType.PERSONNEL,
                                    amount=amount,
                                )
                            )
                    # A plan cut by the grant decision spends that much less (grant share 90 %), so no agency
                    # spends more than it was granted.
                    saved = cents((plan.grant_requested - plan.granted_amount) * 10 / 9)
                    material = max(plan.material_total - MATERIAL_UNDER_PLAN - saved, ZERO)
                    for q, amount in enumerate(_quarters(material)):
                        if amount > 0:
                            rows.append(
                                Receipt(
                                    agency_id=agency_id,
                                    number=f"{agency_id}-S{q + 1}",
                                    paid_on=date(year, q * 3 + 3, 15),
                                    payee="Diverse (Miete, Telefon, Material)",
                                    purpose=f"Sachkosten Quartal {q + 1}",
                                    cost_type=CostType.MATERIAL,
                                    amount=amount,
                                )
                            )
                total = sum((row.amount for row in rows), ZERO)
                grant = min(self.forwarded[(provider_id, year)], share(total, Decimal("90.00")))
                partial.actual_grant = grant
                partial.actual_own_contribution = total - grant
                partial.actual_third_party = ZERO
                partials.append((partial, plans, rows))
        PartialStatement.objects.bulk_create([p for p, _, _ in partials], batch_size=BATCH)
        for partial, plans, rows in partials:
            for row in rows:
                row.statement = partial
                receipts.append(row)
            district_id = self.agencies[plans[0].agency_id]["provider__district_id"]
            self.history.add(
                partial,
                author=partial.created_by_id or self.people["district"][district_id],
                reviewer=self.people["district"][district_id],
                content=self.partial_snapshot(partial, plans, rows),
                returned_share=10,
                returned_comment="Bitte ergänzen Sie die fehlenden Belege.",
                forward_comment="Weitergeleitet als Teil des Verwendungsnachweises.",
            )
        Receipt.objects.bulk_create(receipts, batch_size=BATCH)

        documents = []
        for district, kind, obligation, state in district_docs:
            document = UseOfFundsStatement(
                district_id=district["pk"],
                phase=phase,
                kind=kind,
                funding_authority_id=district["funding_authority_id"],
                created_by_id=self.people["district"].get(district["pk"]),
                state=state,
                created_at=_at(min(obligation["district_due"] - timedelta(days=30), self.today)),
                updated_at=_at(min(obligation["district_due"] - timedelta(days=30), self.today)),
            )
            if state != State.DRAFT:
                document.submitted_at = _at(obligation["submitted_on"] or self.today)
            if obligation["approved_on"]:
                document.approved_at = _at(obligation["approved_on"])
            if obligation["forwarded_on"]:
                document.forwarded_at = _at(obligation["forwarded_on"])
            documents.append(document)
        UseOfFundsStatement.objects.bulk_create(documents)
        for document in documents:
            coordinator = self.people["district"][document.district_id]
            self.log(document, "created", "Nachweis angelegt.", coordinator, document.created_at)
            if document.state != State.DRAFT:
                self.history.add(
                    document, author=coordinator, reviewer=coordinator, content=document.snapshot(), returned_share=0
                )
        self.flush()

    def partial_snapshot(self, partial: PartialStatement, plans: list[CostPlan], rows: list[Receipt]) -> dict:
        """`PartialStatement.snapshot` from the rows in memory."""
        planned = {
            CostType.PERSONNEL: sum((p.personnel_total for p in plans), ZERO),
            CostType.MATERIAL: sum((p.material_total for p in plans), ZERO),
            CostType.MEASURES: sum((p.measures_total for p in plans), ZERO),
        }
        actual: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for row in rows:
            actual[row.cost_type] += row.amount
        return {
            "provider": self.agencies[plans[0].agency_id]["provider__name"],
            "year": partial.funding_year.year,
            "financing": _money(
                {
                    "grant": partial.actual_grant,
                    "own_contribution": partial.actual_own_contribution,
                    "third_party": partial.actual_third_party,
                }
            ),
            "cost_types": {
                cost_type: {"planned": str(planned[cost_type]), "actual": str(actual[cost_type])}
                for cost_type in CostType.values
            },
            "justifications": dict.fromkeys(CostType.values, ""),
            "receipts": [
                {
                    "agency": self.agencies[row.agency_id]["name"],
                    "number": row.number,
                    "paid_on": row.paid_on.isoformat(),
                    "payee": row.payee,
                    "purpose": row.purpose,
                    "cost_type": row.cost_type,
                    "amount": str(row.amount),
                }
                for row in rows
            ],
        }


@transaction.atomic
def seed(*, agencies: int, years: int, today: date) -> None:
    timestamps = [
        model._meta.get_field(name)
        for model in (CostPlan, JointApplication, SpendingForecast, PartialStatement, UseOfFundsStatement)
        for name in ("created_at", "updated_at")
    ]
    timestamps += [
        AuditEntry._meta.get_field("at"),
        GrantDecision._meta.get_field("recorded_at"),
        FundsCall._meta.get_field("created_at"),
        FundsTransfer._meta.get_field("created_at"),
        Transition._meta.get_field("at"),
    ]
    with historic_timestamps(*timestamps):
        seeder = FinanceSeeder(today=today)
        rates = seeder.rates()
        for phase in seeder.phases:
            seeder.phase(phase, rates[phase.pk])
        seeder.forecasts()
        for phase in seeder.phases:
            seeder.statements(phase)
