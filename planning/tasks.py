from celery import shared_task

from core.jobs import BulkJob, finish_job
from planning.services.bulk import parse_refs, run_bulk_forward


@shared_task
def forward_documents(job_id: int, refs: list[str]) -> None:
    """Bulk forward with visible progress (see core.jobs)."""
    job = BulkJob.objects.select_related("created_by").get(pk=job_id)
    try:
        run_bulk_forward(job=job, refs=parse_refs(refs))
    except Exception:
        # Documents forwarded so far stay forwarded (each in its own transaction); the job shows the failure.
        finish_job(job=job, failed=True)
        raise
