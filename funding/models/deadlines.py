"""Deadline rules (Kompendium Tabelle 3 as data) and the obligations they generate for agencies and districts.

A rule says: this document kind is owed by each agency (or by the district association) on day/month of a year
that is computed from the phase or the funding year, first to the district association, then to the funding
authority. An obligation is one such debt with its due dates and a state that follows its document.
"""

import calendar
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, DistrictAssociation
from funding.models.phases import DocumentKind, FundingPhase

# Documents an agency writes in Agenturnetz (planning: analysis, task plan, Sachbericht; reporting: the
# Online-Controlling report; finance: the Mittel-Controlling); their obligations follow the document's workflow, so
# the coordination cannot mark them by hand. Every other kind is marked fulfilled by the coordination (date +
# attachment).
DOCUMENT_BACKED_KINDS = frozenset(
    {
        DocumentKind.SOCIAL_SPACE_ANALYSIS,
        DocumentKind.TASK_PLAN,
        DocumentKind.ACTIVITY_REPORT,
        DocumentKind.CONTROLLING_REPORT,
        DocumentKind.SPENDING_FORECAST,
    }
)


class Debtor(models.TextChoices):
    AGENCY = "agency", _("jede Integrationsagentur")
    DISTRICT = "district", _("der Bezirksverband")


class Anchor(models.TextChoices):
    YEAR = "year", _("je Förderjahr")
    PHASE_START = "phase_start", _("einmal je Phase, ab dem ersten Förderjahr")
    PHASE_END = "phase_end", _("einmal je Phase, ab dem letzten Förderjahr")


class YearSelection(models.TextChoices):
    ALL = "all", _("jedes Förderjahr")
    FIRST = "first", _("nur das erste Förderjahr")
    ALL_BUT_LAST = "all_but_last", _("jedes Förderjahr außer dem letzten")
    LAST = "last", _("nur das letzte Förderjahr")


class Tier(models.TextChoices):
    DISTRICT = "district", _("Bezirksverband")
    AUTHORITY = "authority", _("Bewilligungsbehörde")


