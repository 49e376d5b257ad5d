"""The coordinator's matrix: agencies (rows) × obligations of a year (columns), each cell a traffic light."""

from dataclasses import dataclass, field
from datetime import date
from io import BytesIO

from django.db.models import F, QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from funding.lights import light_for
from funding.models import DocumentKind, Obligation


@dataclass
class Column:
    kind: str
    year: int
    due: date

    @property
    def label(self) -> str:
        return f"{DocumentKind(self.kind).label} {self.year}"


@dataclass
class Row:
    key: tuple
    label: str
    sublabel: str
    cells: dict = field(default_factory=dict)


@dataclass
class Matrix:
    columns: list[Column]
    rows: list[Row]

    def cell_list(self, row: Row) -> list:
        return [row.cells.get((column.kind, column.year)) for column in self.columns]


# What a cell needs: its column, its row, its link and its traffic light (plus the step dates of the XLSX text).
CELL_FIELDS = (
    "agency_id",
    "district_id",
    "document_kind",
    "year",
    "district_due",
    "authority_due",
    "state",
    "submitted_on",
    "approved_on",
    "forwarded_on",
    "cancelled_on",
)


def matrix_obligations(obligations: QuerySet[Obligation]) -> QuerySet[Obligation]:
    """The filtered obligations narrowed to what the matrix shows: the cell's columns and the debtor's name as a
    plain column, without the related rows (loading agency, district and rule as objects tripled the cost)."""
    return (
        obligations.select_related(None)
        .only(*CELL_FIELDS)
        .annotate(agency_name=F("agency__name"), district_name=F("district__name"))
    )


def build_matrix(obligations: QuerySet[Obligation], today: date) -> Matrix:
    """One pass over the filtered obligations, read in one query: no query per cell."""
    columns: dict[tuple, Column] = {}
    rows: dict[tuple, Row] = {}
    for obligation in matrix_obligations(obligations):
        key = (obligation.document_kind, obligation.year)
        column = columns.get(key)
        if column is None or obligation.district_due < column.due:
            columns[key] = Column(obligation.document_kind, obligation.year, obligation.district_due)
        if obligation.agency_id:
            row_key = (1, obligation.agency_name, obligation.agency_id)
            label, sublabel = obligation.agency_name, obligation.district_name
        else:
            row_key = (0, obligation.district_name, obligation.district_id)
            label, sublabel = obligation.district_name, _("Unterlagen des Bezirksverbands")
        row = rows.setdefault(row_key, Row(row_key, label, sublabel))
        obligation.light = light_for(obligation, today)
        row.cells[key] = obligation
    ordered_columns = sorted(columns.values(), key=lambda c: (c.due, c.kind))
    return Matrix(ordered_columns, [rows[key] for key in sorted(rows)])


def matrix_xlsx(matrix: Matrix, *, title: str, today: date) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Abgabepflichten")[:31]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([_("Stand: %(day)s") % {"day": today.strftime("%d.%m.%Y")}])
    sheet.append([])
    header = [_("Agentur / Bezirksverband")] + [
        f"{column.label} (Frist {column.due.strftime('%d.%m.%Y')})" for column in matrix.columns
    ]
    sheet.append(header)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in matrix.rows:
        values = [row.label]
        for obligation in matrix.cell_list(row):
            values.append(_cell_text(obligation) if obligation else "")
        sheet.append(values)
        for index, obligation in enumerate(matrix.cell_list(row), start=2):
            if obligation:
                cell = sheet.cell(row=sheet.max_row, column=index)
                cell.fill = PatternFill("solid", fgColor=obligation.light.fill)
    sheet.column_dimensions["A"].width = 34
    for index in range(2, len(header) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 24
    sheet.freeze_panes = "B5"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell_text(obligation: Obligation) -> str:
    text = str(obligation.light.label)
    step_date = obligation.forwarded_on or obligation.approved_on or obligation.submitted_on
    if step_date:
        text += f" ({obligation.get_state_display()} {step_date.strftime('%d.%m.%Y')})"
    return text
