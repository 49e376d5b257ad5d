"""Reminders and digests that must arrive exactly once, and the secret token of a personal calendar feed."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import DistrictAssociation
from funding.models.deadlines import Obligation


class ReminderStatus(models.TextChoices):
    PENDING = "pending", _("wartet auf Versand")
    SENT = "sent", _("versendet")
    FAILED = "failed", _("Versand fehlgeschlagen, wird wiederholt")
    CANCELLED = "cancelled", _("nicht mehr nötig")


class Delivery(models.Model):
    """What a reminder and a digest share: a claimed row that is sent once and records its attempts."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("Empfänger")
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=ReminderStatus.choices, default=ReminderStatus.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    sent_at = models.DateTimeField(_("versendet am"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    next_attempt_at = models.DateTimeField(_("nächster Versuch"), null=True, blank=True)
    last_error = models.CharField(_("letzter Fehler"), max_length=300, blank=True)
    # The lease of the worker sending the row: taken and committed before the e-mail goes out, so that marking it
    # sent is a single UPDATE. A crashed worker's rows become free again when the lease runs out.
    claim_token = models.CharField(_("Versandauftrag"), max_length=32, blank=True)
    claimed_until = models.DateTimeField(_("reserviert bis"), null=True, blank=True)

    class Meta:
        abstract = True


class Reminder(Delivery):
    """One e-mail about one obligation to one person at one step ("28", "14", "7", "1" days ahead, "overdue").
    The unique constraint is what makes it exactly once: a second run finds the row instead of sending again."""

    obligation = models.ForeignKey(
        Obligation, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("Abgabepflicht")
    )
    step = models.CharField(_("Stufe"), max_length=20)

    class Meta:
        verbose_name = _("Erinnerung")
        verbose_name_plural = _("Erinnerungen")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["obligation", "recipient", "step"], name="reminder_exactly_once")
        ]

    def __str__(self) -> str:
        return f"{self.obligation} → {self.recipient} ({self.step})"


class Digest(Delivery):
    """The weekly overview of open and late obligations for one coordinator and one district."""

    district = models.ForeignKey(DistrictAssociation, on_delete=models.CASCADE, related_name="+")
    week = models.DateField(_("Woche ab"), help_text=_("Der Montag der Woche."))

    class Meta:
        verbose_name = _("Wochenübersicht")
        verbose_name_plural = _("Wochenübersichten")
        ordering = ["-week", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "district", "week"], name="digest_exactly_once_per_week")
        ]

    def __str__(self) -> str:
        return f"{self.district} {self.week:%d.%m.%Y} → {self.recipient}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedToken(models.Model):
    """The secret part of a personal iCalendar feed URL. Regenerating replaces it; deleting revokes the feed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name=_("Benutzer")
    )
    token = models.CharField(_("Schlüssel"), max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("zuletzt abgerufen"), null=True, blank=True)

    class Meta:
        verbose_name = _("Kalender-Abo")
        verbose_name_plural = _("Kalender-Abos")

    def __str__(self) -> str:
        return str(self.user)
