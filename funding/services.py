"""Operations of the funding app."""

from datetime import datetime

from agencies.models import Agency
from funding.models import DocumentKind


def record_document_progress(*, agency: Agency, kind: DocumentKind, year: int, state: str, at: datetime) -> None:
    """Tells the deadline calendar that a document of `agency` for funding year `year` reached workflow `state`
    (core.workflow.State) at `at`. Called by the higher apps' services after every transition, so an
    obligation follows its document (open → submitted → approved → forwarded).

    The obligations themselves arrive with the deadline calendar; until then there is nothing to update.
    """
    return None
