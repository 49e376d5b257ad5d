from django.contrib.contenttypes.models import ContentType

from finance.models import AuditEntry


def log(*, subject, action: str, summary: str, by, data: dict | None = None) -> AuditEntry:
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(type(subject)),
        object_id=subject.pk,
        action=action,
        summary=summary,
        data=data or {},
        by=by,
    )


def entries_for(subject):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(subject)), object_id=subject.pk
    ).select_related("by")
