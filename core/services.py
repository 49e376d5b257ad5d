"""Operations of the shared workflow. Every view, task and command that changes a document's state calls
`transition`; nothing else writes the state field."""

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.workflow import (
    ALLOWED,
    Revision,
    SectionComment,
    State,
    StoredDocument,
    Submittable,
    Transition,
    content_hash,
)


class TransitionError(Exception):
    """The requested state change is not possible (wrong state, or someone else changed it first)."""


class StaleEditError(Exception):
    """The document was saved by someone else since this editor loaded it."""


TIMESTAMP_FIELD = {
    State.SUBMITTED: "submitted_at",
    State.APPROVED: "approved_at",
    State.FORWARDED: "forwarded_at",
}


def transition(
    *,
    document: Submittable,
    to: str,
    by,
    comment: str = "",
    render_pdf: Callable[[Submittable, Revision | None], tuple[str, bytes]] | None = None,
    on_commit: Callable[[], None] | None = None,
) -> Transition:
    """Moves `document` to state `to`. Side effects, all in one transaction:

    - the state changes with a conditional UPDATE (… WHERE state = <expected>), so of two concurrent
      reviewers only one wins; the loser gets TransitionError;
    - SUBMITTED freezes a Revision (content snapshot + SHA-256 hash);
    - FORWARDED stores the PDF returned by `render_pdf` as it was rendered (never re-rendered later);
    - a Transition row records who, when, from, to and the comment;
    - `on_commit` (e-mails, follow-up tasks) runs only after the transaction committed.
    Who may perform the step is checked by the caller through the app's rules.
    """
    if to not in ALLOWED.get(document.state, set()):
        raise TransitionError(
            _("„%(label)s“ kann nicht von „%(from)s“ nach „%(to)s“ wechseln.")
            % {"label": document.workflow_label(), "from": State(document.state).label, "to": State(to).label}
        )
    if to == State.RETURNED and not comment.strip():
        raise TransitionError(_("Bitte begründen Sie die Rückgabe in einem Kommentar."))

    now = timezone.now()
    model = type(document)
    content_type = ContentType.objects.get_for_model(model)
    with transaction.atomic():
        updates = {"state": to}
        if to in TIMESTAMP_FIELD:
            updates[TIMESTAMP_FIELD[to]] = now
        changed = model.objects.filter(pk=document.pk, state=document.state).update(**updates)
        if changed != 1:
            raise TransitionError(
                _("Der Status wurde inzwischen von jemand anderem geändert. Bitte laden Sie die Seite neu.")
            )
        from_state = document.state
        for field, value in updates.items():
            setattr(document, field, value)

        revision = latest_revision(document)
        if to == State.SUBMITTED:
            revision = freeze_revision(document=document, by=by)

        step = Transition.objects.create(
            content_type=content_type,
            object_id=document.pk,
            from_state=from_state,
            to_state=to,
            by=by,
            comment=comment.strip(),
            revision=revision,
        )
        if to == State.FORWARDED and render_pdf is not None:
            filename, pdf = render_pdf(document, revision)
            store_document(
                document=document,
                kind=StoredDocument.Kind.FORWARDED_PDF,
                filename=filename,
                data=pdf,
                revision=revision,
                by=by,
            )
        if on_commit is not None:
            transaction.on_commit(on_commit)
    return step


def freeze_revision(*, document: Submittable, by) -> Revision:
    content = document.snapshot()
    content_type = ContentType.objects.get_for_model(type(document))
    last = Revision.objects.filter(content_type=content_type, object_id=document.pk).aggregate(n=Max("number"))["n"]
    return Revision.objects.create(
        content_type=content_type,
        object_id=document.pk,
        number=(last or 0) + 1,
        content=content,
        content_hash=content_hash(content),
        created_by=by,
    )


def latest_revision(document: Submittable) -> Revision | None:
    content_type = ContentType.objects.get_for_model(type(document))
    return Revision.objects.filter(content_type=content_type, object_id=document.pk).order_by("-number").first()


def revisions_of(document: Submittable):
    content_type = ContentType.objects.get_for_model(type(document))
    return Revision.objects.filter(content_type=content_type, object_id=document.pk).order_by("number")


def history_of(document: Submittable):
    content_type = ContentType.objects.get_for_model(type(document))
    return (
        Transition.objects.filter(content_type=content_type, object_id=document.pk)
        .select_related("by", "revision")
        .defer("revision__content")  # a history line names its revision; the frozen content is read elsewhere
        .order_by("at", "pk")
    )


def store_document(*, document, kind: str, filename: str, data: bytes, revision=None, by=None) -> StoredDocument:
    import hashlib

    stored = StoredDocument(
        content_type=ContentType.objects.get_for_model(type(document)),
        object_id=document.pk,
        kind=kind,
        revision=revision,
        filename=filename,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        created_by=by,
    )
    stored.file.save(filename, ContentFile(data), save=False)
    stored.save()
    return stored


def stored_documents_of(document, kind: str | None = None):
    qs = StoredDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(type(document)), object_id=document.pk
    )
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-created_at")


def save_with_version_check(*, document: Submittable, expected_version: int, fields: dict) -> None:
    """Writes `fields` only if nobody saved the document since `expected_version` was read.

    Raises StaleEditError otherwise, so the caller can show the user both their input and the other change.
    """
    model = type(document)
    with transaction.atomic():
        changed = model.objects.filter(
            pk=document.pk, version=expected_version, state__in=[State.DRAFT, State.RETURNED]
        ).update(version=expected_version + 1, updated_at=timezone.now(), **fields)
        if changed != 1:
            raise StaleEditError(_("Das Dokument wurde inzwischen von jemand anderem gespeichert."))
    document.version = expected_version + 1
    for field, value in fields.items():
        setattr(document, field, value)


def add_section_comment(*, document: Submittable, section_key: str, body: str, by) -> SectionComment:
    """Stores a reviewer's remark on one section of the document's latest frozen revision."""
    body = body.strip()
    if not body:
        raise ValueError(_("Bitte geben Sie eine Anmerkung ein."))
    return SectionComment.objects.create(
        content_type=ContentType.objects.get_for_model(type(document)),
        object_id=document.pk,
        section_key=section_key,
        revision=latest_revision(document),
        body=body,
        author=by,
    )


def section_comments_of(document: Submittable, revision: Revision | None = None) -> dict[str, list[SectionComment]]:
    """Remarks per section key; only those on `revision` when given. One query."""
    qs = SectionComment.objects.filter(
        content_type=ContentType.objects.get_for_model(type(document)), object_id=document.pk
    ).select_related("author", "revision")
    qs = qs.defer("revision__content")  # a remark names its revision; its frozen content is not shown with it
    if revision is not None:
        qs = qs.filter(revision=revision)
    grouped: dict[str, list[SectionComment]] = {}
    for comment in qs:
        grouped.setdefault(comment.section_key, []).append(comment)
    return grouped
