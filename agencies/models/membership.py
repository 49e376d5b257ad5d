"""Memberships give a user a role in one organisation. A user's scope is the union of their memberships."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SPECIALIST = "specialist", _("Integrationsfachkraft")
    PROVIDER_MANAGER = "provider_manager", _("Träger")
    COORDINATOR = "coordinator", _("Koordination Bezirksverband")
    STATE_LEVEL = "state_level", _("Landesebene / Fachausschuss")
    FUNDING_AUTHORITY = "funding_authority", _("Bewilligungsbehörde")
    ADMINISTRATOR = "administrator", _("Administration")


# Which organisation a membership of each role must name.
ROLE_TARGET = {
    Role.SPECIALIST: "agency",
    Role.PROVIDER_MANAGER: "provider",
    Role.COORDINATOR: "district",
    Role.STATE_LEVEL: None,
    Role.FUNDING_AUTHORITY: "funding_authority",
    Role.ADMINISTRATOR: None,
}
TARGET_FIELDS = ("agency", "provider", "district", "funding_authority")


class Membership(models.Model):
    user = models.ForeignKey(
        "core.User", on_delete=models.CASCADE, related_name="memberships", verbose_name=_("Benutzer")
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    provider = models.ForeignKey(
        "agencies.Provider", on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    district = models.ForeignKey(
        "agencies.DistrictAssociation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("Bezirksverband"),
    )
    funding_authority = models.ForeignKey(
        "agencies.FundingAuthority",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        ordering = ["user", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "agency", "provider", "district", "funding_authority"],
                name="membership_unique",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                name="membership_target_matches_role",
                condition=(
                    models.Q(
                        role="specialist",
                        agency__isnull=False,
                        provider__isnull=True,
                        district__isnull=True,
                        funding_authority__isnull=True,
                    )
                    | models.Q(
                        role="provider_manager",
                        agency__isnull=True,
                        provider__isnull=False,
                        district__isnull=True,
                        funding_authority__isnull=True,
                    )
                    | models.Q(
                        role="coordinator",
                        agency__isnull=True,
                        provider__isnull=True,
                        district__isnull=False,
                        funding_authority__isnull=True,
                    )
                    | models.Q(
                        role="funding_authority",
                        agency__isnull=True,
                        provider__isnull=True,
                        district__isnull=True,
                        funding_authority__isnull=False,
                    )
                    | models.Q(
                        role__in=["state_level", "administrator"],
                        agency__isnull=True,
                        provider__isnull=True,
                        district__isnull=True,
                        funding_authority__isnull=True,
                    )
                ),
            ),
        ]

    def __str__(self) -> str:
        target = self.target
        return f"{self.user} – {self.get_role_display()}" + (f" ({target})" if target else "")

    @property
    def target(self):
        field = ROLE_TARGET.get(self.role)
        return getattr(self, field) if field else None

    def clean(self):
        expected = ROLE_TARGET.get(self.role)
        for field in TARGET_FIELDS:
            value = getattr(self, f"{field}_id")
            if field == expected and value is None:
                raise ValidationError({field: _("Für diese Rolle muss die Organisation angegeben werden.")})
            if field != expected and value is not None:
                raise ValidationError({field: _("Diese Organisation passt nicht zur gewählten Rolle.")})
