"""XLSX exports of a district: the staff list on a day and the change log."""

from datetime import date
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from agencies.models import DistrictAssociation
from agencies.selectors import active_assignments


def _workbook(title: str, header: list[str], rows) -> bytes:
    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHIJKLMN", (28, 28, 20, 20, 30, 18, 32, 10, 12, 12, 14, 40, 16, 16), strict=False):
        sheet.column_dimensions[column].width = width
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def staff_list_xlsx(district: DistrictAssociation, day: date) -> bytes:
    assignments = (
        active_assignments(day)
        .filter(position__agency__provider__district=district)
        .select_related("staff_member", "position__agency__provider")
        .order_by("position__agency__provider__name", "position__agency__name", "staff_member__last_name")
    )
    header = [
        _("Träger"),
        _("Integrationsagentur"),
        _("Nachname"),
        _("Vorname"),
        _("E-Mail"),
        _("Telefon"),
        _("Qualifikation"),
        _("VZÄ"),
        _("seit"),
        _("bis"),
        _("Stelle (VZÄ)"),
    ]
    rows = (
        [
            a.position.agency.provider.name,
            a.position.agency.name,
            a.staff_member.last_name,
            a.staff_member.first_name,
            a.staff_member.email,
            a.staff_member.phone,
            a.staff_member.qualification,
            float(a.fte),
            a.valid_from,
            a.valid_to,
            float(a.position.fte),
        ]
        for a in assignments.iterator(chunk_size=500)
    )
    return _workbook(_("Fachkräfte"), header, rows)


def change_log_xlsx(changes) -> bytes:
    changes = changes.select_related("agency__provider", "staff_member", "decision", "created_by").order_by(
        "effective_on", "pk"
    )
    header = [
        _("Nr."),
        _("Träger"),
        _("Integrationsagentur"),
        _("Art"),
        _("Pflicht"),
        _("betrifft"),
        _("wirksam ab"),
        _("Status"),
        _("eingereicht am"),
        _("weitergeleitet am"),
        _("Entscheidung"),
        _("Aktenzeichen"),
        _("entschieden am"),
        _("übernommen am"),
    ]

    def naive(value):  # Excel knows no time zones: local time without offset
        return timezone.localtime(value).replace(tzinfo=None) if value else None

    rows = (
        [
            c.pk,
            c.agency.provider.name,
            c.agency.name,
            c.get_kind_display(),
            _("zustimmungspflichtig") if c.requires_approval else _("anzeigepflichtig"),
            c.subject(),
            c.effective_on,
            c.get_state_display(),
            naive(c.submitted_at),
            naive(c.forwarded_at),
            c.decision.get_outcome_display() if c.decision_or_none else "",
            c.decision.reference if c.decision_or_none else "",
            c.decision.decided_on if c.decision_or_none else None,
            naive(c.applied_at),
        ]
        for c in changes.iterator(chunk_size=500)
    )
    return _workbook(_("Veränderungen"), header, rows)
