"""Funding phases and years, and the funder's template versions (Raster) that documents are written on."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    """Everything that is owed to the district association or the funding authority (Kompendium Tabelle 3)."""

    FUNDING_APPLICATION = "funding_application", _("Förderantrag")
    CONTROLLING_REPORT = "controlling_report", _("Online-Controlling")
    ACTIVITY_REPORT = "activity_report", _("Sachbericht")
    INTERIM_STATEMENT = "interim_statement", _("Zwischenverwendungsnachweis")
    SOCIAL_SPACE_ANALYSIS = "social_space_analysis", _("Sozialraumanalyse")
    TASK_PLAN = "task_plan", _("Aufgabenplanung")
    FINAL_STATEMENT = "final_statement", _("Verwendungsnachweis")
    SPENDING_FORECAST = "spending_forecast", _("Mittel-Controlling (Mehr-/Minderbedarf)")


class FundingPhaseQuerySet(models.QuerySet):
    def containing(self, day):
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class FundingPhase(models.Model):
    """Förderphase: today two years, any length allowed."""

    name = models.CharField(_("Bezeichnung"), max_length=100, unique=True)
    starts_on = models.DateField(_("Beginn"))
    ends_on = models.DateField(_("Ende"))

    objects = FundingPhaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("Förderphase")
        verbose_name_plural = _("Förderphasen")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gt=models.F("starts_on")), name="phase_period_ordered")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("funding:phase", args=[self.pk])

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("Das Ende der Förderphase muss nach ihrem Beginn liegen.")})

    @property
    def years(self) -> list[int]:
        return list(range(self.starts_on.year, self.ends_on.year + 1))


class FundingYear(models.Model):
    """Förderjahr within a phase; `number` is 1 for the first year of the phase."""

    phase = models.ForeignKey(
        FundingPhase, on_delete=models.CASCADE, related_name="funding_years", verbose_name=_("Förderphase")
    )
    year = models.PositiveSmallIntegerField(_("Jahr"), unique=True)
    number = models.PositiveSmallIntegerField(_("Jahr der Phase"))

    class Meta:
        verbose_name = _("Förderjahr")
        verbose_name_plural = _("Förderjahre")
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["phase", "number"], name="fundingyear_unique_number")]

    def __str__(self) -> str:
        return str(self.year)


class TemplateVersion(models.Model):
    """The funder's template (Raster) for one document kind in one phase. Only the current one may be submitted."""

    phase = models.ForeignKey(
        FundingPhase,
        on_delete=models.CASCADE,
        related_name="template_versions",
        verbose_name=_("Förderphase"),
    )
    document_kind = models.CharField(_("Dokumentart"), max_length=40, choices=DocumentKind.choices)
    version = models.CharField(_("Version"), max_length=40)
    valid_from = models.DateField(_("gültig ab"))
    is_current = models.BooleanField(_("aktuell"), default=True)
    notes = models.TextField(_("Hinweise"), blank=True)

    class Meta:
        verbose_name = _("Vorlagenversion (Raster)")
        verbose_name_plural = _("Vorlagenversionen (Raster)")
        ordering = ["phase", "document_kind", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["phase", "document_kind", "version"], name="template_unique_version"),
            models.UniqueConstraint(
                fields=["phase", "document_kind"],
                condition=models.Q(is_current=True),
                name="template_one_current_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_document_kind_display()} {self.version} ({self.phase})"


class PhaseLogo(models.Model):
    """Logos the funder requires on documents of a phase (cover of PDFs)."""

    phase = models.ForeignKey(FundingPhase, on_delete=models.CASCADE, related_name="logos")
    name = models.CharField(_("Name"), max_length=100)
    image = models.FileField(_("Bilddatei (SVG oder PNG)"), upload_to="logos/")
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Logo der Förderphase")
        verbose_name_plural = _("Logos der Förderphase")
        ordering = ["phase", "position"]

    def __str__(self) -> str:
        return self.name
