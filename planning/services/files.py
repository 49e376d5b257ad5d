"""Evidence attachments of a Sachbericht: PDF, images and office documents, checked by size and content."""

import hashlib
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from planning.models import ActivityReport, Attachment

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

# extension → (MIME type, accepted leading bytes). Office formats are ZIP (OOXML, ODF) or OLE (old Word/Excel).
ZIP, OLE = (b"PK\x03\x04",), (b"\xd0\xcf\x11\xe0",)
ALLOWED_TYPES = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ZIP),
    "odt": ("application/vnd.oasis.opendocument.text", ZIP),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", ZIP),
    "doc": ("application/msword", OLE),
    "xls": ("application/vnd.ms-excel", OLE),
}


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
    mime, signatures = ALLOWED_TYPES[extension]
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in signatures):
        raise ValidationError(
            _("Der Inhalt der Datei passt nicht zur Endung „.%(ext)s“. Bitte laden Sie die Originaldatei hoch.")
            % {"ext": extension}
        )
    return name, mime


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
