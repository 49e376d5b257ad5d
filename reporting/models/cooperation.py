"""Cooperations an agency records with other agencies (or, as free text, with partners outside the registry)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CooperationKind(models.TextChoices):
    INFORMATION = "information", _("gegenseitiger Informationsaustausch")
    EVENTS = "events", _("gemeinsame Veranstaltungen")
    FOCUS = "focus", _("Abstimmung der inhaltlichen Schwerpunkte")
    AREA = "area", _("Gebietsabstimmung")
    TASK_PLANS = "task_plans", _("Abstimmung der Aufgabenplanungen")
    ANALYSIS = "analysis", _("gemeinsame Sozialraumanalysen")
    PUBLIC_RELATIONS = "public_relations", _("gemeinsame Öffentlichkeitsarbeit")
    OTHER = "other", _("Sonstiges")


class CooperationRegularity(models.TextChoices):
    WORKING_GROUP = "working_group", _("fester Arbeitskreis")
    REGULAR = "regular", _("eher regelmäßig")
    OCCASIONAL = "occasional", _("nur zu besonderen Anlässen")


class CooperationFrequency(models.TextChoices):
    MONTHLY = "monthly", _("mindestens einmal im Monat")
    QUARTERLY = "quarterly", _("mindestens einmal im Quartal")
    HALF_YEARLY = "half_yearly", _("einmal im Halbjahr")
    YEARLY = "yearly", _("einmal im Jahr")


class Cooperation(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="cooperations", verbose_name=_("Agentur")
    )
    partner_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="named_by",
        verbose_name=_("Partneragentur"),
        help_text=_("Eine Integrationsagentur aus dem Verzeichnis, gleich welches Verbands."),
    )
    partner_name = models.CharField(
        _("anderer Partner"),
        max_length=200,
        blank=True,
        help_text=_("Nur für Partner, die keine Integrationsagentur sind, z. B. ein Migrantenverein."),
    )
    kinds = models.JSONField(_("Art der Kooperation"), default=list, blank=True)
    other_kind = models.CharField(_("Sonstige Art"), max_length=200, blank=True)
    regularity = models.CharField(_("Regelmäßigkeit"), max_length=20, choices=CooperationRegularity.choices, blank=True)
    frequency = models.CharField(_("Häufigkeit"), max_length=20, choices=CooperationFrequency.choices, blank=True)
    source_survey = models.ForeignKey(
        "reporting.Survey",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("übernommen aus Umfrage"),
    )
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    class Meta:
        verbose_name = _("Kooperation")
        verbose_name_plural = _("Kooperationen")
        ordering = ["agency", "partner_agency__name", "partner_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "partner_agency"],
                condition=Q(partner_agency__isnull=False),
                name="cooperation_unique_partner",
            ),
            models.CheckConstraint(
                condition=Q(partner_agency__isnull=False) | ~Q(partner_name=""),
                name="cooperation_has_partner",
            ),
            models.CheckConstraint(condition=~Q(agency=models.F("partner_agency")), name="cooperation_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} ↔ {self.partner_label}"

    @property
    def partner_label(self) -> str:
        return self.partner_agency.name if self.partner_agency_id else self.partner_name

    def kind_labels(self) -> list[str]:
        labels = dict(CooperationKind.choices)
        return [str(labels.get(kind, kind)) for kind in self.kinds]

    def clean(self):
        if bool(self.partner_agency_id) == bool(self.partner_name.strip()):
            raise ValidationError(
                {"partner_agency": _("Bitte wählen Sie entweder eine Partneragentur oder nennen Sie einen Partner.")}
            )
        if self.partner_agency_id and self.partner_agency_id == self.agency_id:
            raise ValidationError({"partner_agency": _("Eine Agentur kann nicht mit sich selbst kooperieren.")})
        unknown = set(self.kinds) - set(CooperationKind.values)
        if unknown:
            raise ValidationError({"kinds": _("Unbekannte Art der Kooperation.")})