def clamped_date(year: int, month: int, day: int) -> date:
    """29.02. in a year without leap day becomes 28.02.; every other valid day/month stays as it is."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def validate_day_of_month(month: int | None, day: int | None, field: str) -> None:
    if month is None or day is None:
        return
    if day > calendar.monthrange(2024, month)[1]:  # 2024: a leap year, so 29.02. is allowed
        raise ValidationError({field: _("Diesen Tag gibt es im gewählten Monat nicht.")})


class DeadlineRule(models.Model):
    """One line of Tabelle 3 for one district association in one phase. Coordinators edit their district's rules;
    a change moves the due dates of obligations that are still ahead, never those already due."""

    phase = models.ForeignKey(
        FundingPhase, on_delete=models.CASCADE, related_name="deadline_rules", verbose_name=_("Förderphase")
    )
    district = models.ForeignKey(
        DistrictAssociation,
        on_delete=models.CASCADE,
        related_name="deadline_rules",
        verbose_name=_("Bezirksverband"),
    )
    document_kind = models.CharField(_("Unterlage"), max_length=40, choices=DocumentKind.choices)
    debtor = models.CharField(
        _("Wer schuldet die Unterlage?"),
        max_length=10,
        choices=Debtor.choices,
        default=Debtor.AGENCY,
        help_text=_(
            "Jede Agentur reicht ihre eigene Unterlage ein, oder der Bezirksverband reicht eine gemeinsame "
            "Unterlage für alle Agenturen ein (z. B. Gesamtantrag, Verwendungsnachweis)."
        ),
    )
    anchor = models.CharField(
        _("Bezug"),
        max_length=12,
        choices=Anchor.choices,
        default=Anchor.YEAR,
        help_text=_("Ob die Unterlage für jedes Förderjahr fällig ist oder nur einmal in der Förderphase."),
    )
    years = models.CharField(
        _("Für welche Förderjahre?"),
        max_length=12,
        choices=YearSelection.choices,
        default=YearSelection.ALL,
        help_text=_("Nur bei Bezug „je Förderjahr“: z. B. der Zwischenverwendungsnachweis nur nach dem ersten Jahr."),
    )
    year_offset = models.SmallIntegerField(
        _("Jahresversatz"),
        default=0,
        validators=[MinValueValidator(-2), MaxValueValidator(2)],
        help_text=_(
            "In welchem Jahr die Frist liegt, gezählt vom Förderjahr: 0 = im Förderjahr selbst, 1 = im "
            "Folgejahr (z. B. Sachbericht), -1 = im Vorjahr (z. B. Aufgabenplanung für das kommende Jahr)."
        ),
    )
    district_month = models.PositiveSmallIntegerField(
        _("Frist Bezirksverband: Monat"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    district_day = models.PositiveSmallIntegerField(
        _("Frist Bezirksverband: Tag"),
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("Bis zu diesem Tag muss die Unterlage beim Bezirksverband eingegangen sein."),
    )
    authority_month = models.PositiveSmallIntegerField(
        _("Frist Bewilligungsbehörde: Monat"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    authority_day = models.PositiveSmallIntegerField(
        _("Frist Bewilligungsbehörde: Tag"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_(
            "Bis zu diesem Tag leitet der Bezirksverband die Unterlage an die Bewilligungsbehörde weiter. "
            "Leer lassen, wenn die Unterlage beim Bezirksverband bleibt."
        ),
    )
    is_active = models.BooleanField(
        _("gilt"),
        default=True,
        help_text=_("Eine abgeschaltete Regel erzeugt keine neuen Abgabepflichten; künftige entfallen."),
    )
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        verbose_name = _("Fristregel")
        verbose_name_plural = _("Fristregeln")
        ordering = ["phase", "district", "district_month", "district_day", "document_kind"]
        constraints = [
            models.UniqueConstraint(fields=["phase", "district", "document_kind"], name="deadlinerule_unique_kind"),
            models.CheckConstraint(
                condition=models.Q(authority_month__isnull=True, authority_day__isnull=True)
                | models.Q(authority_month__isnull=False, authority_day__isnull=False),
                name="deadlinerule_authority_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_document_kind_display()} ({self.phase})"

    def clean(self):
        validate_day_of_month(self.district_month, self.district_day, "district_day")
        validate_day_of_month(self.authority_month, self.authority_day, "authority_day")
        if (self.authority_month is None) != (self.authority_day is None):
            raise ValidationError(
                {
                    "authority_day": _(
                        "Bitte geben Sie für die Bewilligungsbehörde Tag und Monat an – oder keins von beiden."
                    )
                }
            )
        if self.anchor != Anchor.YEAR and self.years != YearSelection.ALL:
            raise ValidationError(
                {"years": _("Die Auswahl der Förderjahre gilt nur für Unterlagen, die je Förderjahr fällig sind.")}
            )

    @property
    def has_authority_tier(self) -> bool:
        return self.authority_month is not None

    def reference_years(self, phase_years: list[int]) -> list[int]:
        """The funding years this rule creates an obligation for."""
        if not phase_years:
            return []
        if self.anchor == Anchor.PHASE_START:
            return [phase_years[0]]
        if self.anchor == Anchor.PHASE_END:
            return [phase_years[-1]]
        return {
            YearSelection.ALL: phase_years,
            YearSelection.FIRST: phase_years[:1],
            YearSelection.ALL_BUT_LAST: phase_years[:-1],
            YearSelection.LAST: phase_years[-1:],
        }[self.years]

    def due_dates(self, reference_year: int) -> tuple[date, date | None]:
        year = reference_year + self.year_offset
        district_due = clamped_date(year, self.district_month, self.district_day)
        authority_due = None
        if self.has_authority_tier:
            authority_due = clamped_date(year, self.authority_month, self.authority_day)
            if authority_due < district_due:  # e.g. 15.12. and 15.01.: the authority's date is in the next year
                authority_due = clamped_date(year + 1, self.authority_month, self.authority_day)
        return district_due, authority_due


class ObligationState(models.TextChoices):
    """Follows the document (core.workflow.State) from the moment it is submitted."""

    OPEN = "open", _("offen")
    SUBMITTED = "submitted", _("eingereicht")
    RETURNED = "returned", _("zurückgegeben")
    APPROVED = "approved", _("freigegeben")
    FORWARDED = "forwarded", _("weitergeleitet")


# How far each state has come; a document moves forward and back (returned) and the obligation follows it.
STATE_RANK = {
    ObligationState.OPEN: 0,
    ObligationState.RETURNED: 1,
    ObligationState.SUBMITTED: 2,
    ObligationState.APPROVED: 3,
    ObligationState.FORWARDED: 4,
}


class Obligation(models.Model):
    """Abgabepflicht: one agency (or the district association) owes one document for one funding year."""

    rule = models.ForeignKey(
        DeadlineRule, on_delete=models.CASCADE, related_name="obligations", verbose_name=_("Fristregel")
    )
    district = models.ForeignKey(
        DistrictAssociation, on_delete=models.CASCADE, related_name="obligations", verbose_name=_("Bezirksverband")
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="obligations",
        verbose_name=_("Integrationsagentur"),
        help_text=_("Leer, wenn der Bezirksverband selbst die Unterlage schuldet."),
    )
    document_kind = models.CharField(_("Unterlage"), max_length=40, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField(_("Förderjahr"))
    district_due = models.DateField(_("Frist Bezirksverband"))
    authority_due = models.DateField(_("Frist Bewilligungsbehörde"), null=True, blank=True)
    state = models.CharField(
        _("Stand"), max_length=10, choices=ObligationState.choices, default=ObligationState.OPEN, db_index=True
    )
    submitted_on = models.DateField(_("eingereicht am"), null=True, blank=True)
    approved_on = models.DateField(_("freigegeben am"), null=True, blank=True)
    forwarded_on = models.DateField(_("weitergeleitet am"), null=True, blank=True)
    cancelled_on = models.DateField(
        _("entfallen am"),
        null=True,
        blank=True,
        help_text=_("Gesetzt, wenn die Pflicht entfällt, z. B. weil die Agentur vorher schließt."),
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        verbose_name = _("Abgabepflicht")
        verbose_name_plural = _("Abgabepflichten")
        ordering = ["district_due", "document_kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "agency", "year"],
                condition=models.Q(agency__isnull=False),
                name="obligation_unique_per_agency",
            ),
            models.UniqueConstraint(
                fields=["rule", "district", "year"],
                condition=models.Q(agency__isnull=True),
                name="obligation_unique_per_district",
            ),
        ]
        indexes = [
            models.Index(fields=["district", "year"]),
            models.Index(fields=["agency", "document_kind", "year"]),
            models.Index(fields=["district_due"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_document_kind_display()} {self.year} – {self.debtor_name}"

    def get_absolute_url(self) -> str:
        return reverse("funding:obligation", args=[self.pk])

    @property
    def debtor_name(self) -> str:
        return self.agency.name if self.agency_id else self.district.name

    @property
    def is_manual(self) -> bool:
        """The coordination marks it fulfilled (no Agenturnetz document exists for this kind)."""
        return self.document_kind not in DOCUMENT_BACKED_KINDS

    @property
    def is_fulfilled(self) -> bool:
        if self.authority_due is None:
            return self.state in (ObligationState.APPROVED, ObligationState.FORWARDED)
        return self.state == ObligationState.FORWARDED

    def next_due(self) -> tuple[str, date] | None:
        """The tier whose step is still missing, and its date."""
        if self.cancelled_on or self.is_fulfilled:
            return None
        if self.submitted_on is None:
            return Tier.DISTRICT, self.district_due
        if self.authority_due is not None:
            return Tier.AUTHORITY, self.authority_due
        return Tier.DISTRICT, self.district_due

    def overdue_tier(self, today: date) -> str:
        """ "district" or "authority" when that tier's date has passed without its step, else ""."""
        if self.cancelled_on or self.is_fulfilled:
            return ""
        if self.submitted_on is None and today > self.district_due:
            return Tier.DISTRICT
        if self.authority_due is not None and today > self.authority_due:
            return Tier.AUTHORITY
        return ""

    def days_left(self, today: date) -> int | None:
        due = self.next_due()
        return (due[1] - today).days if due else None


