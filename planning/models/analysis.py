"""Sozialraumanalyse / Bedarfsanalyse: data about the social space, findings and the needs derived from them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, FieldOfAction, PartnerOrganisation, SocialSpace
from funding.models import DocumentKind
from planning.models.base import OrderedRow, PlanningDocument


class SocialSpaceAnalysis(PlanningDocument):
    class AnalysisType(models.TextChoices):
        SOCIAL_SPACE = "social_space", _("Sozialraumanalyse")
        NEEDS = "needs", _("Bedarfsanalyse")

    DOCUMENT_KIND = DocumentKind.SOCIAL_SPACE_ANALYSIS
    URL_KIND = "sozialraumanalyse"

    analysis_type = models.CharField(
        _("Art der Analyse"),
        max_length=20,
        choices=AnalysisType.choices,
        default=AnalysisType.SOCIAL_SPACE,
        help_text=_(
            "Sozialraumanalyse: ausgehend von einem Stadtteil oder Quartier. Bedarfsanalyse: ausgehend von einer "
            "Zielgruppe oder einem Thema. Der Fördergeber überlässt Ihnen die Wahl."
        ),
    )
    social_spaces = models.ManyToManyField(
        SocialSpace,
        blank=True,
        related_name="+",
        verbose_name=_("Sozialräume"),
        help_text=_("Die Stadtteile oder Quartiere, auf die sich die Analyse bezieht."),
    )
    primary_field = models.ForeignKey(
        FieldOfAction,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Schwerpunkt"),
        help_text=_("Das Handlungsfeld, in dem sich die Agentur spezialisiert und das sie nach außen vertritt."),
    )
    findings = models.TextField(
        _("Erkenntnisse"),
        blank=True,
        help_text=_(
            "Was zeigen die Daten? Beschreiben Sie nur, was für Ihre Arbeit von Bedeutung ist – keine "
            "„Datenfriedhöfe“: aus den Erkenntnissen müssen Handlungsbedarfe folgen."
        ),
    )
    integration_concept = models.TextField(
        _("Bezug zum kommunalen Integrationskonzept"),
        blank=True,
        help_text=_(
            "Wie ist die Agentur in das Integrationskonzept der Kommune eingebunden oder setzt sich damit auseinander?"
        ),
    )
    ki_partner = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Kommunales Integrationszentrum"),
        limit_choices_to={"kind": PartnerOrganisation.Kind.KI},
    )
    ki_cooperation = models.TextField(
        _("Kooperation mit dem Kommunalen Integrationszentrum"),
        blank=True,
        help_text=_("Wie haben Sie die Inhalte mit dem Kommunalen Integrationszentrum abgestimmt?"),
    )
    coordinated_agencies = models.ManyToManyField(
        Agency,
        blank=True,
        related_name="+",
        verbose_name=_("abgestimmt mit Integrationsagenturen vor Ort"),
        help_text=_("Integrationsagenturen anderer Träger in Ihrer Kommune, mit denen Sie sich abgestimmt haben."),
    )
    local_coordination = models.TextField(
        _("Abstimmung mit anderen Integrationsagenturen"),
        blank=True,
        help_text=_("Worüber und wie haben Sie sich mit den anderen Agenturen vor Ort abgestimmt?"),
    )
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("fortgeschrieben aus"),
    )

    class Meta:
        verbose_name = _("Sozialraumanalyse")
        verbose_name_plural = _("Sozialraumanalysen")
        ordering = ["agency", "-year", "-pk"]
        indexes = [models.Index(fields=["agency", "year"]), models.Index(fields=["state", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.get_analysis_type_display()} {self.agency.name} {self.year}–{self.valid_until}"

    @property
    def valid_until(self) -> int:
        """An analysis is valid for two funding years."""
        return self.year + 1


class DataPoint(OrderedRow):
    """One row of the data table: an indicator of the social space with value, unit, source and year."""

    analysis = models.ForeignKey(SocialSpaceAnalysis, on_delete=models.CASCADE, related_name="data_points")
    indicator = models.CharField(
        _("Indikator"),
        max_length=200,
        help_text=_("z. B. Anteil der Einwohnerinnen und Einwohner ohne deutsche Staatsangehörigkeit"),
    )
    value = models.DecimalField(_("Wert"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("Einheit"), max_length=40, help_text=_("z. B. %, Personen, Haushalte"))
    source = models.CharField(_("Quelle"), max_length=200, help_text=_("z. B. Amt für Statistik der Stadt Essen"))
    reference_year = models.PositiveSmallIntegerField(_("Bezugsjahr"))

    class Meta(OrderedRow.Meta):
        verbose_name = _("Datenzeile")
        verbose_name_plural = _("Daten")

    def __str__(self) -> str:
        return self.indicator

    def clean(self):
        if self.reference_year and not 1950 <= self.reference_year <= 2100:
            raise ValidationError({"reference_year": _("Bitte geben Sie ein vierstelliges Jahr ein, z. B. 2025.")})


class Need(OrderedRow):
    """Handlungsbedarf: what follows from the findings, tied to one field of action."""

    analysis = models.ForeignKey(SocialSpaceAnalysis, on_delete=models.CASCADE, related_name="needs")
    title = models.CharField(_("Handlungsbedarf"), max_length=200)
    description = models.TextField(_("Begründung aus der Analyse"), blank=True)
    field_of_action = models.ForeignKey(
        FieldOfAction, on_delete=models.PROTECT, related_name="+", verbose_name=_("Handlungsfeld")
    )
    # The need this one continues when the analysis was carried forward ("Fortschreiben").
    origin = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta(OrderedRow.Meta):
        verbose_name = _("Handlungsbedarf")
        verbose_name_plural = _("Handlungsbedarfe")

    def __str__(self) -> str:
        return self.title
