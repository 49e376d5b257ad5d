"""The district's joint application (Gesamtantrag) for a phase and the authority's grant decision."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, DistrictAssociation, FundingAuthority
from core.workflow import Submittable
from finance.models.common import money_field
from funding.models import FundingPhase, FundingYear


class JointApplication(Submittable):
    """Gesamtantrag: the district association applies for all its agencies of a phase at once."""

    district = models.ForeignKey(
        DistrictAssociation,
        on_delete=models.PROTECT,
        related_name="joint_applications",
        verbose_name=_("Bezirksverband"),
    )
    phase = models.ForeignKey(
        FundingPhase, on_delete=models.PROTECT, related_name="joint_applications", verbose_name=_("Förderphase")
    )
    funding_authority = models.ForeignKey(
        FundingAuthority,
        on_delete=models.PROTECT,
        related_name="joint_applications",
        verbose_name=_("Bewilligungsbehörde"),
    )
    notes = models.TextField(_("Anschreiben / Hinweise"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Gesamtantrag")
        verbose_name_plural = _("Gesamtanträge")
        ordering = ["-phase__starts_on", "district__name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "phase"], name="jointapplication_unique_district_phase"),
        ]

    def __str__(self) -> str:
        return str(_("Gesamtantrag %(district)s, %(phase)s") % {"district": self.district, "phase": self.phase})

    def get_absolute_url(self) -> str:
        return reverse("finance:joint_application", args=[self.pk])

    def snapshot(self) -> dict:
        from finance.selectors.joint import application_totals

        return application_totals(self).as_json()


class GrantDecision(models.Model):
    """Zuwendungsbescheid: what the authority granted, per agency and year, with its conditions."""

    joint_application = models.OneToOneField(
        JointApplication, on_delete=models.PROTECT, related_name="grant_decision", verbose_name=_("Gesamtantrag")
    )
    decided_on = models.DateField(_("Datum des Bescheids"))
    reference = models.CharField(_("Aktenzeichen"), max_length=100)
    conditions = models.TextField(
        _("Nebenbestimmungen und Auflagen"), blank=True, help_text=_("Bedingungen und Auflagen aus dem Bescheid.")
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Zuwendungsbescheid")
        verbose_name_plural = _("Zuwendungsbescheide")

    def __str__(self) -> str:
        return f"{self.reference} ({self.decided_on:%d.%m.%Y})"


class GrantedAmount(models.Model):
    decision = models.ForeignKey(GrantDecision, on_delete=models.CASCADE, related_name="amounts")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="granted_amounts")
    funding_year = models.ForeignKey(FundingYear, on_delete=models.PROTECT, related_name="+")
    amount = money_field(_("bewilligt (€)"))

    class Meta:
        verbose_name = _("bewilligter Betrag")
        verbose_name_plural = _("bewilligte Beträge")
        constraints = [
            models.UniqueConstraint(fields=["decision", "agency", "funding_year"], name="grantedamount_unique"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="grantedamount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.funding_year}: {self.amount}"
