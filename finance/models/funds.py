"""Calls for funds (Mittelabrufe), forwarding contracts and transfers to providers, reallocations."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, DistrictAssociation, Provider
from finance.models.common import money_field
from funding.models import FundingPhase, FundingYear


class FundsCall(models.Model):
    """Mittelabruf of the district association at the authority for a period, split per agency."""

    district = models.ForeignKey(
        DistrictAssociation, on_delete=models.PROTECT, related_name="funds_calls", verbose_name=_("Bezirksverband")
    )
    funding_year = models.ForeignKey(
        FundingYear, on_delete=models.PROTECT, related_name="funds_calls", verbose_name=_("Förderjahr")
    )
    called_on = models.DateField(_("abgerufen am"))
    period_from = models.DateField(_("Zeitraum von"))
    period_to = models.DateField(_("Zeitraum bis"))
    reference = models.CharField(_("Zeichen"), max_length=100, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Mittelabruf")
        verbose_name_plural = _("Mittelabrufe")
        ordering = ["-called_on", "-pk"]

    def __str__(self) -> str:
        return str(_("Mittelabruf vom %(day)s") % {"day": self.called_on.strftime("%d.%m.%Y")})

    def clean(self):
        if self.period_from and self.period_to and self.period_to < self.period_from:
            raise ValidationError({"period_to": _("Das Ende des Zeitraums darf nicht vor dem Beginn liegen.")})
        if self.period_from and self.period_to and self.funding_year_id:
            year = self.funding_year.year
            if self.period_from.year != year or self.period_to.year != year:
                raise ValidationError(
                    {"period_to": _("Der Zeitraum muss im Förderjahr %(year)s liegen.") % {"year": year}}
                )


class FundsCallLine(models.Model):
    funds_call = models.ForeignKey(FundsCall, on_delete=models.CASCADE, related_name="lines")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("Agentur"))
    amount = money_field(_("Betrag (€)"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["funds_call", "agency"], name="fundscallline_unique_agency"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="fundscallline_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.agency}: {self.amount}"


class ForwardingContract(models.Model):
    """Weiterleitungsvertrag between the district association and a provider for a phase."""

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="forwarding_contracts", verbose_name=_("Träger")
    )
    phase = models.ForeignKey(FundingPhase, on_delete=models.PROTECT, related_name="+", verbose_name=_("Förderphase"))
    signed_on = models.DateField(_("geschlossen am"))
    amount = money_field(_("Vertragssumme (€)"), help_text=_("Höchstbetrag, der an den Träger weitergeleitet wird."))
    file = models.FileField(_("Vertrag (PDF)"), upload_to="finance/contracts/%Y/", blank=True)
    notes = models.TextField(_("Hinweise"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Weiterleitungsvertrag")
        verbose_name_plural = _("Weiterleitungsverträge")
        ordering = ["provider__name"]
        constraints = [models.UniqueConstraint(fields=["provider", "phase"], name="forwardingcontract_unique")]

    def __str__(self) -> str:
        return str(_("Weiterleitungsvertrag %(provider)s") % {"provider": self.provider})


class FundsTransfer(models.Model):
    """Weiterleitung: money passed on to a provider for one of its agencies under the forwarding contract."""

    contract = models.ForeignKey(
        ForwardingContract, on_delete=models.PROTECT, related_name="transfers", verbose_name=_("Vertrag")
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("Agentur"))
    funding_year = models.ForeignKey(
        FundingYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("Förderjahr")
    )
    transferred_on = models.DateField(_("überwiesen am"))
    amount = money_field(_("Betrag (€)"))
    reference = models.CharField(_("Verwendungszweck"), max_length=140, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Weiterleitung an den Träger")
        verbose_name_plural = _("Weiterleitungen an die Träger")
        ordering = ["-transferred_on", "-pk"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="fundstransfer_positive")]

    def __str__(self) -> str:
        return f"{self.agency} {self.transferred_on:%d.%m.%Y}: {self.amount}"


class Reallocation(models.Model):
    """Umverteilung of granted funds between two agencies of a district within a year (after the 30.09. check)."""

    district = models.ForeignKey(DistrictAssociation, on_delete=models.PROTECT, related_name="+")
    funding_year = models.ForeignKey(
        FundingYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("Förderjahr")
    )
    from_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("von Agentur"))
    to_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("an Agentur"))
    amount = money_field(_("Betrag (€)"))
    reason = models.TextField(_("Begründung"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Umverteilung")
        verbose_name_plural = _("Umverteilungen")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="reallocation_positive"),
            models.CheckConstraint(condition=~models.Q(from_agency=models.F("to_agency")), name="reallocation_two"),
        ]

    def __str__(self) -> str:
        return f"{self.from_agency} → {self.to_agency}: {self.amount}"
