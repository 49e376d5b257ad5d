"""The organisation tree: Spitzenverband → Bezirksverband → Träger → Integrationsagentur."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class WelfareAssociation(models.Model):
    """Spitzenverband der Freien Wohlfahrtspflege (AWO, Caritas, Diakonie, DRK, Paritätischer, Jüdische Gemeinden)."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    short_name = models.CharField(_("Kurzname"), max_length=40, unique=True)
    colour = models.CharField(_("Farbe in Grafiken"), max_length=7, default="#555555")

    class Meta:
        verbose_name = _("Spitzenverband")
        verbose_name_plural = _("Spitzenverbände")
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.short_name


class DistrictAssociation(models.Model):
    """Bezirksverband / Landesverband: coordinates the agencies of its providers and forwards their documents."""

    welfare_association = models.ForeignKey(
        WelfareAssociation,
        on_delete=models.PROTECT,
        related_name="districts",
        verbose_name=_("Spitzenverband"),
    )
    name = models.CharField(_("Name"), max_length=200, unique=True)
    city = models.CharField(_("Sitz"), max_length=100)
    email = models.EmailField(_("E-Mail"), blank=True)
    funding_authority = models.ForeignKey(
        "agencies.FundingAuthority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="districts",
        verbose_name=_("Bewilligungsbehörde"),
        help_text=_(
            "Die Behörde, an die der Bezirksverband Personal- und Stellenveränderungen weiterleitet. Ohne Eintrag "
            "können Veränderungen geprüft, aber nicht weitergeleitet werden."
        ),
    )

    class Meta:
        verbose_name = _("Bezirksverband")
        verbose_name_plural = _("Bezirksverbände")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("agencies:district", args=[self.pk])


