"""Helpers shared by the planning views: look a document up through its selector and check a rule."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from core.services import StaleEditError, latest_revision
from planning.models import DOCUMENT_MODELS
from planning.selectors import documents_visible_to


def get_document(request, kind: str, pk: int, perm: str = "planning.view_document"):
    """The document, if the user may see it and holds `perm`; 404 otherwise (existence is not revealed)."""
    model = DOCUMENT_MODELS.get(kind)
    if model is None:
        raise Http404
    document = get_object_or_404(documents_visible_to(request.user, model), pk=pk)
    if not request.user.has_perm("planning.view_document", document) or not request.user.has_perm(perm, document):
        raise Http404
    return document


def stale_context(document, error: StaleEditError) -> dict:
    """What the refused editor sees besides their own input: who saved when, and the saved content."""
    document.refresh_from_db()
    return {
        "stale": {
            "message": str(error),
            "by": document.last_edited_by,
            "at": document.updated_at,
            "content": document.snapshot(),
            "version": document.version,
        }
    }


def with_version(data, version: int):
    """A copy of the POST data whose hidden version is the current one (the next save is a conscious overwrite)."""
    data = data.copy()
    data["version"] = str(version)
    return data


__all__ = ["get_document", "latest_revision", "stale_context", "with_version"]
