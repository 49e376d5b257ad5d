"""Lists, inbox, detail, revisions, PDFs and workflow steps of the planning documents."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.access import scope_for
from agencies.selectors import agencies_visible_to
from core.diff import diff_snapshots
from core.pagination import page_of
from core.services import (
    TransitionError,
    history_of,
    latest_revision,
    revisions_of,
    section_comments_of,
    stored_documents_of,
)
from core.workflow import State, StoredDocument
from planning.filters import DocumentFilterForm
from planning.forms import TransitionForm
from planning.models import ActivityReport, SocialSpaceAnalysis, TaskPlan
from planning.selectors import document_rows, effective_plan, latest_plan
from planning.services.bulk import bulk_approve, parse_refs, start_bulk_forward
from planning.services.pdf import render_document_pdf
from planning.services.workflow import STEP_FUNCTIONS, comment_section, submission_problems
from planning.views.common import get_document

STEP_SLUGS = {
    "einreichen": State.SUBMITTED,
    "zurueckgeben": State.RETURNED,
    "freigeben": State.APPROVED,
    "weiterleiten": State.FORWARDED,
}


def _list(request, *, inbox: bool):
    scope = scope_for(request.user)
    form = DocumentFilterForm(request.GET or None, user=request.user, inbox=inbox)
    filters = form.filters()
    rows = document_rows(request.user, **filters)
    page = page_of(rows, request.GET.get("seite"), settings.AGENTURNETZ_PAGE_SIZE)
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "planning/document_list.html",
        {
            "form": form,
            "page": page,
            "inbox": inbox,
            "querystring": query.urlencode(),
            "can_bulk": inbox and bool(scope.district_ids or scope.is_administrator),
            # Only specialists have agencies of their own; for everyone else there is nothing to compile and read.
            "own_agencies": (
                agencies_visible_to(request.user).filter(pk__in=scope.agency_ids).order_by("name")
                if scope.agency_ids
                else []
            ),
        },
    )


@login_required
def document_list(request):
    return _list(request, inbox=False)


@login_required
def inbox(request):
    scope = scope_for(request.user)
    if not (scope.district_ids or scope.is_administrator):
        raise PermissionDenied
    return _list(request, inbox=True)


@login_required
@require_POST
def bulk_action(request):
    scope = scope_for(request.user)
    if not (scope.district_ids or scope.is_administrator):
        raise PermissionDenied
    refs = parse_refs(request.POST.getlist("dokument"))
    if not refs:
        messages.error(request, _("Bitte wählen Sie mindestens ein Dokument aus."))
        return redirect("planning:inbox")
    if request.POST.get("aktion") == "weiterleiten":
        job = start_bulk_forward(refs=refs, by=request.user)
        messages.info(request, _("Die Weiterleitung läuft. Sie können den Fortschritt hier verfolgen."))
        return redirect(job)
    done, problems = bulk_approve(refs=refs, by=request.user)
    if done:
        messages.success(request, _("%(count)s Dokument(e) freigegeben.") % {"count": done})
    for problem in problems:
        messages.error(request, problem)
    return redirect("planning:inbox")


@login_required
def detail(request, kind: str, pk: int):
    document = get_document(request, kind, pk)
    user = request.user
    revisions = list(revisions_of(document).only("number", "content", "content_hash", "created_at"))
    latest = revisions[-1] if revisions else None
    live = document.is_editable or latest is None
    content = document.snapshot() if live else latest.content
    changes = None
    if document.state == State.SUBMITTED and len(revisions) > 1:
        changes = {
            "title": _("Geändert seit der letzten Einreichung (Revision %(old)s → %(new)s)")
            % {"old": revisions[-2].number, "new": latest.number},
            "diff": diff_snapshots(revisions[-2].content, latest.content),
        }
    elif document.state == State.RETURNED and latest is not None:
        changes = {
            "title": _("Ihre Änderungen seit der Rückgabe (gegenüber Revision %(number)s)") % {"number": latest.number},
            "diff": diff_snapshots(latest.content, content),
        }
    can_edit = user.has_perm("planning.edit_document", document)
    context = {
        "document": document,
        "kind": kind,
        "content": content,
        "changes": changes,
        "revisions": revisions,
        "history": list(history_of(document)),
        "comments": section_comments_of(document, latest) if latest else {},
        "stored_pdfs": list(
            stored_documents_of(document, StoredDocument.Kind.FORWARDED_PDF).only("filename", "created_at")
        ),
        "can_edit": can_edit,
        "can_submit": user.has_perm("planning.submit_document", document),
        "can_review": user.has_perm("planning.review_document", document),
        "can_forward": user.has_perm("planning.forward_document", document),
        "can_comment": user.has_perm("planning.comment_document", document),
        "problems": submission_problems(document) if can_edit else [],
        "transition_form": TransitionForm(),
        "comment_url": f"{document.get_absolute_url()}anmerkung/",
    }
    if isinstance(document, TaskPlan):
        newest = latest_plan(document.agency, document.year)
        context.update(
            can_amend=user.has_perm("planning.amend_document", document)
            and document.state in (State.APPROVED, State.FORWARDED)
            and newest.pk == document.pk,
            newer_version=newest if newest.pk != document.pk else None,
            can_create_report=user.has_perm("planning.create_document", document.agency)
            and not ActivityReport.objects.filter(agency=document.agency, year=document.year).exists()
            and effective_plan(document.agency, document.year) == document,
        )
    if isinstance(document, SocialSpaceAnalysis):
        context["can_continue"] = user.has_perm("planning.amend_document", document) and not document.is_editable
    return render(request, "planning/document_detail.html", context)


@login_required
def revision_detail(request, kind: str, pk: int, number: int):
    document = get_document(request, kind, pk)
    revision = get_object_or_404(revisions_of(document).select_related("created_by"), number=number)
    previous = revisions_of(document).filter(number__lt=number).order_by("-number").first()
    return render(
        request,
        "planning/revision_detail.html",
        {
            "document": document,
            "revision": revision,
            "content": revision.content,
            "comments": section_comments_of(document, revision),
            "diff": diff_snapshots(previous.content, revision.content) if previous else None,
            "previous": previous,
        },
    )


def _pdf_response(filename: str, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
def pdf(request, kind: str, pk: int, number: int | None = None):
    """The forwarded PDF exactly as stored; otherwise rendered from the requested (or latest) revision, or from
    the draft when nothing was submitted yet."""
    document = get_document(request, kind, pk)
    if number is None and document.state == State.FORWARDED:
        stored = stored_documents_of(document, StoredDocument.Kind.FORWARDED_PDF).first()
        if stored:
            return FileResponse(stored.file.open("rb"), content_type="application/pdf", filename=stored.filename)
    if number is not None:
        revision = get_object_or_404(revisions_of(document), number=number)
    else:
        revision = None if document.is_editable else latest_revision(document)
    filename, data = render_document_pdf(document, revision)
    return _pdf_response(filename, data)


@login_required
def stored_pdf(request, kind: str, pk: int, stored_pk: int):
    document = get_document(request, kind, pk)
    stored = get_object_or_404(stored_documents_of(document), pk=stored_pk)
    return FileResponse(stored.file.open("rb"), content_type="application/pdf", filename=stored.filename)


@login_required
@require_POST
def step(request, kind: str, pk: int, target: str):
    document = get_document(request, kind, pk)
    to = STEP_SLUGS.get(target)
    if to is None:
        raise Http404
    form = TransitionForm(request.POST)
    form.is_valid()
    try:
        STEP_FUNCTIONS[to](document=document, by=request.user, comment=form.cleaned_data.get("comment", ""))
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(document)
    except TransitionError as error:
        messages.error(request, str(error))
        return redirect(document)
    labels = {
        State.SUBMITTED: _("Das Dokument wurde eingereicht."),
        State.RETURNED: _("Das Dokument wurde mit Ihrem Kommentar zurückgegeben."),
        State.APPROVED: _("Das Dokument wurde freigegeben."),
        State.FORWARDED: _("Das Dokument wurde an die Bewilligungsbehörde weitergeleitet; das PDF ist gespeichert."),
    }
    messages.success(request, labels[to])
    return redirect(document)


@login_required
@require_POST
def add_comment(request, kind: str, pk: int):
    document = get_document(request, kind, pk)
    try:
        comment_section(
            document=document,
            section_key=request.POST.get("section_key", ""),
            body=request.POST.get("body", ""),
            by=request.user,
        )
        messages.success(request, _("Ihre Anmerkung wurde gespeichert."))
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{document.get_absolute_url()}#s-{request.POST.get('section_key', '')}")
