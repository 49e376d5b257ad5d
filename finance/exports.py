"""XLSX and PDF of the joint application and the district statements, in one layout: the same rows and columns
in both, so the authority reads the same figures whichever file it opens."""

import io
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.pdf import render_pdf
from finance.models import CostType, FundingRate, JointApplication, UseOfFundsStatement, retention_until
from finance.selectors.joint import COLUMNS, application_totals
from finance.selectors.statements import district_statement_figures

MONEY_FORMAT = '#,##0.00 "€"'


def column_labels() -> list[str]:
    return [
        _("Personalkosten"),
        _("Sachkosten"),
        _("Besondere Maßnahmen"),
        _("Gesamtkosten"),
        _("beantragte Zuwendung"),
        _("Eigenanteil"),
        _("Drittmittel"),
    ]


def joint_application_table(application: JointApplication) -> tuple[list[str], list[dict]]:
    """Header and rows: one per agency and year, a subtotal per provider, one total per year and a grand total."""
    totals = application_totals(application)
    header = [_("Träger"), _("Agentur"), _("Jahr"), *column_labels()]
    rows = []
    for group in totals.groups:
        for row in group.agencies:
            for year, plan in row.years.items():
                values = [getattr(plan, c) for c in COLUMNS] if plan else [None] * len(COLUMNS)
                rows.append({"kind": "line", "cells": [group.provider.name, row.agency.name, str(year), *values]})
        rows.append(
            {
                "kind": "subtotal",
                "cells": [group.provider.name, _("Summe Träger"), "", *[group.totals[c] for c in COLUMNS]],
            }
        )
    for year, values in totals.per_year.items():
        rows.append({"kind": "year", "cells": [_("Summe Förderjahr"), "", str(year), *[values[c] for c in COLUMNS]]})
    rows.append({"kind": "total", "cells": [_("Gesamtantrag"), "", "", *[totals.grand[c] for c in COLUMNS]]})
    return header, rows


def statement_table(statement: UseOfFundsStatement) -> tuple[list[str], list[dict]]:
    figures = district_statement_figures(statement)
    header = [_("Träger"), _("Kostenart"), _("Plan"), _("Ist"), _("Abweichung")]
    rows = []
    for provider, per_type, _partial in figures.providers:
        for cost_type in CostType:
            entry = per_type[cost_type.value]
            rows.append(
                {
                    "kind": "line",
                    "cells": [
                        provider.name,
                        str(cost_type.label),
                        entry["planned"],
                        entry["actual"],
                        entry["actual"] - entry["planned"],
                    ],
                }
            )
    for cost_type in CostType:
        entry = figures.totals[cost_type.value]
        rows.append(
            {
                "kind": "year",
                "cells": [
                    _("Summe"),
                    str(cost_type.label),
                    entry["planned"],
                    entry["actual"],
                    entry["actual"] - entry["planned"],
                ],
            }
        )
    rows.append(
        {
            "kind": "total",
            "cells": [
                _("Gesamt"),
                "",
                figures.planned_total,
                figures.actual_total,
                figures.actual_total - figures.planned_total,
            ],
        }
    )
    return header, rows


def retention_for(statement: UseOfFundsStatement):
    rate = FundingRate.objects.filter(phase_id=statement.phase_id).first()
    base = statement.forwarded_at.year if statement.forwarded_at else statement.years[-1] + 1
    return retention_until(base_year=base, years=rate.retention_years if rate else 10)


def _context(document) -> dict:
    if isinstance(document, JointApplication):
        header, rows = joint_application_table(document)
        title = _("Gesamtantrag")
        extra = {}
    else:
        header, rows = statement_table(document)
        title = document.get_kind_display()
        extra = {"retention_until": retention_for(document), "figures": district_statement_figures(document)}
    return {"document": document, "title": title, "header": header, "rows": rows, "generated": timezone.now(), **extra}


def _filename(document, extension: str) -> str:
    base = slugify(f"{document.workflow_label()}-{document.district.name}-{document.phase.name}")
    return f"{base}.{extension}"


def xlsx_for(document) -> tuple[str, bytes]:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    context = _context(document)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(context["title"])[:31]
    sheet.append([f"{context['title']} – {document.district.name}"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("Förderphase"), document.phase.name])
    sheet.append([_("Bewilligungsbehörde"), document.funding_authority.name])
    sheet.append([_("Status"), document.get_state_display()])
    if "retention_until" in context:
        sheet.append([_("Aufbewahren bis"), context["retention_until"].strftime("%d.%m.%Y")])
    sheet.append([])
    sheet.append(context["header"])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in context["rows"]:
        sheet.append(row["cells"])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, Decimal):
                cell.number_format = MONEY_FORMAT
            if row["kind"] != "line":
                cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHIJ", (34, 26, 10, 16, 16, 18, 16, 18, 16, 16), strict=False):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _filename(document, "xlsx"), buffer.getvalue()


def pdf_for(document) -> tuple[str, bytes]:
    return _filename(document, "pdf"), render_pdf("finance/pdf/table.html", _context(document))


def pdf_renderer(document):
    if not isinstance(document, (JointApplication, UseOfFundsStatement)):
        return None
    return lambda doc, revision: pdf_for(doc)
