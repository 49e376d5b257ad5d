"""Evidence attachments of a Sachbericht: PDF, images and office documents, checked by size and content."""

import hashlib
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.uploads import FILE_TYPES, MAX_UPLOAD_BYTES, content_matches
from planning.models import ActivityReport, Attachment

MAX_ATTACHMENT_BYTES = MAX_UPLOAD_BYTES
ALLOWED_TYPES = FILE_TYPES


def check_upload(upload) -> tuple[str, str]:
    """(clean file name, MIME type) of an acceptable upload; ValidationError with a German message otherwise."""
    name = PurePath(upload.name).name[:200]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            _("Dateien vom Typ „%(ext)s“ können nicht angehängt werden. Erlaubt sind: %(allowed)s.")
            % {"ext": extension or "?", "allowed": ", ".join(sorted(ALLOWED_TYPES))}
        )
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("Die Datei ist %(size)s MB groß; erlaubt sind höchstens 10 MB.")
            % {"size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ",")}
        )
    if upload.size == 0:
        raise ValidationError(_("Die Datei ist leer."))
    if not content_matches(upload, extension):
        raise ValidationError(
            _("Der Inhalt der Datei passt nicht zur Endung „.%(ext)s“. Bitte laden Sie die Originaldatei hoch.")
            % {"ext": extension}
        )
    return name, ALLOWED_TYPES[extension][0]


@transaction.atomic
def add_attachment(*, report: ActivityReport, upload, description: str, by) -> Attachment:
    """Keeps an evidence file with the report (only while the report may be edited)."""
    if not by.has_perm("planning.edit_document", report):
        raise PermissionDenied
    name, mime = check_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    attachment = Attachment(
        report=report,
        original_name=name,
        content_type=mime,
        size=upload.size,
        sha256=digest.hexdigest(),
        description=description.strip(),
        uploaded_by=by,
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def delete_attachment(*, attachment: Attachment, by) -> None:
    """Removes an attachment from a draft or returned report. Frozen revisions keep its name and checksum."""
    if not by.has_perm("planning.edit_document", attachment.report):
        raise PermissionDenied
    stored = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: stored.delete(save=False))
