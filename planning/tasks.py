from celery import shared_task

from core.jobs import BulkJob
from planning.services.bulk import parse_refs, run_bulk_forward


@shared_task
def forward_documents(job_id: int, refs: list[str]) -> None:
    """Bulk forward with visible progress (see core.jobs)."""
    job = BulkJob.objects.select_related("created_by").get(pk=job_id)
    run_bulk_forward(job=job, refs=parse_refs(refs))
