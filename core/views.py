from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database_ok() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return False, type(exc).__name__
    return True, connection.vendor


def _broker_ok() -> tuple[bool, str]:
    from kombu import Connection

    connection = Connection(
        settings.CELERY_BROKER_URL, transport_options=getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
    )
    try:
        connection.ensure_connection(max_retries=1, timeout=2)
        return True, connection.transport_cls if isinstance(connection.transport_cls, str) else "ok"
    except Exception as exc:
        return False, type(exc).__name__
    finally:
        connection.release()


@never_cache
@require_GET
def healthz(request):
    database_ok, database_detail = _database_ok()
    broker_ok, broker_detail = _broker_ok()
    healthy = database_ok and broker_ok
    body = {
        "status": "ok" if healthy else "error",
        "database": {"ok": database_ok, "detail": database_detail},
        "broker": {"ok": broker_ok, "detail": broker_detail},
    }
    if settings.DEBUG:
        body["debug"] = True
    return JsonResponse(body, status=200 if healthy else 503)


def _job_of(request, pk: int):
    from django.shortcuts import get_object_or_404

    from core.jobs import BulkJob

    job = get_object_or_404(BulkJob.objects.select_related("created_by"), pk=pk)
    if job.created_by_id != request.user.pk and not request.user.is_superuser:
        raise Http404  # someone else's job: its existence is not revealed
    return job


@login_required
def job_detail(request, pk: int):
    return render(request, "core/job.html", {"job": _job_of(request, pk)})


@never_cache
@login_required
def job_status(request, pk: int):
    job = _job_of(request, pk)
    return JsonResponse(
        {
            "state": job.state,
            "state_label": job.get_state_display(),
            "total": job.total,
            "done": job.done,
            "percent": job.percent,
            "finished": job.is_finished,
            "problems": job.problems,
            "download": reverse("core:job_download", args=[job.pk]) if job.result else "",
        }
    )


@login_required
def job_download(request, pk: int):
    job = _job_of(request, pk)
    if not job.result:
        raise Http404
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name or "ergebnis.zip")