class ObligationEvent(models.Model):
    """The history of an obligation: who changed what when, and why. Rows are only ever added."""

    class Action(models.TextChoices):
        CREATED = "created", _("angelegt")
        DUE_CHANGED = "due_changed", _("Frist geändert")
        PROGRESS = "progress", _("Dokument hat den Stand gewechselt")
        FULFILLED = "fulfilled", _("als erledigt vermerkt")
        MISSED = "missed", _("Frist versäumt")
        CANCELLED = "cancelled", _("entfallen")
        RESTORED = "restored", _("wieder fällig")

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("Vorgang"), max_length=12, choices=Action.choices)
    tier = models.CharField(_("Stufe"), max_length=10, choices=Tier.choices, blank=True)
    from_state = models.CharField(_("von"), max_length=10, choices=ObligationState.choices, blank=True)
    to_state = models.CharField(_("nach"), max_length=10, choices=ObligationState.choices, blank=True)
    effective_on = models.DateField(_("Datum"), null=True, blank=True)
    note = models.TextField(_("Bemerkung"), blank=True)
    attachment = models.FileField(_("Anlage"), upload_to="funding/obligations/%Y/", blank=True)
    attachment_name = models.CharField(_("Dateiname"), max_length=200, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("durch"),
    )
    at = models.DateTimeField(_("am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Vorgang zur Abgabepflicht")
        verbose_name_plural = _("Vorgänge zu Abgabepflichten")
        ordering = ["at", "pk"]
        constraints = [
            # A missed deadline is recorded once per tier, however often the late-marking runs.
            models.UniqueConstraint(
                fields=["obligation", "tier"],
                condition=models.Q(action="missed"),
                name="obligationevent_missed_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.at:%d.%m.%Y})"

    def get_attachment_url(self) -> str:
        return reverse("funding:attachment", args=[self.obligation_id, self.pk])


class DeadlineRuleChange(models.Model):
    """Audit row of a rule edit: who changed which values when, and why."""

    rule = models.ForeignKey(DeadlineRule, on_delete=models.CASCADE, related_name="changes")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("durch")
    )
    at = models.DateTimeField(_("am"), auto_now_add=True)
    changes = models.JSONField(_("Änderungen"), default=dict)
    reason = models.TextField(_("Grund"), blank=True)
    moved_obligations = models.PositiveIntegerField(_("verschobene Abgabepflichten"), default=0)

    class Meta:
        verbose_name = _("Änderung einer Fristregel")
        verbose_name_plural = _("Änderungen von Fristregeln")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.rule} ({self.at:%d.%m.%Y})"
