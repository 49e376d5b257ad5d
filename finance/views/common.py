"""What every money view shares: workflow steps, stored files, the phase a page refers to."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.services import TransitionError, history_of, stored_documents_of
from core.workflow import State, StoredDocument
from finance import exports
from finance.rules import may_move
from finance.selectors import (
    cost_plans_visible_to,
    forecasts_visible_to,
    joint_applications_visible_to,
    partial_statements_visible_to,
    statements_visible_to,
)
from finance.services.audit import entries_for
from finance.services.workflow import move
from funding.models import FundingPhase

DOCUMENTS = {
    "kostenplan": cost_plans_visible_to,
    "gesamtantrag": joint_applications_visible_to,
    "mittelcontrolling": forecasts_visible_to,
    "teilnachweis": partial_statements_visible_to,
    "nachweis": statements_visible_to,
}
STEPS = {
    "einreichen": State.SUBMITTED,
    "zurueckgeben": State.RETURNED,
    "freigeben": State.APPROVED,
    "weiterleiten": State.FORWARDED,
}
STEP_LABELS = {
    State.SUBMITTED: _("Einreichen"),
    State.RETURNED: _("Zurückgeben"),
    State.APPROVED: _("Freigeben"),
    State.FORWARDED: _("Weiterleiten"),
}
STEP_MESSAGES = {
    State.SUBMITTED: _("„%(label)s“ wurde eingereicht."),
    State.RETURNED: _("„%(label)s“ wurde zurückgegeben."),
    State.APPROVED: _("„%(label)s“ wurde freigegeben."),
    State.FORWARDED: _("„%(label)s“ wurde an die Bewilligungsbehörde weitergeleitet."),
}


def visible_document(request, kind: str, pk: int):
    selector = DOCUMENTS.get(kind)
    if selector is None:
        raise Http404
    document = get_object_or_404(selector(request.user), pk=pk)
    if not request.user.has_perm("finance.view_document", document):
        raise Http404
    return document


def workflow_context(request, document, kind: str) -> dict:
    """History, stored files and the steps this user may take – shown on every document page."""
    steps = [
        {"slug": slug, "to": to, "label": STEP_LABELS[to]}
        for slug, to in STEPS.items()
        if may_move(request.user, document, to)
    ]
    return {
        "kind": kind,
        "history": history_of(document),
        "stored": stored_documents_of(document),
        "steps": steps,
        "audit": entries_for(document)[:20],
    }


@login_required
@require_POST
def step(request, kind: str, pk: int, slug: str):
    document = visible_document(request, kind, pk)
    to = STEPS.get(slug)
    if to is None or not may_move(request.user, document, to):
        raise Http404
    comment = request.POST.get("comment", "")
    try:
        move(document=document, to=to, by=request.user, comment=comment)
    except TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, STEP_MESSAGES[to] % {"label": document.workflow_label()})
    return redirect(document.get_absolute_url())


@login_required
def stored_file(request, kind: str, pk: int, file_pk: int):
    """A stored PDF/XLSX, served exactly as it was produced when the document was forwarded."""
    document = visible_document(request, kind, pk)
    stored = get_object_or_404(stored_documents_of(document), pk=file_pk)
    return FileResponse(stored.file.open("rb"), as_attachment=True, filename=stored.filename)


@login_required
def live_file(request, kind: str, pk: int, fmt: str):
    """The current XLSX or PDF of a joint application or district statement (marked as a draft until forwarded;
    once forwarded the stored file is served)."""
    if kind not in ("gesamtantrag", "nachweis") or fmt not in ("xlsx", "pdf"):
        raise Http404
    document = visible_document(request, kind, pk)
    if document.state == State.FORWARDED:
        wanted = StoredDocument.Kind.EXPORT if fmt == "xlsx" else StoredDocument.Kind.FORWARDED_PDF
        stored = stored_documents_of(document, wanted).first()
        if stored:
            return FileResponse(stored.file.open("rb"), as_attachment=True, filename=stored.filename)
    filename, data = exports.xlsx_for(document) if fmt == "xlsx" else exports.pdf_for(document)
    content_type = (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" if fmt == "xlsx" else "application/pdf"
    )
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def current_phase(request, phases: list[FundingPhase] | None = None) -> FundingPhase | None:
    """?phase=<pk>, else the phase containing today, else the newest. A page that lists the phases anyway passes
    them (newest first); otherwise they are read here – a handful of rows, one query either way."""
    if phases is None:
        phases = list(FundingPhase.objects.order_by("-starts_on"))
    raw = request.GET.get("phase", "")
    if raw.isdigit():
        chosen = next((phase for phase in phases if phase.pk == int(raw)), None)
        if chosen:
            return chosen
    today = timezone.localdate()
    running = next((phase for phase in phases if phase.starts_on <= today <= phase.ends_on), None)
    return running or max(phases, key=lambda phase: phase.starts_on, default=None)
