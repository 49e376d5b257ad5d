"""The provider's money documents besides the cost plan: spending forecast and partial statement with receipts."""

from datetime import date

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from agencies.models import Agency, Provider
from core.services import StaleEditError, save_with_version_check
from finance.checks import euro
from finance.models import FundsTransfer, PartialStatement, Receipt, SpendingForecast
from finance.money import ZERO
from finance.selectors.balances import balance_sheet
from finance.services.audit import log
from funding.models import FundingYear


@transaction.atomic
def create_forecast(*, agency: Agency, funding_year: FundingYear, as_of: date, by) -> SpendingForecast:
    """Creates the Mittel-Controlling of `agency` for `funding_year`; the available grant (granted plus
    reallocations) is taken from the balance at this moment."""
    sheet = balance_sheet(
        district_id=agency.provider.district_id,
        phase=funding_year.phase,
        agency_ids=[agency.pk],
        year=funding_year.year,
    )
    available = sheet.rows[0].balance.available if sheet.rows else ZERO
    forecast, created = SpendingForecast.objects.get_or_create(
        agency=agency,
        funding_year=funding_year,
        defaults={"as_of": as_of, "available": available, "created_by": by},
    )
    if created:
        log(
            subject=forecast,
            action="created",
            summary=_("Angelegt, verfügbar: %(amount)s.") % {"amount": euro(available)},
            by=by,
        )
    return forecast


def save_document_fields(*, document, expected_version: int, fields: dict, by) -> None:
    """Saves the content fields of a forecast or partial statement with the optimistic lock."""
    save_with_version_check(document=document, expected_version=expected_version, fields=fields)
    log(subject=document, action="saved", summary=_("Gespeichert."), by=by)


@transaction.atomic
def create_partial_statement(*, provider: Provider, funding_year: FundingYear, by) -> PartialStatement:
    """Creates the provider's partial statement; the grant received starts as the sum forwarded for the year."""
    forwarded = FundsTransfer.objects.filter(contract__provider=provider, funding_year=funding_year).aggregate(
        total=Sum("amount")
    )["total"]
    statement, created = PartialStatement.objects.get_or_create(
        provider=provider, funding_year=funding_year, defaults={"actual_grant": forwarded or ZERO, "created_by": by}
    )
    if created:
        log(subject=statement, action="created", summary=_("Angelegt."), by=by)
    return statement


@transaction.atomic
def replace_receipts(*, statement: PartialStatement, receipts: list[Receipt], source: str, by) -> int:
    """Replaces the statement's list of receipts with `receipts` (already validated, all or nothing)."""
    if not statement.is_editable:
        raise StaleEditError(_("Der Nachweis ist eingereicht; die Belegliste kann nicht mehr geändert werden."))
    statement.receipts.all().delete()
    for receipt in receipts:
        receipt.statement = statement
    Receipt.objects.bulk_create(receipts)
    total = sum((r.amount for r in receipts), ZERO)
    log(
        subject=statement,
        action="receipts_imported",
        summary=_("%(count)s Belege über %(total)s aus „%(source)s“ übernommen.")
        % {"count": len(receipts), "total": euro(total), "source": source},
        by=by,
    )
    return len(receipts)
