"""Meetings with their agenda, RSVPs, agenda proposals and the log of e-mails sent (exactly once each)."""

import secrets
from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from meetings.models.groups import AnnualPlan, Member, WorkingGroup


class Meeting(models.Model):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(
        _("Titel"), max_length=200, blank=True, help_text=_("Optional, z. B. „Klausurtagung Resilienz“.")
    )
    date = models.DateField(_("Datum"))
    end_date = models.DateField(
        _("letzter Tag"), null=True, blank=True, help_text=_("Nur bei mehrtägigen Treffen wie der Klausurtagung.")
    )
    start_time = models.TimeField(_("Beginn"), default=time(10, 0))
    end_time = models.TimeField(_("Ende"), default=time(13, 0))
    location = models.CharField(_("Ort"), max_length=300, blank=True, help_text=_("Anschrift und Raum."))
    online_url = models.URLField(
        _("Link zur Online-Sitzung"), blank=True, help_text=_("Für Online- oder Hybridsitzungen, sonst leer lassen.")
    )
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    invitations_sent_at = models.DateTimeField(_("Einladung verschickt am"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("abgesagt am"), null=True, blank=True)
    cancel_reason = models.CharField(_("Grund der Absage"), max_length=300, blank=True)
    presenting_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_presentations",
        verbose_name=_("vorstellende Integrationsagentur"),
    )
    presenting_reason = models.CharField(_("Begründung der Auswahl"), max_length=300, blank=True)
    presenting_confirmed_at = models.DateTimeField(null=True, blank=True)
    attendance_recorded_at = models.DateTimeField(_("Anwesenheit erfasst am"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")
        ordering = ["date", "start_time", "pk"]
        indexes = [models.Index(fields=["group", "date"]), models.Index(fields=["date", "published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("date")),
                name="meeting_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_title} ({date_format(self.date, 'SHORT_DATE_FORMAT')})"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting", args=[self.pk])

    @property
    def display_title(self) -> str:
        return self.title or self.group.name

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def last_day(self):
        return self.end_date or self.date

    @property
    def is_past(self) -> bool:
        return self.last_day < timezone.localdate()

    @property
    def starts_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.date, self.start_time))

    @property
    def ends_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.last_day, self.end_time))

    def invitation_due_on(self):
        return self.date - timedelta(weeks=self.group.invitation_weeks)

    def clean(self):
        if self.end_date and self.end_date < self.date:
            raise ValidationError({"end_date": _("Der letzte Tag darf nicht vor dem ersten liegen.")})
        if (not self.end_date or self.end_date == self.date) and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("Das Ende muss nach dem Beginn liegen.")})
        if not self.location and not self.online_url:
            raise ValidationError({"location": _("Bitte geben Sie einen Ort oder einen Link zur Online-Sitzung an.")})


class AgendaItem(models.Model):
    """Tagesordnungspunkt. Discussion and decisions are the protocol's text for this item."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Erläuterung"), blank=True)
    presenter = models.CharField(
        _("Vortragende Person"), max_length=200, blank=True, help_text=_("Wer den Punkt einbringt oder vorstellt.")
    )
    minutes = models.PositiveSmallIntegerField(
        _("Zeit (Minuten)"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(480)],
        help_text=_("Geplante Dauer dieses Punktes in Minuten."),
    )
    discussion = models.TextField(_("Verlauf der Diskussion"), blank=True)
    decisions = models.TextField(_("Ergebnisse und Beschlüsse"), blank=True)

    class Meta:
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnungspunkte")
        ordering = ["meeting", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class AgendaAttachment(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("Datei"), upload_to="meetings/attachments/%Y/")
    filename = models.CharField(_("Dateiname"), max_length=200)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey("core.User", on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Anlage")
        verbose_name_plural = _("Anlagen")
        ordering = ["item", "filename", "pk"]

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("meetings:attachment", args=[self.pk])


class Response(models.TextChoices):
    YES = "yes", _("Ich nehme teil")
    NO = "no", _("Ich nehme nicht teil")
    MAYBE = "maybe", _("Vielleicht")


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Attendance(models.Model):
    """One member's RSVP for one meeting and, afterwards, whether they attended. The token is the personal RSVP
    link of guests: it belongs to this meeting only."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="attendances")
    response = models.CharField(_("Rückmeldung"), max_length=10, choices=Response.choices, blank=True)
    substitute = models.CharField(
        _("Vertretung"), max_length=200, blank=True, help_text=_("Falls jemand anderes für Sie teilnimmt: Name.")
    )
    comment = models.CharField(_("Anmerkung"), max_length=300, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(_("anwesend"), null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    class Meta:
        verbose_name = _("Teilnahme")
        verbose_name_plural = _("Teilnahmen")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique_member")]

    def __str__(self) -> str:
        return f"{self.member} – {self.meeting}"

    def get_rsvp_url(self) -> str:
        return reverse("meetings:guest_rsvp", args=[self.meeting_id, self.token])


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("offen")
    ACCEPTED = "accepted", _("aufgenommen")
    DEFERRED = "deferred", _("zurückgestellt")
    DECLINED = "declined", _("abgelehnt")


class AgendaProposal(models.Model):
    """Any member may propose an agenda item at any time; the owner accepts it into a meeting, defers or declines
    it with a short reason, and the proposer is told."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="proposals")
    proposed_by = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="proposals")
    wished_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="wished_proposals",
        verbose_name=_("gewünschte Sitzung"),
        help_text=_("Optional: in welcher Sitzung der Punkt besprochen werden soll."),
    )
    title = models.CharField(_("Thema"), max_length=200)
    description = models.TextField(_("Worum geht es?"), blank=True)
    minutes = models.PositiveSmallIntegerField(
        _("benötigte Zeit (Minuten)"), default=15, validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    status = models.CharField(_("Status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.OPEN)
    reason = models.CharField(_("Begründung"), max_length=300, blank=True)
    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposal"
    )
    decided_by = models.ForeignKey("core.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Themenvorschlag für die Tagesordnung")
        verbose_name_plural = _("Themenvorschläge für die Tagesordnung")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_pending(self) -> bool:
        return self.status in (ProposalStatus.OPEN, ProposalStatus.DEFERRED)


class Notice(models.Model):
    """An e-mail that was sent (or is being sent) to one member. The unique constraints make every notice go out
    exactly once, even when two workers run the same batch."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("Jahresplan veröffentlicht")
        INVITATION = "invitation", _("Einladung mit Tagesordnung")
        PROTOCOL = "protocol", _("Protokoll veröffentlicht")
        CANCELLATION = "cancellation", _("Absage")
        ACTION_REMINDER = "action_reminder", _("Erinnerung an eine Aufgabe")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="notices")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="notices")
    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, null=True, blank=True, related_name="notices")
    action_item = models.ForeignKey(
        "meetings.ActionItem", on_delete=models.CASCADE, null=True, blank=True, related_name="notices"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("versandte Nachricht")
        verbose_name_plural = _("versandte Nachrichten")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "member", "meeting"],
                condition=models.Q(meeting__isnull=False),
                name="notice_once_per_meeting",
            ),
            models.UniqueConstraint(
                fields=["kind", "member", "plan"], condition=models.Q(plan__isnull=False), name="notice_once_per_plan"
            ),
            models.UniqueConstraint(
                fields=["kind", "member", "action_item"],
                condition=models.Q(action_item__isnull=False),
                name="notice_once_per_action_item",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.member}"
