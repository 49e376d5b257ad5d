"""The district's money operations: joint application, grant decision, calls, contracts, transfers, reallocations,
and the district's interim or final statement."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from agencies.models import Agency, DistrictAssociation, FundingAuthority, Provider
from core.services import TransitionError
from core.workflow import State
from finance.checks import euro
from finance.models import (
    ForwardingContract,
    FundsCall,
    FundsCallLine,
    FundsTransfer,
    GrantDecision,
    GrantedAmount,
    JointApplication,
    Reallocation,
    UseOfFundsStatement,
)
from finance.services.audit import log
from funding.models import FundingPhase, FundingYear


@transaction.atomic
def create_joint_application(
    *, district: DistrictAssociation, phase: FundingPhase, funding_authority: FundingAuthority, by
) -> JointApplication:
    application, created = JointApplication.objects.get_or_create(
        district=district, phase=phase, defaults={"funding_authority": funding_authority, "created_by": by}
    )
    if created:
        log(subject=application, action="created", summary=_("Gesamtantrag angelegt."), by=by)
    return application


@transaction.atomic
def record_grant_decision(
    *,
    application: JointApplication,
    decided_on: date,
    reference: str,
    conditions: str,
    amounts: dict[tuple[int, int], Decimal],
    by,
) -> GrantDecision:
    """Records the authority's decision on a forwarded joint application; `amounts` maps (agency id, funding
    year id) to the granted amount. A second call replaces the amounts (a change notice), logged with both."""
    if application.state != State.FORWARDED:
        raise TransitionError(_("Ein Bescheid kann erst zu einem weitergeleiteten Gesamtantrag erfasst werden."))
    decision, created = GrantDecision.objects.update_or_create(
        joint_application=application,
        defaults={"decided_on": decided_on, "reference": reference, "conditions": conditions, "recorded_by": by},
    )
    previous = {f"{a.agency_id}/{a.funding_year_id}": str(a.amount) for a in decision.amounts.all()}
    decision.amounts.all().delete()
    GrantedAmount.objects.bulk_create(
        GrantedAmount(decision=decision, agency_id=agency_id, funding_year_id=year_id, amount=amount)
        for (agency_id, year_id), amount in amounts.items()
    )
    total = sum(amounts.values(), Decimal("0.00"))
    log(
        subject=application,
        action="grant_recorded" if created else "grant_changed",
        summary=_("Zuwendungsbescheid %(ref)s vom %(day)s erfasst: %(total)s.")
        % {"ref": reference, "day": decided_on.strftime("%d.%m.%Y"), "total": euro(total)},
        by=by,
        data={"previous": previous, "amounts": {f"{a}/{y}": str(v) for (a, y), v in amounts.items()}},
    )
    return decision


@transaction.atomic
def record_funds_call(
    *,
    district: DistrictAssociation,
    funding_year: FundingYear,
    called_on: date,
    period_from: date,
    period_to: date,
    reference: str,
    amounts: dict[int, Decimal],
    by,
) -> FundsCall:
    """A call for funds at the authority, split per agency (only positive amounts are kept)."""
    call = FundsCall.objects.create(
        district=district,
        funding_year=funding_year,
        called_on=called_on,
        period_from=period_from,
        period_to=period_to,
        reference=reference,
        created_by=by,
    )
    lines = [
        FundsCallLine(funds_call=call, agency_id=agency_id, amount=amount)
        for agency_id, amount in amounts.items()
        if amount > 0
    ]
    FundsCallLine.objects.bulk_create(lines)
    total = sum((line.amount for line in lines), Decimal("0.00"))
    log(
        subject=call,
        action="called",
        summary=_("Mittelabruf über %(total)s für %(count)s Agenturen.") % {"total": euro(total), "count": len(lines)},
        by=by,
        data={str(line.agency_id): str(line.amount) for line in lines},
    )
    return call


@transaction.atomic
def save_forwarding_contract(
    *, provider: Provider, phase: FundingPhase, signed_on: date, amount: Decimal, file, notes: str, by
) -> ForwardingContract:
    defaults = {"signed_on": signed_on, "amount": amount, "notes": notes, "created_by": by}
    contract, created = ForwardingContract.objects.update_or_create(provider=provider, phase=phase, defaults=defaults)
    if file:
        contract.file.save(file.name, file, save=True)
    log(
        subject=contract,
        action="contract_saved" if created else "contract_changed",
        summary=_("Weiterleitungsvertrag vom %(day)s über %(amount)s.")
        % {"day": signed_on.strftime("%d.%m.%Y"), "amount": euro(amount)},
        by=by,
    )
    return contract


@transaction.atomic
def record_transfer(
    *,
    contract: ForwardingContract,
    agency: Agency,
    funding_year: FundingYear,
    transferred_on: date,
    amount: Decimal,
    reference: str,
    by,
) -> FundsTransfer:
    if agency.provider_id != contract.provider_id:
        raise ValueError("Die Agentur gehört nicht zum Träger des Vertrags.")
    transfer = FundsTransfer.objects.create(
        contract=contract,
        agency=agency,
        funding_year=funding_year,
        transferred_on=transferred_on,
        amount=amount,
        reference=reference,
        created_by=by,
    )
    log(
        subject=transfer,
        action="transferred",
        summary=_("%(amount)s an %(provider)s für %(agency)s weitergeleitet.")
        % {"amount": euro(amount), "provider": contract.provider, "agency": agency},
        by=by,
    )
    return transfer


@transaction.atomic
def record_reallocation(
    *,
    district: DistrictAssociation,
    funding_year: FundingYear,
    from_agency: Agency,
    to_agency: Agency,
    amount: Decimal,
    reason: str,
    by,
) -> Reallocation:
    """Moves granted funds between two agencies of the district for one year (after the 30.09. controlling)."""
    for agency in (from_agency, to_agency):
        if agency.provider.district_id != district.pk:
            raise ValueError("Umverteilungen sind nur innerhalb des Bezirks möglich.")
    reallocation = Reallocation.objects.create(
        district=district,
        funding_year=funding_year,
        from_agency=from_agency,
        to_agency=to_agency,
        amount=amount,
        reason=reason,
        created_by=by,
    )
    log(
        subject=reallocation,
        action="reallocated",
        summary=_("%(amount)s von %(source)s an %(target)s umverteilt.")
        % {"amount": euro(amount), "source": from_agency, "target": to_agency},
        by=by,
        data={"reason": reason},
    )
    return reallocation


@transaction.atomic
def create_district_statement(
    *, district: DistrictAssociation, phase: FundingPhase, kind: str, funding_authority: FundingAuthority, by
) -> UseOfFundsStatement:
    statement, created = UseOfFundsStatement.objects.get_or_create(
        district=district, phase=phase, kind=kind, defaults={"funding_authority": funding_authority, "created_by": by}
    )
    if created:
        log(subject=statement, action="created", summary=_("Nachweis angelegt."), by=by)
    return statement
