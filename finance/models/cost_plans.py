"""Kosten- und Finanzierungsplan: one per agency and funding year, filed by the provider."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Position
from agencies.models.staff import FTE_FIELD_OPTIONS
from core.workflow import Submittable
from finance.models.common import CostType, money_field
from finance.money import pro_rata
from funding.models import FundingYear


class MaterialMode(models.TextChoices):
    FLAT = "flat", _("Pauschale je Vollzeitstelle")
    ITEMISED = "itemised", _("Einzelaufstellung")


class CostPlan(Submittable):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="cost_plans", verbose_name=_("Agentur"))
    funding_year = models.ForeignKey(
        FundingYear, on_delete=models.PROTECT, related_name="cost_plans", verbose_name=_("Förderjahr")
    )
    material_mode = models.CharField(
        _("Sachkosten"),
        max_length=10,
        choices=MaterialMode.choices,
        default=MaterialMode.FLAT,
        help_text=_("Pauschale: Sachkosten nach Fördersatz je VZÄ. Einzelaufstellung: jede Sachkostenart einzeln."),
    )
    grant_requested = money_field(
        _("beantragte Zuwendung (€)"), help_text=_("Der Betrag, den das Land übernehmen soll.")
    )
    own_contribution = money_field(
        _("Eigenanteil des Trägers (€)"),
        help_text=_("Eigene Mittel des Trägers; mindestens der im Fördersatz festgelegte Anteil an den Kosten."),
    )
    third_party_funds = money_field(
        _("Drittmittel (€)"), help_text=_("Zum Beispiel kommunale Zuschüsse oder Stiftungsmittel.")
    )
    third_party_note = models.CharField(_("Herkunft der Drittmittel"), max_length=200, blank=True)
    # Totals of the lines, refreshed by the services after every change (never edited directly).
    personnel_total = money_field(_("Personalkosten (€)"))
    material_total = money_field(_("Sachkosten (€)"))
    measures_total = money_field(_("Besondere Maßnahmen (€)"))
    total_costs = money_field(_("Gesamtkosten (€)"))
    planned_fte = models.DecimalField(_("Stellenumfang laut Plan (VZÄ)"), max_digits=6, decimal_places=2, default=0)
    # After the grant decision: what was granted and the own contribution that results.
    granted_amount = money_field(_("bewilligt (€)"), null=True)
    adjusted_own_contribution = money_field(_("Eigenanteil nach Bescheid (€)"), null=True)
    adjusted_at = models.DateTimeField(_("an Bescheid angepasst am"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Kosten- und Finanzierungsplan")
        verbose_name_plural = _("Kosten- und Finanzierungspläne")
        ordering = ["funding_year__year", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "funding_year"], name="costplan_unique_agency_year"),
        ]

    def __str__(self) -> str:
        return str(_("Kostenplan %(agency)s %(year)s") % {"agency": self.agency, "year": self.funding_year.year})

    def get_absolute_url(self) -> str:
        return reverse("finance:cost_plan", args=[self.pk])

    @property
    def year(self) -> int:
        return self.funding_year.year

    @property
    def total_financing(self) -> Decimal:
        return self.grant_requested + self.own_contribution + self.third_party_funds

    def snapshot(self) -> dict:
        return self.snapshot_of(
            agency_name=self.agency.name, personnel=self.personnel_lines.all(), costs=self.cost_lines.all()
        )

    def snapshot_of(self, *, agency_name: str, personnel, costs) -> dict:
        """The frozen content of this plan with its lines passed in: the bulk seeder has them in memory."""
        return {
            "agency": agency_name,
            "year": self.funding_year.year,
            "material_mode": self.material_mode,
            "personnel": [
                {
                    "title": line.title,
                    "pay_group": line.pay_group,
                    "fte": str(line.fte),
                    "months": line.months,
                    "annual_employer_costs": str(line.annual_employer_costs),
                    "amount": str(line.amount),
                    "position": line.position_id,
                }
                for line in personnel
            ],
            "costs": [
                {"cost_type": line.cost_type, "description": line.description, "amount": str(line.amount)}
                for line in costs
            ],
            "totals": {
                "personnel": str(self.personnel_total),
                "material": str(self.material_total),
                "measures": str(self.measures_total),
                "costs": str(self.total_costs),
            },
            "financing": {
                "grant_requested": str(self.grant_requested),
                "own_contribution": str(self.own_contribution),
                "third_party_funds": str(self.third_party_funds),
                "third_party_note": self.third_party_note,
            },
        }


class PersonnelCostLine(models.Model):
    """Personalkosten of one position: pay group, fte, months and the employer costs of a full position."""

    cost_plan = models.ForeignKey(CostPlan, on_delete=models.CASCADE, related_name="personnel_lines")
    position = models.ForeignKey(
        Position, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("Stelle")
    )
    title = models.CharField(_("Bezeichnung"), max_length=120, default="Integrationsfachkraft")
    pay_group = models.CharField(
        _("Entgeltgruppe"), max_length=20, help_text=_("Tarifliche Eingruppierung, z. B. „S 12“.")
    )
    fte = models.DecimalField(_("Umfang (VZÄ)"), help_text=_("1,00 ist eine volle Stelle."), **FTE_FIELD_OPTIONS)
    months = models.PositiveSmallIntegerField(
        _("Monate"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("In wie vielen Monaten des Förderjahres die Stelle besteht."),
    )
    annual_employer_costs = money_field(
        _("Arbeitgeberkosten je VZÄ und Jahr (€)"),
        help_text=_("Arbeitgeberbrutto (Gehalt plus Arbeitgeberanteile) einer vollen Stelle für zwölf Monate."),
    )
    amount = money_field(_("Personalkosten (€)"))

    class Meta:
        verbose_name = _("Personalkosten einer Stelle")
        verbose_name_plural = _("Personalkosten")
        ordering = ["cost_plan", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.fte} VZÄ)"

    def computed_amount(self) -> Decimal:
        return pro_rata(self.annual_employer_costs or 0, fte=self.fte or 0, months=self.months or 0)


class CostLine(models.Model):
    """An itemised material cost or a specific measure."""

    cost_plan = models.ForeignKey(CostPlan, on_delete=models.CASCADE, related_name="cost_lines")
    cost_type = models.CharField(
        _("Kostenart"),
        max_length=10,
        choices=[(CostType.MATERIAL, CostType.MATERIAL.label), (CostType.MEASURES, CostType.MEASURES.label)],
    )
    description = models.CharField(_("Beschreibung"), max_length=200)
    amount = money_field(_("Betrag (€)"))

    class Meta:
        verbose_name = _("Kostenposition")
        verbose_name_plural = _("Kostenpositionen")
        ordering = ["cost_plan", "cost_type", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gte=0), name="costline_amount_positive")]

    def __str__(self) -> str:
        return self.description
