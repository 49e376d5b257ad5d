"""What the three planning documents share: agency, funding year, the funder's template version (Raster)."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from core.workflow import Submittable
from funding.models import TemplateVersion


class PlanningDocument(Submittable):
    """Abstract: one document of one agency for one funding year, written on one template version."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("Agentur"))
    year = models.PositiveSmallIntegerField(_("Förderjahr"))
    template_version = models.ForeignKey(
        TemplateVersion,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Raster (Vorlagenversion)"),
        help_text=_("Die Vorlage des Fördergebers, auf der das Dokument geschrieben ist."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("angelegt von")
    )
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("zuletzt bearbeitet von"),
    )

    # Set by each subclass: the funding.DocumentKind and the slug used in URLs.
    DOCUMENT_KIND: ClassVar[str] = ""
    URL_KIND: ClassVar[str] = ""

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        return reverse("planning:detail", args=[self.URL_KIND, self.pk])

    def workflow_label(self) -> str:
        return f"{self._meta.verbose_name} {self.agency.name} {self.year}"

    def template_problem(self) -> str:
        """Why the document cannot be submitted on its template version, or "" when it can."""
        if not self.template_version.is_current:
            return str(
                _(
                    "Dieses Dokument beruht auf dem veralteten Raster „%(version)s“. Der Fördergeber akzeptiert nur "
                    "das aktuelle Raster: Bitte stellen Sie das Dokument auf das aktuelle Raster um und prüfen Sie "
                    "die Angaben, bevor Sie es einreichen."
                )
                % {"version": self.template_version.version}
            )
        return ""

    def snapshot(self) -> dict:
        from planning.snapshots import SNAPSHOTS

        return SNAPSHOTS[type(self)](self)

    @property
    def kind_label(self) -> str:
        return str(self._meta.verbose_name)


class OrderedRow(models.Model):
    """A row of a document's table (need, data point, task, …) in the order the author chose."""

    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]
