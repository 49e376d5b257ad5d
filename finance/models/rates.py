"""Funding rates (Fördersätze) per funding phase: data that coordinators and administrators maintain."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from finance.models.common import money_field
from funding.models import FundingPhase

PERCENT = {
    "max_digits": 5,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal("0.00")), MaxValueValidator(Decimal("100.00"))],
}


class FundingRate(models.Model):
    """Fördersatz of a phase: maximum funded share, personnel cost ceilings, material flat rate, minimums."""

    phase = models.OneToOneField(
        FundingPhase, on_delete=models.PROTECT, related_name="funding_rate", verbose_name=_("Förderphase")
    )
    max_funded_share = models.DecimalField(
        _("höchster Förderanteil (%)"),
        help_text=_(
            "Anteil der zuwendungsfähigen Kosten, den das Land höchstens trägt. Den Rest (mindestens 100 % minus "
            "dieser Wert) bringt der Träger als Eigenanteil auf."
        ),
        default=Decimal("90.00"),
        **PERCENT,
    )
    material_flat_rate = money_field(
        _("Sachkostenpauschale je Vollzeitstelle und Jahr (€)"),
        help_text=_(
            "Wird anteilig nach Stellenumfang (VZÄ) und Monaten gewährt, wenn keine Einzelaufstellung erfolgt."
        ),
    )
    minimum_grant = money_field(
        _("Mindestzuwendung je Agentur und Jahr (€)"),
        help_text=_("Kleinere Zuwendungen sieht das Programm nicht vor. 0,00 bedeutet: kein Mindestbetrag."),
    )
    deviation_threshold = models.DecimalField(
        _("Abweichung mit Begründungspflicht (%)"),
        help_text=_(
            "Weichen die tatsächlichen Kosten einer Kostenart im Verwendungsnachweis um mehr als diesen Prozentsatz "
            "vom Plan ab, ist eine schriftliche Begründung nötig."
        ),
        default=Decimal("20.00"),
        **PERCENT,
    )
    retention_years = models.PositiveSmallIntegerField(
        _("Aufbewahrungsfrist (Jahre)"),
        help_text=_("So viele Jahre nach dem Verwendungsnachweis müssen Belege und Nachweise aufbewahrt werden."),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    is_demo = models.BooleanField(
        _("Demo-Werte"),
        default=False,
        help_text=_("Kennzeichnet plausible Beispielwerte, die nicht aus einem Förderbescheid stammen."),
    )
    notes = models.TextField(_("Hinweise"), blank=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Fördersatz")
        verbose_name_plural = _("Fördersätze")
        ordering = ["-phase__starts_on"]

    def __str__(self) -> str:
        return str(_("Fördersätze %(phase)s") % {"phase": self.phase})

    @property
    def min_own_share(self) -> Decimal:
        """The provider's minimum own contribution in percent of the costs (today 10 %)."""
        return Decimal("100.00") - self.max_funded_share

    def ceilings(self) -> dict[str, "PayGroupRate"]:
        return {rate.pay_group: rate for rate in self.pay_groups.all()}


class PayGroupRate(models.Model):
    """Per pay group: the usual employer costs (to prefill plans) and the eligible ceiling per full-time position."""

    funding_rate = models.ForeignKey(
        FundingRate, on_delete=models.CASCADE, related_name="pay_groups", verbose_name=_("Fördersatz")
    )
    pay_group = models.CharField(
        _("Entgeltgruppe"), max_length=20, help_text=_("Wie in der Stelle eingetragen, z. B. „S 12“.")
    )
    annual_employer_costs = money_field(
        _("übliche Arbeitgeberkosten je VZÄ und Jahr (€)"),
        help_text=_("Arbeitgeberbrutto einer vollen Stelle; Vorschlag für neue Kostenpläne."),
    )
    annual_ceiling = money_field(
        _("förderfähiger Höchstbetrag je VZÄ und Jahr (€)"),
        help_text=_("Personalkosten über diesem Betrag sind nicht zuwendungsfähig und bleiben beim Träger."),
    )

    class Meta:
        verbose_name = _("Personalkostensatz")
        verbose_name_plural = _("Personalkostensätze")
        ordering = ["funding_rate", "pay_group"]
        constraints = [
            models.UniqueConstraint(fields=["funding_rate", "pay_group"], name="paygrouprate_unique_group"),
        ]

    def __str__(self) -> str:
        return self.pay_group

    def clean(self):
        if self.annual_ceiling is not None and self.annual_ceiling <= 0:
            raise ValidationError({"annual_ceiling": _("Bitte geben Sie einen Höchstbetrag über 0,00 € an.")})
