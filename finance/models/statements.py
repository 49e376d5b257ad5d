"""Proof of use: the provider's partial statement with its receipts, and the district's interim/final statement."""

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, DistrictAssociation, FundingAuthority, Provider
from core.workflow import Submittable
from finance.models.common import CostType, money_field
from funding.models import DocumentKind, FundingPhase, FundingYear


def retention_until(*, base_year: int, years: int) -> date:
    """Records are kept until the end of the `years`-th year after the year of the proof of use."""
    return date(base_year + years, 12, 31)


class PartialStatement(Submittable):
    """Teilverwendungsnachweis of one provider for one funding year."""

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="partial_statements", verbose_name=_("Träger")
    )
    funding_year = models.ForeignKey(
        FundingYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("Förderjahr")
    )
    actual_grant = money_field(_("erhaltene Zuwendung (€)"), help_text=_("Vom Bezirksverband weitergeleitete Mittel."))
    actual_own_contribution = money_field(_("eingesetzter Eigenanteil (€)"))
    actual_third_party = money_field(_("eingesetzte Drittmittel (€)"))
    justification_personnel = models.TextField(_("Begründung Abweichung Personalkosten"), blank=True)
    justification_material = models.TextField(_("Begründung Abweichung Sachkosten"), blank=True)
    justification_measures = models.TextField(_("Begründung Abweichung besondere Maßnahmen"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Teilverwendungsnachweis")
        verbose_name_plural = _("Teilverwendungsnachweise")
        ordering = ["funding_year__year", "provider__name"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "funding_year"], name="partialstatement_unique_provider_year"),
        ]

    def __str__(self) -> str:
        return str(
            _("Teilverwendungsnachweis %(provider)s %(year)s") % {"provider": self.provider, "year": self.funding_year}
        )

    def get_absolute_url(self) -> str:
        return reverse("finance:partial_statement", args=[self.pk])

    def justification_for(self, cost_type: str) -> str:
        return getattr(self, f"justification_{cost_type}", "")

    def snapshot(self) -> dict:
        from finance.selectors.statements import partial_statement_figures

        figures = partial_statement_figures(self)
        return {
            "provider": self.provider.name,
            "year": self.funding_year.year,
            "financing": {
                "grant": str(self.actual_grant),
                "own_contribution": str(self.actual_own_contribution),
                "third_party": str(self.actual_third_party),
            },
            "cost_types": {
                row.cost_type: {"planned": str(row.planned), "actual": str(row.actual)} for row in figures.rows
            },
            "justifications": {ct: self.justification_for(ct) for ct in CostType.values},
            "receipts": [
                {
                    "agency": receipt.agency.name,
                    "number": receipt.number,
                    "paid_on": receipt.paid_on.isoformat(),
                    "payee": receipt.payee,
                    "purpose": receipt.purpose,
                    "cost_type": receipt.cost_type,
                    "amount": str(receipt.amount),
                }
                for receipt in self.receipts.select_related("agency")
            ],
        }


class Receipt(models.Model):
    """Beleg in the list of receipts (Belegliste) of a partial statement."""

    statement = models.ForeignKey(PartialStatement, on_delete=models.CASCADE, related_name="receipts")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("Agentur"))
    number = models.CharField(_("Belegnummer"), max_length=40)
    paid_on = models.DateField(_("Zahlungsdatum"))
    payee = models.CharField(_("Empfänger"), max_length=200)
    purpose = models.CharField(_("Zweck"), max_length=300)
    cost_type = models.CharField(_("Kostenart"), max_length=10, choices=CostType.choices)
    amount = money_field(_("Betrag (€)"))

    class Meta:
        verbose_name = _("Beleg")
        verbose_name_plural = _("Belege")
        ordering = ["statement", "paid_on", "number", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "number"], name="receipt_unique_number"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="receipt_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.amount}"


class UseOfFundsStatement(Submittable):
    """Zwischenverwendungsnachweis (after year 1) or Verwendungsnachweis (after the last year) of a district."""

    class Kind(models.TextChoices):
        INTERIM = DocumentKind.INTERIM_STATEMENT.value, DocumentKind.INTERIM_STATEMENT.label
        FINAL = DocumentKind.FINAL_STATEMENT.value, DocumentKind.FINAL_STATEMENT.label

    district = models.ForeignKey(
        DistrictAssociation,
        on_delete=models.PROTECT,
        related_name="use_of_funds_statements",
        verbose_name=_("Bezirksverband"),
    )
    phase = models.ForeignKey(FundingPhase, on_delete=models.PROTECT, related_name="+", verbose_name=_("Förderphase"))
    kind = models.CharField(_("Art"), max_length=40, choices=Kind.choices)
    funding_authority = models.ForeignKey(
        FundingAuthority, on_delete=models.PROTECT, related_name="+", verbose_name=_("Bewilligungsbehörde")
    )
    notes = models.TextField(_("Hinweise"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Verwendungsnachweis des Bezirks")
        verbose_name_plural = _("Verwendungsnachweise der Bezirke")
        ordering = ["-phase__starts_on", "district__name", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["district", "phase", "kind"], name="useoffunds_unique_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.district}, {self.phase}"

    def get_absolute_url(self) -> str:
        return reverse("finance:statement", args=[self.pk])

    def workflow_label(self) -> str:
        return self.get_kind_display()

    @property
    def years(self) -> list[int]:
        """Interim: the first year of the phase; final: every year of the phase."""
        years = self.phase.years
        return years[:1] if self.kind == self.Kind.INTERIM else years

    def snapshot(self) -> dict:
        from finance.selectors.statements import district_statement_figures

        return district_statement_figures(self).as_json()
