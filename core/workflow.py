"""The submission workflow every document shares (planning documents, controlling reports, staff changes).

Entwurf → Eingereicht → (Zurückgegeben ↔ Eingereicht) → Freigegeben → Weitergeleitet.
The model says which state changes exist; *who* may perform one is a rule in the owning app's rules.py;
`core.services.transition` performs it.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SUBMITTED = "submitted", _("Eingereicht")
    RETURNED = "returned", _("Zurückgegeben")
    APPROVED = "approved", _("Freigegeben")
    FORWARDED = "forwarded", _("Weitergeleitet")


ALLOWED: dict[str, set[str]] = {
    State.DRAFT: {State.SUBMITTED},
    State.SUBMITTED: {State.RETURNED, State.APPROVED},
    State.RETURNED: {State.SUBMITTED},
    State.APPROVED: {State.FORWARDED},
    State.FORWARDED: set(),
}

# The states in which the author may still change the content.
EDITABLE_STATES = frozenset({State.DRAFT, State.RETURNED})

# Bootstrap colour per state, used by the state badge; text stays dark/white for AA contrast.
STATE_BADGE = {
    State.DRAFT: "text-bg-secondary",
    State.SUBMITTED: "text-bg-primary",
    State.RETURNED: "text-bg-warning",
    State.APPROVED: "text-bg-success",
    State.FORWARDED: "text-bg-dark",
}


class Submittable(models.Model):
    """Abstract base for every document that goes through the workflow.

    Subclasses implement `snapshot()` (the content that a revision freezes) and may override
    `pdf_template_name` / `pdf_context()` for the forwarded PDF.
    """

    state = models.CharField(_("Status"), max_length=16, choices=State.choices, default=State.DRAFT, db_index=True)
    # Optimistic locking: every content save increments it; a save with a stale value is refused.
    version = models.PositiveIntegerField(_("Bearbeitungsstand"), default=1)
    submitted_at = models.DateTimeField(_("eingereicht am"), null=True, blank=True)
    approved_at = models.DateTimeField(_("freigegeben am"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("weitergeleitet am"), null=True, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        abstract = True

    def can_transition_to(self, to: str) -> bool:
        return to in ALLOWED.get(self.state, set())

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def state_badge_class(self) -> str:
        return STATE_BADGE.get(self.state, "text-bg-secondary")

    def snapshot(self) -> dict:
        """The complete content as JSON-serialisable data; frozen into a Revision on submission."""
        raise NotImplementedError(f"{type(self).__name__} must define snapshot()")

    def workflow_label(self) -> str:
        return str(self._meta.verbose_name)


def content_hash(content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class GenericDocumentMixin(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    document = GenericForeignKey("content_type", "object_id")

    class Meta:
        abstract = True


class Revision(GenericDocumentMixin):
    """A frozen copy of what was submitted. Never changed after it is written."""

    number = models.PositiveIntegerField(_("Revision"))
    content = models.JSONField(_("Inhalt"))
    content_hash = models.CharField(_("Prüfsumme (SHA-256)"), max_length=64)
    created_at = models.DateTimeField(_("eingefroren am"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("von")
    )

    class Meta:
        verbose_name = _("Revision")
        verbose_name_plural = _("Revisionen")
        ordering = ["content_type", "object_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "number"], name="revision_unique_number")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"Revision {self.number} ({self.content_hash[:12]})"

    def save(self, *args, **kwargs):
        # A revision is evidence of what was submitted: refuse any change to a stored one.
        if self.pk is not None:
            raise ValidationError(_("Eine eingefrorene Revision kann nicht geändert werden."))
        super().save(*args, **kwargs)

    @property
    def short_hash(self) -> str:
        return self.content_hash[:12]


class Transition(GenericDocumentMixin):
    """One step in a document's history: who moved it from which state to which, when and why."""

    from_state = models.CharField(_("von Status"), max_length=16, choices=State.choices)
    to_state = models.CharField(_("nach Status"), max_length=16, choices=State.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("durch")
    )
    at = models.DateTimeField(_("am"), auto_now_add=True)
    comment = models.TextField(_("Kommentar"), blank=True)
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, null=True, blank=True, related_name="transitions")

    class Meta:
        verbose_name = _("Statuswechsel")
        verbose_name_plural = _("Statuswechsel")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"


class StoredDocument(GenericDocumentMixin):
    """A rendered file (the forwarded PDF, a ZIP) kept exactly as it was produced and served as stored."""

    class Kind(models.TextChoices):
        FORWARDED_PDF = "forwarded_pdf", _("Weitergeleitetes PDF")
        EXPORT = "export", _("Export")

    kind = models.CharField(_("Art"), max_length=32, choices=Kind.choices)
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    file = models.FileField(_("Datei"), upload_to="stored/%Y/%m/")
    filename = models.CharField(_("Dateiname"), max_length=200)
    sha256 = models.CharField(_("Prüfsumme (SHA-256)"), max_length=64)
    size = models.PositiveIntegerField(_("Größe in Bytes"))
    created_at = models.DateTimeField(_("erstellt am"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Gespeichertes Dokument")
        verbose_name_plural = _("Gespeicherte Dokumente")
        indexes = [models.Index(fields=["content_type", "object_id", "kind"])]

    def __str__(self) -> str:
        return self.filename


class SectionComment(GenericDocumentMixin):
    """A reviewer's remark on one section of one submitted revision (e.g. "needs", "task-12").

    Keyed by document + section key + revision, so the author sees what the remark referred to even after
    editing a new revision."""

    section_key = models.CharField(_("Abschnitt"), max_length=60)
    revision = models.ForeignKey(
        Revision, on_delete=models.PROTECT, null=True, blank=True, related_name="comments", verbose_name=_("Revision")
    )
    body = models.TextField(_("Anmerkung"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("von")
    )
    created_at = models.DateTimeField(_("am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Anmerkung zu einem Abschnitt")
        verbose_name_plural = _("Anmerkungen zu Abschnitten")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "section_key"])]

    def __str__(self) -> str:
        return f"{self.section_key}: {self.body[:40]}"
