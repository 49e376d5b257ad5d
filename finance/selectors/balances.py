"""Balance per agency and year: granted, called, forwarded, spent, remaining. Two queries (three once partial
statements exist), however many agencies and districts are asked for: the agencies, and one UNION ALL of the five
sums, the forecasts and the partial statements (then the receipts).

"Spent" is the grant money used: during the year the figure of the latest Mittel-Controlling; once the provider
has filed its partial statement, the agency's receipts multiplied by the share of the grant in the provider's
actual costs (rounded per agency at the cent).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Sum, Value
from django.utils.translation import gettext as _

from agencies.models import Agency
from finance.models import (
    FundsCallLine,
    FundsTransfer,
    GrantedAmount,
    PartialStatement,
    Reallocation,
    Receipt,
    SpendingForecast,
)
from finance.money import ZERO, cents

FIGURES = ("granted", "reallocated", "called", "forwarded", "spent")
SPENT, STATEMENT = "spent", "statement"  # the union's rows that are not sums: forecasts and partial statements


@dataclass
class Balance:
    granted: Decimal = ZERO
    reallocated: Decimal = ZERO
    called: Decimal = ZERO
    forwarded: Decimal = ZERO
    spent: Decimal = ZERO

    @property
    def available(self) -> Decimal:
        return self.granted + self.reallocated

    @property
    def not_called(self) -> Decimal:
        return self.available - self.called

    @property
    def held_by_district(self) -> Decimal:
        return self.called - self.forwarded

    @property
    def remaining(self) -> Decimal:
        return self.available - self.spent

    @property
    def warnings(self) -> list[str]:
        messages = []
        if self.not_called < 0:
            messages.append(_("Es wurde mehr abgerufen als bewilligt."))
        if self.held_by_district < 0:
            messages.append(_("Es wurde mehr weitergeleitet als abgerufen."))
        if self.remaining < 0:
            messages.append(_("Es wurde mehr ausgegeben als bewilligt."))
        if self.spent > self.forwarded:
            messages.append(_("Der Träger hat Ausgaben vorfinanziert, die noch nicht weitergeleitet sind."))
        return messages

    def add(self, other: "Balance") -> None:
        for name in FIGURES:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class BalanceRow:
    agency: Agency
    year: int
    balance: Balance


@dataclass
class BalanceSheet:
    rows: list[BalanceRow]
    per_provider: list[tuple[object, Balance, list[BalanceRow]]]
    total: Balance = field(default_factory=Balance)

    @property
    def warning_count(self) -> int:
        return sum(1 for row in self.rows if row.balance.warnings)


def balance_sheet(
    *, district_id: int, phase, provider_ids=None, agency_ids=None, year: int | None = None
) -> BalanceSheet:
    return balance_sheets(
        district_ids=[district_id], phase=phase, provider_ids=provider_ids, agency_ids=agency_ids, year=year
    )[district_id]


def balance_sheets(
    *, district_ids, phase, provider_ids=None, agency_ids=None, year: int | None = None
) -> dict[int, BalanceSheet]:
    """One sheet per district, from the same grouped queries however many districts are asked for."""
    selection = Agency.objects.filter(provider__district_id__in=district_ids)
    if provider_ids is not None:
        selection = selection.filter(provider_id__in=provider_ids)
    if agency_ids is not None:
        selection = selection.filter(pk__in=agency_ids)
    agencies = list(selection.select_related("provider").order_by("provider__name", "name"))
    years = [year] if year else phase.years
    # The sums filter by the selection as a subquery rather than a list of ids: a district's list would make the
    # statement too long for psycopg's statement cache, which then re-parses it on every page view. A provider's or
    # a few agencies' list is short, and PostgreSQL then plans no subquery (with its join) in each part of the sums'
    # union: about 2 ms less on the provider's dashboard.
    narrowed = provider_ids is not None or agency_ids is not None
    ids = [agency.pk for agency in agencies] if narrowed else selection.values("pk")
    figures = _collect_figures(ids, phase, years)
    per_district: dict[int, list[Agency]] = {district_id: [] for district_id in district_ids}
    for agency in agencies:
        per_district[agency.provider.district_id].append(agency)
    return {
        district_id: _sheet(district_agencies, years, figures)
        for district_id, district_agencies in per_district.items()
    }


def _collect_figures(ids, phase, years: list[int]) -> dict[tuple[int, int], Balance]:
    figures: dict[tuple[int, int], Balance] = defaultdict(Balance)

    def grouped(queryset, agency_key: str, year_key: str, target: str, sign: int):
        return (
            queryset.values(agency_pk=F(agency_key), year_number=F(year_key))
            .annotate(total=Sum("amount"), target=Value(target), sign=Value(sign))
            .values_list("agency_pk", "year_number", "total", "target", "sign")
            .order_by()
        )

    def single(queryset, key: str, value: str, target: str):
        """Rows that are one per key and year already (a forecast, a partial statement): read, not summed."""
        return (
            queryset.annotate(
                agency_pk=F(key),
                year_number=F("funding_year__year"),
                total=F(value),
                target=Value(target),
                sign=Value(0),
            )
            .values_list("agency_pk", "year_number", "total", "target", "sign")
            .order_by()
        )

    reallocations = Reallocation.objects.filter(funding_year__phase=phase, funding_year__year__in=years)
    parts = [
        grouped(
            GrantedAmount.objects.filter(
                agency_id__in=ids, decision__joint_application__phase=phase, funding_year__year__in=years
            ),
            "agency_id",
            "funding_year__year",
            "granted",
            1,
        ),
        grouped(reallocations.filter(to_agency_id__in=ids), "to_agency_id", "funding_year__year", "reallocated", 1),
        grouped(
            reallocations.filter(from_agency_id__in=ids), "from_agency_id", "funding_year__year", "reallocated", -1
        ),
        grouped(
            FundsCallLine.objects.filter(
                agency_id__in=ids, funds_call__funding_year__phase=phase, funds_call__funding_year__year__in=years
            ),
            "agency_id",
            "funds_call__funding_year__year",
            "called",
            1,
        ),
        grouped(
            FundsTransfer.objects.filter(agency_id__in=ids, funding_year__phase=phase, funding_year__year__in=years),
            "agency_id",
            "funding_year__year",
            "forwarded",
            1,
        ),
    ]
    # The latest Mittel-Controlling's "spent" per agency and year, and the phase's partial statements' grants per
    # provider and year (the key's first column is then a provider): one row each (unique per agency or provider
    # and year), read in the same round trip as the five sums.
    parts.append(
        single(
            SpendingForecast.objects.filter(agency_id__in=ids, funding_year__phase=phase, funding_year__year__in=years),
            "agency_id",
            "spent_to_date",
            SPENT,
        )
    )
    parts.append(
        single(
            PartialStatement.objects.filter(funding_year__phase=phase, funding_year__year__in=years),
            "provider_id",
            "actual_grant",
            STATEMENT,
        )
    )
    # One round trip for the five sums, the forecasts and the statements: a balance page opens on every visit of
    # the money pages.
    statements: dict[tuple[int, int], Decimal] = {}
    for key_pk, year, total, target, sign in parts[0].union(*parts[1:], all=True):
        if target == SPENT:
            figures[(key_pk, year)].spent = total
        elif target == STATEMENT:
            statements[(key_pk, year)] = total
        else:
            balance = figures[(key_pk, year)]
            setattr(balance, target, getattr(balance, target) + sign * (total or ZERO))
    if statements:
        _spent_from_receipts(figures, statements, ids, phase)
    return figures


def _sheet(agencies: list[Agency], years: list[int], figures: dict[tuple[int, int], Balance]) -> BalanceSheet:
    rows, groups, total = [], {}, Balance()
    for agency in agencies:
        for y in years:
            balance = figures.get((agency.pk, y), Balance())
            row = BalanceRow(agency=agency, year=y, balance=balance)
            rows.append(row)
            entry = groups.setdefault(agency.provider_id, (agency.provider, Balance(), []))
            entry[1].add(balance)
            entry[2].append(row)
            total.add(balance)
    return BalanceSheet(rows=rows, per_provider=list(groups.values()), total=total)


def _spent_from_receipts(figures, statements, ids, phase) -> None:
    """Once a provider filed its partial statement: the agency's receipts times the grant's share in the provider's
    actual costs."""
    receipts = list(
        Receipt.objects.filter(agency_id__in=ids, statement__funding_year__phase=phase)
        .values("agency_id", "statement__provider_id", "statement__funding_year__year")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    per_provider: dict[tuple, Decimal] = defaultdict(lambda: ZERO)
    for item in receipts:
        per_provider[(item["statement__provider_id"], item["statement__funding_year__year"])] += item["total"]
    for item in receipts:
        key = (item["statement__provider_id"], item["statement__funding_year__year"])
        grant, costs = statements.get(key), per_provider[key]
        if grant is None or not costs:
            continue
        figures[(item["agency_id"], key[1])].spent = cents(item["total"] * grant / costs)
