"""Import of a list of receipts (Belegliste) from CSV or XLSX: every row is checked, every error is reported with
its row number, and nothing is taken over unless all rows are valid.

Columns (header row, any order): Agentur, Belegnummer, Datum, Empfänger, Zweck, Kostenart, Betrag.
Amounts in German notation (1.234,56) or as numbers; dates as 31.03.2026; cost types Personalkosten, Sachkosten,
Besondere Maßnahmen.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from finance.models import CostType, PartialStatement, Receipt

COLUMNS = {
    "agentur": "agency",
    "belegnummer": "number",
    "datum": "paid_on",
    "empfänger": "payee",
    "empfaenger": "payee",
    "zweck": "purpose",
    "kostenart": "cost_type",
    "betrag": "amount",
}
REQUIRED = ("agency", "number", "paid_on", "payee", "purpose", "cost_type", "amount")
MAX_ROWS = 5000
COST_TYPES = {
    "personalkosten": CostType.PERSONNEL,
    "personal": CostType.PERSONNEL,
    "sachkosten": CostType.MATERIAL,
    "sach": CostType.MATERIAL,
    "besondere maßnahmen": CostType.MEASURES,
    "maßnahmen": CostType.MEASURES,
    "massnahmen": CostType.MEASURES,
}


class ImportFormatError(ValueError):
    """The file as a whole cannot be read (wrong type, no header, missing columns)."""


@dataclass
class ImportResult:
    receipts: list[Receipt] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.receipts)


def read_rows(uploaded) -> list[list]:
    name = (uploaded.name or "").lower()
    data = uploaded.read()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        except Exception as exc:
            raise ImportFormatError(_("Die XLSX-Datei kann nicht gelesen werden.")) from exc
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    if name.endswith(".csv"):
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        delimiter = ";" if text.split("\n", 1)[0].count(";") >= text.split("\n", 1)[0].count(",") else ","
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    raise ImportFormatError(_("Bitte laden Sie eine CSV- oder XLSX-Datei hoch."))


def parse_amount(value) -> Decimal:
    if isinstance(value, (int, Decimal)):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(str(value))
    else:
        text = str(value or "").strip().replace("€", "").replace(" ", "")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation as exc:
            raise ValueError(_("„%(value)s“ ist kein Betrag.") % {"value": value}) from exc
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError(_("„%(value)s“ hat mehr als zwei Nachkommastellen.") % {"value": value})
    if amount <= 0:
        raise ValueError(_("Der Betrag muss größer als 0 sein."))
    if amount >= Decimal("10000000000"):
        raise ValueError(_("Der Betrag ist zu groß."))
    return amount.quantize(Decimal("0.01"))


def parse_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(_("„%(value)s“ ist kein Datum (TT.MM.JJJJ).") % {"value": value})


def parse_receipts(uploaded, *, statement: PartialStatement) -> ImportResult:
    rows = [row for row in read_rows(uploaded) if any(cell not in (None, "") for cell in row)]
    if not rows:
        raise ImportFormatError(_("Die Datei enthält keine Zeilen."))
    header = [COLUMNS.get(str(cell or "").strip().lower()) for cell in rows[0]]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise ImportFormatError(
            _(
                "Es fehlen Spalten: %(columns)s. "
                "Erwartet: Agentur, Belegnummer, Datum, Empfänger, Zweck, Kostenart, Betrag."
            )
            % {"columns": ", ".join(missing)}
        )
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFormatError(_("Höchstens %(max)s Belege je Datei.") % {"max": MAX_ROWS})
    agencies = {agency.name.lower(): agency for agency in statement.provider.agencies.all()}
    year = statement.funding_year.year
    result, seen = ImportResult(), {}
    for number, row in enumerate(rows[1:], start=2):
        values = {key: row[index] if index < len(row) else None for index, key in enumerate(header) if key}
        errors = []

        def text(key, limit, values=values, errors=errors):
            value = str(values.get(key) or "").strip()
            if not value:
                errors.append(_("%(column)s fehlt.") % {"column": Receipt._meta.get_field(key).verbose_name})
            elif len(value) > limit:
                errors.append(
                    _("%(column)s ist länger als %(limit)s Zeichen.")
                    % {"column": Receipt._meta.get_field(key).verbose_name, "limit": limit}
                )
            return value

        agency = agencies.get(str(values.get("agency") or "").strip().lower())
        if agency is None:
            errors.append(_("Agentur „%(name)s“ gehört nicht zu diesem Träger.") % {"name": values.get("agency") or ""})
        receipt_number = text("number", 40)
        if receipt_number and receipt_number in seen:
            errors.append(
                _("Belegnummer %(number)s steht schon in Zeile %(row)s.")
                % {"number": receipt_number, "row": seen[receipt_number]}
            )
        seen.setdefault(receipt_number, number)
        payee, purpose = text("payee", 200), text("purpose", 300)
        cost_type = COST_TYPES.get(str(values.get("cost_type") or "").strip().lower())
        if cost_type is None:
            errors.append(
                _("Kostenart „%(value)s“ ist unbekannt (Personalkosten, Sachkosten oder Besondere Maßnahmen).")
                % {"value": values.get("cost_type") or ""}
            )
        paid_on = amount = None
        try:
            paid_on = parse_date(values.get("paid_on"))
            if paid_on.year != year:
                errors.append(
                    _("Das Datum %(day)s liegt nicht im Förderjahr %(year)s.")
                    % {"day": paid_on.strftime("%d.%m.%Y"), "year": year}
                )
        except ValueError as exc:
            errors.append(str(exc))
        try:
            amount = parse_amount(values.get("amount"))
        except ValueError as exc:
            errors.append(str(exc))
        if errors:
            result.errors.append(_("Zeile %(row)s: %(errors)s") % {"row": number, "errors": " ".join(errors)})
            continue
        result.receipts.append(
            Receipt(
                agency=agency,
                number=receipt_number,
                paid_on=paid_on,
                payee=payee,
                purpose=purpose,
                cost_type=cost_type,
                amount=amount,
            )
        )
    if not result.errors and not result.receipts:
        result.errors.append(_("Die Datei enthält keine Belege."))
    return result
