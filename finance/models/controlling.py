"""Mittel-Controlling by 30.09.: spending to date and forecast to year end, giving surplus or shortfall."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from core.workflow import Submittable
from finance.models.common import money_field
from funding.models import FundingYear


class SpendingForecast(Submittable):
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="spending_forecasts", verbose_name=_("Agentur")
    )
    funding_year = models.ForeignKey(
        FundingYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("Förderjahr")
    )
    as_of = models.DateField(_("Stichtag"), help_text=_("Bis zu diesem Tag sind die Ausgaben gebucht."))
    available = money_field(
        _("verfügbare Zuwendung (€)"),
        help_text=_("Bewilligte Zuwendung des Jahres einschließlich Umverteilungen, beim Anlegen übernommen."),
    )
    spent_to_date = money_field(
        _("ausgegeben bis zum Stichtag (€)"), help_text=_("Aus der Zuwendung bezahlte Ausgaben bis zum Stichtag.")
    )
    expected_until_year_end = money_field(
        _("erwartet bis Jahresende (€)"), help_text=_("Voraussichtliche weitere Ausgaben aus der Zuwendung bis 31.12.")
    )
    explanation = models.TextField(
        _("Erläuterung"),
        blank=True,
        help_text=_("Zum Beispiel: unbesetzte Stelle seit Mai, Tarifsteigerung, zusätzliche Maßnahme."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Mittel-Controlling (Mehr-/Minderbedarf)")
        verbose_name_plural = _("Mittel-Controlling (Mehr-/Minderbedarf)")
        ordering = ["funding_year__year", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "funding_year"], name="spendingforecast_unique_agency_year"),
        ]

    def __str__(self) -> str:
        return str(_("Mittel-Controlling %(agency)s %(year)s") % {"agency": self.agency, "year": self.funding_year})

    def get_absolute_url(self) -> str:
        return reverse("finance:forecast", args=[self.pk])

    @property
    def expected_total(self) -> Decimal:
        return self.spent_to_date + self.expected_until_year_end

    @property
    def difference(self) -> Decimal:
        """Positive: surplus (Minderbedarf, money left over); negative: shortfall (Mehrbedarf)."""
        return self.available - self.expected_total

    def snapshot(self) -> dict:
        return {
            "agency": self.agency.name,
            "year": self.funding_year.year,
            "as_of": self.as_of.isoformat(),
            "available": str(self.available),
            "spent_to_date": str(self.spent_to_date),
            "expected_until_year_end": str(self.expected_until_year_end),
            "difference": str(self.difference),
            "explanation": self.explanation,
        }
