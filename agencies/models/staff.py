"""Positions (Stellen), staff (Fachkräfte) and who holds which share of which position when.

All three carry validity dates, so fte and head count can be computed for any past day.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models.organisations import Agency, Provider

FTE_FIELD_OPTIONS = {
    "max_digits": 4,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1.00"))],
}


def active_on_q(day, prefix: str = "") -> models.Q:
    """Rows whose [valid_from, valid_to] period contains `day` (valid_to inclusive, open end allowed)."""
    return models.Q(**{f"{prefix}valid_from__lte": day}) & (
        models.Q(**{f"{prefix}valid_to__isnull": True}) | models.Q(**{f"{prefix}valid_to__gte": day})
    )


class ValidityQuerySet(models.QuerySet):
    def active_on(self, day):
        return self.filter(active_on_q(day))


class Position(models.Model):
    """Stelle: a funded position of an agency, measured in full-time equivalents (VZÄ)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="positions", verbose_name=_("Agentur"))
    title = models.CharField(_("Bezeichnung"), max_length=120, default="Integrationsfachkraft")
    fte = models.DecimalField(
        _("Umfang (VZÄ)"),
        help_text=_("Vollzeitäquivalente: 1,00 ist eine volle Stelle."),
        **FTE_FIELD_OPTIONS,
    )
    pay_group = models.CharField(_("Entgeltgruppe"), max_length=20, blank=True)
    valid_from = models.DateField(_("gültig ab"))
    valid_to = models.DateField(_("gültig bis"), null=True, blank=True)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = _("Stelle")
        verbose_name_plural = _("Stellen")
        ordering = ["agency", "valid_from", "pk"]
        indexes = [models.Index(fields=["agency", "valid_from", "valid_to"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="position_period_ordered",
            ),
            models.CheckConstraint(condition=models.Q(fte__gt=0, fte__lte=1), name="position_fte_range"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.agency}, {self.fte} VZÄ)"

    def is_active_on(self, day) -> bool:
        """`active_on_q` for a loaded position."""
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)

    def clean(self):
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Das Ende darf nicht vor dem Beginn liegen.")})


class StaffMember(models.Model):
    """Fachkraft, employed by a provider."""

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="staff", verbose_name=_("Träger (Arbeitgeber)")
    )
    first_name = models.CharField(_("Vorname"), max_length=100)
    last_name = models.CharField(_("Nachname"), max_length=100)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    qualification = models.CharField(
        _("Berufsqualifikation"),
        max_length=200,
        blank=True,
        help_text=_("Formale Qualifikation, z. B. Diplom-Sozialarbeiterin oder B.A. Soziale Arbeit."),
    )
    employed_from = models.DateField(_("beschäftigt ab"))
    employed_to = models.DateField(_("beschäftigt bis"), null=True, blank=True)
    user = models.OneToOneField(
        "core.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_member",
        verbose_name=_("Benutzerkonto"),
    )

    class Meta:
        verbose_name = _("Fachkraft")
        verbose_name_plural = _("Fachkräfte")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def clean(self):
        if self.employed_to and self.employed_from and self.employed_to < self.employed_from:
            raise ValidationError({"employed_to": _("Das Ende der Beschäftigung darf nicht vor dem Beginn liegen.")})

    @property
    def contact_complete(self) -> bool:
        return bool(self.email and self.phone and self.qualification)


class Assignment(models.Model):
    """A staff member holds a share of a position for a period."""

    staff_member = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("Fachkraft")
    )
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("Stelle")
    )
    fte = models.DecimalField(_("Anteil (VZÄ)"), **FTE_FIELD_OPTIONS)
    valid_from = models.DateField(_("ab"))
    valid_to = models.DateField(_("bis"), null=True, blank=True)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = _("Stellenbesetzung")
        verbose_name_plural = _("Stellenbesetzungen")
        ordering = ["position", "valid_from", "pk"]
        indexes = [models.Index(fields=["position", "valid_from", "valid_to"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="assignment_period_ordered",
            ),
            models.CheckConstraint(condition=models.Q(fte__gt=0, fte__lte=1), name="assignment_fte_range"),
        ]

    def __str__(self) -> str:
        return f"{self.staff_member} – {self.fte} VZÄ"

    def clean(self):
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Das Ende darf nicht vor dem Beginn liegen.")})
        if self.fte and self.position_id and self.fte > self.position.fte:
            raise ValidationError({"fte": _("Der Anteil ist größer als der Umfang der Stelle.")})
