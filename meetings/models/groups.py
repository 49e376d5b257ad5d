"""Working groups (Facharbeitskreise and their kin), their members and annual plans (Kompendium 4.3)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class GroupKind(models.TextChoices):
    SPECIALIST_GROUP = "facharbeitskreis", _("Facharbeitskreis")
    JOINT_GROUP = "gemeinsamer_arbeitskreis", _("Gemeinsamer Arbeitskreis der Migrationsfachdienste")
    RETREAT = "klausurtagung", _("Klausurtagung")
    PROVIDER_CONFERENCE = "traegerkonferenz", _("Trägerkonferenz")
    STATE_COMMITTEE = "landesgremium", _("Landesgremium / Fachausschuss")
    OTHER = "sonstiges", _("Sonstiges")


# What the compendium describes as the usual yearly minimum per kind; a default for new groups, editable.
DEFAULT_YEARLY_MINIMUM = {
    GroupKind.SPECIALIST_GROUP: 3,
    GroupKind.JOINT_GROUP: 2,
    GroupKind.RETREAT: 1,
    GroupKind.PROVIDER_CONFERENCE: 1,
    GroupKind.STATE_COMMITTEE: 2,
    GroupKind.OTHER: 0,
}


class WorkingGroup(models.Model):
    """Facharbeitskreis, joint working group, Klausurtagung, Trägerkonferenz or committee.

    The owner is a district association (its coordinators manage the group) or, without one, the state level.
    """

    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(_("Art"), max_length=30, choices=GroupKind.choices)
    description = models.TextField(
        _("Beschreibung"),
        blank=True,
        help_text=_("Wozu der Kreis dient, wer teilnimmt; erscheint auf der Gruppenseite."),
    )
    owner_district = models.ForeignKey(
        "agencies.DistrictAssociation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="working_groups",
        verbose_name=_("verantwortlicher Bezirksverband"),
        help_text=_("Leer lassen, wenn die Landesebene den Kreis verantwortet."),
    )
    yearly_minimum = models.PositiveSmallIntegerField(
        _("Mindestzahl Sitzungen pro Jahr"),
        default=0,
        validators=[MaxValueValidator(52)],
        help_text=_(
            "Zum Beispiel drei Facharbeitskreise im Jahr. Hat der Jahresplan weniger Termine, erscheint eine Warnung."
        ),
    )
    invitation_weeks = models.PositiveSmallIntegerField(
        _("Einladung … Wochen vorher"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("So viele Wochen vor der Sitzung verschickt Agenturnetz die Einladung mit Tagesordnung (1–12)."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("Erinnerung an Aufgaben … Tage vor Fälligkeit"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Verantwortliche einer Aufgabe aus dem Protokoll werden so viele Tage vor der Frist erinnert."),
    )
    uses_rotation = models.BooleanField(
        _("Agenturen stellen reihum ein Projekt vor"),
        default=False,
        help_text=_("In jeder Sitzung stellt eine Integrationsagentur ein eigenes Projekt, eine Aktion oder Idee vor."),
    )
    default_location = models.CharField(
        _("üblicher Ort"), max_length=300, blank=True, help_text=_("Wird für neue Termine vorgeschlagen.")
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Arbeitskreis")
        verbose_name_plural = _("Arbeitskreise")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["owner_district", "name"], name="workinggroup_unique_name_per_owner"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("meetings:group", args=[self.pk])

    @property
    def owner_label(self) -> str:
        return str(self.owner_district) if self.owner_district_id else str(_("Landesebene"))


class MemberKind(models.TextChoices):
    STAFF = "staff", _("Fachkraft einer Integrationsagentur")
    PROVIDER = "provider", _("Vertretung eines Trägers")
    GUEST = "guest", _("Gast ohne Zugang (z. B. MBE, JMD)")


class Member(models.Model):
    """A participant of a working group: a user (staff of an agency or provider manager) or a guest who has no
    login and is reached by e-mail only (with a personal link for RSVPs)."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="members")
    kind = models.CharField(_("Art der Teilnahme"), max_length=10, choices=MemberKind.choices)
    user = models.ForeignKey(
        "core.User",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="working_group_memberships",
        verbose_name=_("Benutzerkonto"),
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="working_group_members",
        verbose_name=_("Integrationsagentur"),
        help_text=_(
            "Für Fachkräfte: die Agentur, für die sie teilnehmen (zählt für die Reihenfolge der Vorstellungen)."
        ),
    )
    name = models.CharField(_("Name"), max_length=200, blank=True, help_text=_("Nur für Gäste."))
    email = models.EmailField(
        _("E-Mail"), blank=True, help_text=_("Nur für Gäste; Benutzer erhalten E-Mails an ihr Konto.")
    )
    organisation = models.CharField(
        _("Organisation"), max_length=200, blank=True, help_text=_("Für Gäste, z. B. „JMD Duisburg“ oder „MBE Essen“.")
    )
    active = models.BooleanField(_("aktiv"), default=True)
    joined_at = models.DateTimeField(_("aufgenommen am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Mitglied")
        verbose_name_plural = _("Mitglieder")
        ordering = ["group", "kind", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"], condition=models.Q(user__isnull=False), name="member_unique_user"
            ),
            models.UniqueConstraint(
                fields=["group", "email"], condition=models.Q(user__isnull=True), name="member_unique_guest_email"
            ),
            models.CheckConstraint(
                condition=(models.Q(kind="guest", user__isnull=True) & ~models.Q(email=""))
                | (~models.Q(kind="guest") & models.Q(user__isnull=False)),
                name="member_user_or_guest",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.user_id:
            return str(self.user)
        return self.name or self.email

    @property
    def contact_email(self) -> str:
        return self.user.email if self.user_id else self.email

    @property
    def affiliation(self) -> str:
        if self.agency_id:
            return str(self.agency)
        return self.organisation

    def clean(self):
        if self.kind == MemberKind.GUEST:
            if self.user_id:
                raise ValidationError({"user": _("Gäste haben kein Benutzerkonto.")})
            if not self.name.strip():
                raise ValidationError({"name": _("Bitte geben Sie den Namen des Gastes an.")})
            if not self.email:
                raise ValidationError({"email": _("Gäste erhalten Einladungen per E-Mail; bitte geben Sie eine an.")})
        elif not self.user_id:
            raise ValidationError({"user": _("Bitte wählen Sie ein Benutzerkonto.")})
        if self.kind == MemberKind.STAFF and not self.agency_id:
            raise ValidationError({"agency": _("Bitte wählen Sie die Agentur, für die die Fachkraft teilnimmt.")})


class AnnualPlan(models.Model):
    """The dates of one group for one calendar year; published once, then members are told and see the dates."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="plans")
    year = models.PositiveSmallIntegerField(_("Jahr"))
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    published_by = models.ForeignKey(
        "core.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("von")
    )

    class Meta:
        verbose_name = _("Jahresplan")
        verbose_name_plural = _("Jahrespläne")
        ordering = ["group", "year"]
        constraints = [models.UniqueConstraint(fields=["group", "year"], name="annualplan_unique_year")]

    def __str__(self) -> str:
        return f"{self.group} {self.year}"


class LogEntry(models.Model):
    """Who did what when (and why) in a working group: the audit trail of every service that changes state."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="log_entries")
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, null=True, blank=True, related_name="log_entries"
    )
    actor = models.ForeignKey("core.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    action = models.CharField(_("Aktion"), max_length=40)
    detail = models.TextField(_("Details"), blank=True)
    at = models.DateTimeField(_("am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Protokolleintrag (Verlauf)")
        verbose_name_plural = _("Verlauf")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%d.%m.%Y %H:%M} {self.action}"
