"""Shared pieces of the money models: cost types, the money field and the audit log."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from finance.money import MONEY_FIELD, ZERO


class CostType(models.TextChoices):
    PERSONNEL = "personnel", _("Personalkosten")
    MATERIAL = "material", _("Sachkosten")
    MEASURES = "measures", _("Besondere Maßnahmen")


def money_field(verbose_name, *, help_text="", null: bool = False, default=ZERO):
    options = {"help_text": help_text, **MONEY_FIELD}
    if null:
        return models.DecimalField(verbose_name, null=True, blank=True, **options)
    return models.DecimalField(verbose_name, default=default, **options)


class AuditEntry(models.Model):
    """One money operation outside the submission workflow: who did what, when and why (with the figures)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("Vorgang"), max_length=60)
    summary = models.TextField(_("Beschreibung"))
    data = models.JSONField(_("Zahlen"), default=dict, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("durch")
    )
    at = models.DateTimeField(_("am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Protokolleintrag Finanzen")
        verbose_name_plural = _("Protokoll Finanzen")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.action}: {self.summary[:60]}"
