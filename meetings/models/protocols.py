"""The protocol of a meeting: written per agenda item, approved by the owner, then published to the members."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models.groups import Member
from meetings.models.meetings import AgendaItem, Meeting


class Protocol(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PUBLISHED = "published", _("freigegeben und veröffentlicht")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="protocol")
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField(
        _("Allgemeines"), blank=True, help_text=_("Begrüßung, Protokollführung, Hinweise, die zu keinem Punkt gehören.")
    )
    recorded_by = models.CharField(_("Protokoll"), max_length=200, blank=True, help_text=_("Wer protokolliert hat."))
    # All text of the protocol in one field, written when it is published: the archive searches it.
    search_text = models.TextField(editable=False, blank=True)
    version = models.PositiveIntegerField(default=1)
    approved_by = models.ForeignKey("core.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Protokoll")
        verbose_name_plural = _("Protokolle")

    def __str__(self) -> str:
        return str(_("Protokoll: %(meeting)s") % {"meeting": self.meeting})

    def get_absolute_url(self) -> str:
        return reverse("meetings:protocol", args=[self.meeting_id])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ActionItem(models.Model):
    """Aufgabe aus dem Protokoll: who does what by when."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="action_items")
    description = models.CharField(_("Aufgabe"), max_length=300)
    responsible = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        related_name="action_items",
        verbose_name=_("verantwortlich"),
        help_text=_("Ein Mitglied des Arbeitskreises; es sieht die Aufgabe auf seiner Übersicht."),
    )
    due_date = models.DateField(_("zu erledigen bis"))
    done_at = models.DateTimeField(_("erledigt am"), null=True, blank=True)
    done_by = models.ForeignKey("core.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("Aufgabe aus dem Protokoll")
        verbose_name_plural = _("Aufgaben aus dem Protokoll")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["due_date", "done_at"])]

    def __str__(self) -> str:
        return self.description

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def is_overdue(self) -> bool:
        return not self.is_done and self.due_date < timezone.localdate()
