"""Operations of the funding app. Higher apps call `record_document_progress` after every transition."""

from funding.services.progress import record_document_progress

__all__ = ["record_document_progress"]
