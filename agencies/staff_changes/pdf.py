"""The change notice as PDF: rendered once when the change is forwarded, then served as stored."""

from django.utils import timezone

from agencies.models import StaffChange
from core.pdf import render_pdf
from core.services import history_of


def render_change_pdf(change: StaffChange, revision) -> tuple[str, bytes]:
    """Callback for core.services.transition(render_pdf=…): the frozen content plus the history so far."""
    context = {
        "change": change,
        "revision": revision,
        "content": revision.content if revision else change.snapshot(),
        "history": list(history_of(change)),
        "district": change.agency.provider.district,
        "rendered_at": timezone.localtime(),
    }
    filename = f"personalveraenderung-{change.pk}-{change.effective_on:%Y%m%d}.pdf"
    return filename, render_pdf("agencies/staff_changes/notice_pdf.html", context)
