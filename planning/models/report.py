"""Sachbericht: per measure what was done, per sub-goal target vs actual, with evidence attached."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from funding.models import DocumentKind
from planning.models.base import PlanningDocument
from planning.models.plan import Measure, SubGoal, TaskPlan


class ActivityReport(PlanningDocument):
    DOCUMENT_KIND = DocumentKind.ACTIVITY_REPORT
    URL_KIND = "sachbericht"

    task_plan = models.ForeignKey(
        TaskPlan, on_delete=models.PROTECT, related_name="reports", verbose_name=_("Aufgabenplanung")
    )
    summary = models.TextField(
        _("Zusammenfassung"),
        blank=True,
        help_text=_("Das Jahr in wenigen Sätzen, einfach und verständlich formuliert."),
    )

    class Meta:
        verbose_name = _("Sachbericht")
        verbose_name_plural = _("Sachberichte")
        ordering = ["agency", "-year"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="activityreport_one_per_year")]
        indexes = [models.Index(fields=["state", "submitted_at"])]

    def __str__(self) -> str:
        return f"Sachbericht {self.agency.name} {self.year}"


class MeasureReport(models.Model):
    report = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, related_name="measure_reports")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="reports")
    what_was_done = models.TextField(
        _("Umsetzung"), blank=True, help_text=_("Was wurde getan, wann, mit wem und mit wie vielen Beteiligten?")
    )

    class Meta:
        verbose_name = _("Umsetzung einer Maßnahme")
        verbose_name_plural = _("Umsetzung der Maßnahmen")
        constraints = [models.UniqueConstraint(fields=["report", "measure"], name="measurereport_unique")]

    def __str__(self) -> str:
        return str(self.measure)


class SubGoalResult(models.Model):
    class Reached(models.TextChoices):
        YES = "yes", _("ja")
        PARTLY = "partly", _("teilweise")
        NO = "no", _("nein")

    report = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, related_name="results")
    sub_goal = models.ForeignKey(SubGoal, on_delete=models.PROTECT, related_name="results")
    actual_value = models.DecimalField(_("Istwert"), max_digits=12, decimal_places=2, null=True, blank=True)
    reached = models.CharField(_("erreicht?"), max_length=10, choices=Reached.choices, blank=True)
    deviation_reasons = models.TextField(
        _("Gründe für Abweichungen"),
        blank=True,
        help_text=_("Nötig, wenn das Teilziel nur teilweise oder nicht erreicht wurde."),
    )

    class Meta:
        verbose_name = _("Ergebnis eines Teilziels")
        verbose_name_plural = _("Ergebnisse der Teilziele")
        constraints = [models.UniqueConstraint(fields=["report", "sub_goal"], name="subgoalresult_unique")]

    def __str__(self) -> str:
        return str(self.sub_goal)

    @property
    def is_filled(self) -> bool:
        return bool(self.reached)

    def clean(self):
        if self.reached in (self.Reached.PARTLY, self.Reached.NO) and not self.deviation_reasons.strip():
            raise ValidationError(
                {"deviation_reasons": _("Bitte begründen Sie, warum das Teilziel nicht vollständig erreicht wurde.")}
            )


def attachment_path(instance, filename: str) -> str:
    return f"evidence/{instance.report.agency_id}/{instance.report.year}/{filename}"


class Attachment(models.Model):
    """Evidence kept with the report (participant lists, press releases, photos) – up to ten years."""

    report = models.ForeignKey(ActivityReport, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(_("Datei"), upload_to=attachment_path)
    original_name = models.CharField(_("Dateiname"), max_length=200)
    content_type = models.CharField(_("Dateityp"), max_length=100)
    size = models.PositiveIntegerField(_("Größe in Bytes"))
    sha256 = models.CharField(_("Prüfsumme (SHA-256)"), max_length=64)
    description = models.CharField(
        _("Beschreibung"), max_length=200, help_text=_("z. B. Teilnehmendenliste Sprachcafé, März")
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Anlage (Nachweis)")
        verbose_name_plural = _("Anlagen (Nachweise)")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("planning:attachment", args=[self.pk])
