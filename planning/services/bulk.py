"""Bulk approve (immediately) and bulk forward (a Celery task with visible progress and one ZIP of the PDFs)."""

import io
import zipfile

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from core.jobs import BulkJob, advance_job, finish_job, start_job
from core.services import TransitionError, stored_documents_of
from core.workflow import State, StoredDocument
from planning.models import DOCUMENT_MODELS
from planning.services.workflow import approve, forward


def parse_refs(values) -> list[tuple[str, int]]:
    """ "aufgabenplanung:12" → ("aufgabenplanung", 12); unknown kinds and garbage are dropped."""
    refs = []
    for value in values:
        kind, _sep, pk = str(value).partition(":")
        if kind in DOCUMENT_MODELS and pk.isdigit():
            refs.append((kind, int(pk)))
    return refs


def _load(kind: str, pk: int):
    return (
        DOCUMENT_MODELS[kind]
        .objects.select_related("agency__provider__district", "agency__municipality", "template_version__phase")
        .get(pk=pk)
    )


def bulk_approve(*, refs, by) -> tuple[int, list[str]]:
    """Approves every selected document the user may approve; returns (count, problems)."""
    done, problems = 0, []
    for kind, pk in refs:
        try:
            document = _load(kind, pk)
            approve(document=document, by=by)
            done += 1
        except (DOCUMENT_MODELS[kind].DoesNotExist, PermissionDenied):
            problems.append(_("Ein ausgewähltes Dokument konnte nicht freigegeben werden (keine Berechtigung)."))
        except (TransitionError, ValidationError) as error:
            problems.append(f"{document.workflow_label()}: {error}")
    return done, problems


def start_bulk_forward(*, refs, by) -> BulkJob:
    """Creates the job and queues the task once the job row is committed."""
    from django.db import transaction

    from planning.tasks import forward_documents

    job = start_job(title=_("Sammelweiterleitung an die Bewilligungsbehörde"), total=len(refs), by=by)
    payload = [f"{kind}:{pk}" for kind, pk in refs]
    transaction.on_commit(lambda: forward_documents.delay(job.pk, payload))
    return job


def run_bulk_forward(*, job: BulkJob, refs) -> None:
    """Forwards each document (each in its own transaction, stored PDF included), counts progress on the job and
    finally writes one ZIP of the stored PDFs of all selected documents that are forwarded."""
    by = job.created_by
    stored: list[StoredDocument] = []
    for kind, pk in refs:
        problem = ""
        try:
            document = _load(kind, pk)
            if document.state == State.APPROVED:
                forward(document=document, by=by)
            if document.state == State.FORWARDED and by.has_perm("planning.view_document", document):
                pdf = stored_documents_of(document, StoredDocument.Kind.FORWARDED_PDF).first()
                if pdf:
                    stored.append(pdf)
            else:
                problem = _("%(label)s ist nicht freigegeben und wurde nicht weitergeleitet.") % {
                    "label": document.workflow_label()
                }
        except (DOCUMENT_MODELS[kind].DoesNotExist, PermissionDenied):
            problem = _("Ein ausgewähltes Dokument konnte nicht weitergeleitet werden (keine Berechtigung).")
        except (TransitionError, ValidationError) as error:
            problem = f"{document.workflow_label()}: {error}"
        advance_job(job=job, problem=problem)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in stored:
            with item.file.open("rb") as handle:
                archive.writestr(item.filename, handle.read())
    finish_job(job=job, filename=f"weitergeleitet-{job.pk}.zip", data=buffer.getvalue())
