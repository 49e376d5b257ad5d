from django.conf import settings
from django.db import connection
from django.http import JsonResponse
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
