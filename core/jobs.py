"""Long-running work for one user (bulk forwarding, exports) with visible progress.

A view creates a BulkJob and starts a Celery task with its id; the task calls `advance_job` after every item and
`finish_job` with the result file. The job page polls `core:job_status` (JSON) until the job is done.
"""

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BulkJob(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("wartet")
        RUNNING = "running", _("läuft")
        DONE = "done", _("fertig")
        FAILED = "failed", _("fehlgeschlagen")

    title = models.CharField(_("Vorgang"), max_length=200)
    total = models.PositiveIntegerField(_("Anzahl"), default=0)
    done = models.PositiveIntegerField(_("erledigt"), default=0)
    state = models.CharField(_("Status"), max_length=10, choices=State.choices, default=State.PENDING)
    # One line per item that could not be processed, shown on the job page.
    problems = models.JSONField(_("Hinweise"), default=list, blank=True)
    result = models.FileField(_("Ergebnisdatei"), upload_to="jobs/%Y/%m/", blank=True)
    result_name = models.CharField(_("Dateiname"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("gestartet von")
    )
    created_at = models.DateTimeField(_("gestartet am"), auto_now_add=True)
    finished_at = models.DateTimeField(_("beendet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Sammelvorgang")
        verbose_name_plural = _("Sammelvorgänge")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("core:job", args=[self.pk])

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, round(100 * self.done / self.total))

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)


def start_job(*, title: str, total: int, by) -> BulkJob:
    return BulkJob.objects.create(title=title, total=total, created_by=by)


def advance_job(*, job: BulkJob, problem: str = "") -> None:
    """Counts one item as processed (committed at once, so the progress is visible to the polling page)."""
    with transaction.atomic():
        BulkJob.objects.filter(pk=job.pk).update(done=F("done") + 1, state=BulkJob.State.RUNNING)
        if problem:
            locked = BulkJob.objects.select_for_update().get(pk=job.pk)
            locked.problems = [*locked.problems, problem]
            locked.save(update_fields=["problems"])
    job.refresh_from_db()


def finish_job(*, job: BulkJob, filename: str = "", data: bytes | None = None, failed: bool = False) -> None:
    job.refresh_from_db()
    if data is not None:
        job.result.save(filename, ContentFile(data), save=False)
        job.result_name = filename
    job.state = BulkJob.State.FAILED if failed else BulkJob.State.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["result", "result_name", "state", "finished_at"])