class Provider(models.Model):
    """Träger: the legal employer of an agency's staff, e.g. an AWO Kreisverband."""

    district = models.ForeignKey(
        DistrictAssociation,
        on_delete=models.PROTECT,
        related_name="providers",
        verbose_name=_("Bezirksverband"),
    )
    name = models.CharField(_("Name"), max_length=200, unique=True)
    city = models.CharField(_("Sitz"), max_length=100)
    email = models.EmailField(_("E-Mail"), blank=True)

    class Meta:
        verbose_name = _("Träger")
        verbose_name_plural = _("Träger")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FundingAuthority(models.Model):
    """Bewilligungsbehörde, e.g. Bezirksregierung Arnsberg (Kompetenzzentrum für Integration)."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    email = models.EmailField(_("E-Mail"), blank=True)

    class Meta:
        verbose_name = _("Bewilligungsbehörde")
        verbose_name_plural = _("Bewilligungsbehörden")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    class Kind(models.TextChoices):
        INDEPENDENT_CITY = "kreisfreie_stadt", _("Kreisfreie Stadt")
        DISTRICT = "kreis", _("Kreis")
        TOWN = "gemeinde", _("Kreisangehörige Stadt/Gemeinde")

    name = models.CharField(_("Name"), max_length=120, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    county = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="towns",
        verbose_name=_("Kreis"),
        help_text=_("Nur bei kreisangehörigen Städten: der Kreis, zu dem sie gehören."),
    )

    class Meta:
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FieldOfAction(models.Model):
    """Handlungsfeld. The programme knows four; they are rows so that help texts and order are data."""

    code = models.SlugField(_("Kürzel"), max_length=30, unique=True)
    name = models.CharField(_("Name"), max_length=100, unique=True)
    short_name = models.CharField(_("Kurzname"), max_length=30)
    description = models.TextField(_("Beschreibung"), blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class SocialSpace(models.Model):
    """Sozialraum: a named city district or quarter in which an agency works."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="social_spaces", verbose_name=_("Kommune")
    )
    name = models.CharField(_("Name"), max_length=120)

    class Meta:
        verbose_name = _("Sozialraum")
        verbose_name_plural = _("Sozialräume")
        ordering = ["municipality__name", "name"]
        constraints = [models.UniqueConstraint(fields=["municipality", "name"], name="socialspace_unique_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality})"


class AgencyQuerySet(models.QuerySet):
    def active_on(self, day):
        return self.filter(models.Q(active_since__isnull=True) | models.Q(active_since__lte=day)).filter(
            models.Q(closed_on__isnull=True) | models.Q(closed_on__gt=day)
        )


class Agency(models.Model):
    """Integrationsagentur."""

    name = models.CharField(_("Name"), max_length=200)
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("Träger"))
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("Kommune")
    )
    social_spaces = models.ManyToManyField(
        SocialSpace, blank=True, related_name="agencies", verbose_name=_("Sozialräume")
    )
    fields_of_action = models.ManyToManyField(
        FieldOfAction,
        related_name="agencies",
        verbose_name=_("Handlungsfelder"),
        help_text=_("Eines bis vier der Handlungsfelder des Förderprogramms."),
    )
    primary_field = models.ForeignKey(
        FieldOfAction,
        on_delete=models.PROTECT,
        related_name="primary_for",
        verbose_name=_("Schwerpunkt"),
        help_text=_("Der Arbeitsschwerpunkt; muss eines der gewählten Handlungsfelder sein."),
    )
    is_district_wide = models.BooleanField(
        _("für den ganzen Bezirk zuständig"),
        default=False,
        help_text=_("Zum Beispiel eine Agentur, die für alle Träger des Bezirksverbands arbeitet."),
    )
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Webseite"), blank=True)
    active_since = models.DateField(_("aktiv seit"), null=True, blank=True)
    closed_on = models.DateField(_("geschlossen zum"), null=True, blank=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("Integrationsagentur")
        verbose_name_plural = _("Integrationsagenturen")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["provider", "name"], name="agency_unique_name_per_provider")]
        indexes = [models.Index(fields=["closed_on"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("agencies:detail", args=[self.pk])

    def clean(self):
        if self.closed_on and self.active_since and self.closed_on <= self.active_since:
            raise ValidationError({"closed_on": _("Das Schließdatum muss nach dem Startdatum liegen.")})
        if self.postcode and not (self.postcode.isdigit() and len(self.postcode) == 5):
            raise ValidationError({"postcode": _("Bitte geben Sie eine fünfstellige Postleitzahl ein.")})

    @staticmethod
    def validate_fields_of_action(fields, primary) -> None:
        """1–4 fields of action, and the primary focus among them. Called by forms and services before saving
        the many-to-many relation, which `clean()` cannot see."""
        fields = list(fields)
        if not 1 <= len(fields) <= 4:
            raise ValidationError(
                {"fields_of_action": _("Bitte wählen Sie mindestens ein und höchstens vier Handlungsfelder.")}
            )
        if primary is not None and primary not in fields:
            raise ValidationError(
                {"primary_field": _("Der Schwerpunkt muss eines der gewählten Handlungsfelder sein.")}
            )

    def is_active_on(self, day) -> bool:
        return (self.active_since is None or self.active_since <= day) and (
            self.closed_on is None or self.closed_on > day
        )

    @property
    def district(self) -> DistrictAssociation:
        return self.provider.district


class Site(models.Model):
    """Hauptsitz or Nebenstelle of an agency."""

    class Kind(models.TextChoices):
        MAIN = "main", _("Hauptsitz")
        BRANCH = "branch", _("Nebenstelle")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="sites", verbose_name=_("Agentur"))
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices, default=Kind.MAIN)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200)
    postcode = models.CharField(_("PLZ"), max_length=5)
    city = models.CharField(_("Ort"), max_length=100)
    opened_on = models.DateField(_("eröffnet am"), null=True, blank=True)
    closed_on = models.DateField(_("geschlossen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Standort")
        verbose_name_plural = _("Standorte")
        ordering = ["agency", "kind", "city"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.street}, {self.postcode} {self.city}"


class PartnerOrganisation(models.Model):
    """A partner that is not an agency: Kommunales Integrationszentrum, Ausländerbehörde, Jobcenter, …"""

    class Kind(models.TextChoices):
        KI = "ki", _("Kommunales Integrationszentrum")
        IMMIGRATION_OFFICE = "auslaenderbehoerde", _("Ausländerbehörde")
        JOBCENTER = "jobcenter", _("Jobcenter")
        MIGRANT_ORGANISATION = "mso", _("Migrantenselbstorganisation")
        MBE = "mbe", _("Migrationsberatung für erwachsene Zuwanderer (MBE)")
        JMD = "jmd", _("Jugendmigrationsdienst (JMD)")
        REFUGEE_COUNSELLING = "fluechtlingsberatung", _("Flüchtlingsberatung")
        OTHER = "other", _("Sonstige")

    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("Name"), max_length=200)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="partners", verbose_name=_("Kommune")
    )
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    agencies = models.ManyToManyField(Agency, blank=True, related_name="partners", verbose_name=_("Agenturen"))

    class Meta:
        verbose_name = _("Partnerorganisation")
        verbose_name_plural = _("Partnerorganisationen")
        ordering = ["municipality__name", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "kind", "name"], name="partner_unique_per_municipality")
        ]

    def __str__(self) -> str:
        return self.name
