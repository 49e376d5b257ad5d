"""Exports of the controlling aggregates: the dashboard as XLSX, the anonymised open-data table (XLSX/CSV) for the
ministry, and the briefing pack PDF for a Wirkungsdialog meeting. Suppressed cells stay empty and say why."""

import csv
import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from agencies.models import DistrictAssociation, FieldOfAction, WelfareAssociation
from core.pdf import render_pdf
from reporting.models import KeyFigure
from reporting.services.controlling_charts import figure_charts
from reporting.services.controlling_stats import OUTSIDER, Cell, Filters, figure_stats, min_group
from reporting.services.stats import round_half_up

CELL_HEADER = ["Agenturen", "Summe", "Mittelwert", "1. Quartil", "Median", "3. Quartil"]


def _number(value: Decimal | None, places: int = 2) -> float | None:
    return None if value is None else float(round_half_up(value, places))


def cell_values(cell: Cell) -> list:
    """n, sum, mean, quartiles — empty when suppressed (n shows as "< k")."""
    if cell.suppressed:
        return [f"< {min_group()}", None, None, None, None, None]
    return [cell.n, _number(cell.total), _number(cell.mean), _number(cell.q1), _number(cell.median), _number(cell.q3)]


def dashboard_xlsx(stats) -> bytes:
    book = Workbook()
    bold = Font(bold=True)
    sheet = book.active
    sheet.title = _("Jahre")
    sheet.append([f"{stats.figure.label} ({stats.figure.unit})", stats.figure.code])
    sheet.append([_("Jahr"), *CELL_HEADER])
    for year, cell in stats.over_years:
        sheet.append([year, *cell_values(cell)])
    sheet.append([])
    sheet.append([_("Gesperrt: weniger als %(k)s Agenturen") % {"k": min_group()}])
    for title, label, rows in (
        (_("Handlungsfelder"), _("Handlungsfeld"), [(f.name, c) for f, c in stats.by_field]),
        (stats.groups_label, stats.groups_label, stats.groups),
    ):
        part = book.create_sheet(str(title)[:30])
        part.append([f"{stats.figure.label} {stats.year}"])
        part.append([label, *CELL_HEADER])
        for name, cell in rows:
            part.append([name, *cell_values(cell)])
    part = book.create_sheet(_("Teilziele"))
    part.append(
        [_("Jahr"), _("Agenturen"), _("erreicht"), _("teilweise"), _("nicht erreicht"), _("Quote erreicht (%)")]
    )
    for year, item in stats.achievement:
        counts = item["counts"]
        if counts is None:
            part.append([year, f"< {min_group()}"])
        else:
            part.append([year, item["cell"].n, *map(_number, counts), _number(item["shares"][0], 1)])
    part = book.create_sheet(_("je VZÄ"))
    part.append([_("Jahr"), *CELL_HEADER, _("Summe je Summe VZÄ")])
    for year, cell, ratio in stats.per_fte:
        part.append([year, *cell_values(cell), _number(ratio)])
    for ws in book.worksheets:
        for cell in ws[2]:
            cell.font = bold
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


OPEN_DATA_HEADER = [
    "jahr",
    "ebene",
    "gruppe",
    "kennzahl_code",
    "kennzahl",
    "einheit",
    "handlungsfeld",
    "agenturen",
    "summe",
    "mittelwert",
    "quartil_1",
    "median",
    "quartil_3",
    "gesperrt",
]


def open_data_rows() -> list[list]:
    """Aggregates of every key figure (codes of the newest templates), year and level (Land, Spitzenverband,
    Bezirksverband), totals and per field of action. Computed as for a viewer outside every group, so every
    group below the minimum size is suppressed; no agency names or ids leave the system."""
    figures = {}
    for figure in KeyFigure.objects.filter(template__published_at__isnull=False).order_by(
        "-template__phase__starts_on", "-template__version", "position"
    ):
        figures.setdefault(figure.code, figure)
    fields = list(FieldOfAction.objects.order_by("position", "pk"))
    levels = [(_("Land NRW"), _("alle Agenturen"), Filters())]
    levels += [
        (_("Spitzenverband"), a.short_name, Filters(association_id=a.pk)) for a in WelfareAssociation.objects.all()
    ]
    levels += [(_("Bezirksverband"), d.name, Filters(district_id=d.pk)) for d in DistrictAssociation.objects.all()]
    rows = []
    for figure in figures.values():
        for level, group, filters in levels:
            stats = figure_stats(figure=figure, filters=filters, scope=OUTSIDER, fields=fields)
            for year, cell in stats.over_years:
                rows.append(_open_row(year, level, group, figure, "", cell))
            if stats.by_field_uses_breakdown:
                for year, by_field in stats.by_field_per_year.items():
                    for field_of_action, cell in by_field:
                        if cell.n:
                            rows.append(_open_row(year, level, group, figure, field_of_action.name, cell))
    return rows


def _open_row(year, level, group, figure, field_name, cell: Cell) -> list:
    values = cell_values(cell)
    return [year, str(level), str(group), figure.code, figure.label, figure.unit, field_name, *values, cell.suppressed]


def open_data_csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(OPEN_DATA_HEADER)
    for row in rows:
        writer.writerow(["" if v is None else ("ja" if v is True else "nein" if v is False else v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def open_data_xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Aggregate")
    sheet.append(OPEN_DATA_HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def briefing_pdf(*, figures: list[KeyFigure], filters: Filters, scope, year: int | None, scope_label: str) -> bytes:
    fields = list(FieldOfAction.objects.order_by("position", "pk"))
    sections = []
    for figure in figures:
        stats = figure_stats(figure=figure, filters=filters, scope=scope, year=year, fields=fields)
        sections.append({"stats": stats, "charts": figure_charts(stats)})
    context = {
        "sections": sections,
        "min_group": min_group(),
        "pdf": {
            "lang": "de",
            "title": _("Briefing zum Wirkungsdialog"),
            "subtitle": _("Kennzahlen des Online-Controllings – %(scope)s") % {"scope": scope_label},
            "author": "Agenturnetz",
            "logos": [],
            "cover_facts": [
                (_("Auswahl"), scope_label),
                (_("Jahr"), year or _("neuestes")),
                (_("Kennzahlen"), ", ".join(f.label for f in figures)),
                (_("Kleine Gruppen"), _("unter %(k)s Agenturen gesperrt") % {"k": min_group()}),
            ],
            "toc": [{"anchor": f"k-{s['stats'].figure.code}", "title": s["stats"].figure.label} for s in sections],
            "footer": _("Agenturnetz · Briefing Wirkungsdialog · %(scope)s") % {"scope": scope_label},
            "watermark": "",
        },
    }
    return render_pdf("reporting/controlling/briefing_pdf.html", context)
