"""Aufgabenplanung: tasks per funding year, each with goal, measurable sub-goals, measures and partners."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import FieldOfAction, PartnerOrganisation, StaffMember
from funding.models import DocumentKind
from planning.models.analysis import Need
from planning.models.base import OrderedRow, PlanningDocument

MONTHS = [
    (1, _("Januar")),
    (2, _("Februar")),
    (3, _("März")),
    (4, _("April")),
    (5, _("Mai")),
    (6, _("Juni")),
    (7, _("Juli")),
    (8, _("August")),
    (9, _("September")),
    (10, _("Oktober")),
    (11, _("November")),
    (12, _("Dezember")),
]


class TaskPlan(PlanningDocument):
    class AmendmentKind(models.TextChoices):
        MINOR = "minor", _("geringfügige Anpassung")
        FUNDAMENTAL = "fundamental", _("grundsätzliche Änderung")

    DOCUMENT_KIND = DocumentKind.TASK_PLAN
    URL_KIND = "aufgabenplanung"

    sequence = models.PositiveSmallIntegerField(
        _("Fassung"), default=1, help_text=_("1 ist die ursprüngliche Planung, jede Änderung zählt weiter.")
    )
    amendment_of = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amended_by",
        verbose_name=_("ändert die Fassung"),
    )
    amendment_kind = models.CharField(
        _("Art der Änderung"),
        max_length=20,
        choices=AmendmentKind.choices,
        blank=True,
        help_text=_(
            "Geringfügig: nach Rücksprache mit der Koordination, die sie zur Kenntnis nimmt. Grundsätzlich: "
            "die Planung ändert sich im Kern und muss der Bewilligungsbehörde erneut mitgeteilt werden."
        ),
    )
    amendment_reason = models.TextField(_("Anlass der Änderung"), blank=True)

    class Meta:
        verbose_name = _("Aufgabenplanung")
        verbose_name_plural = _("Aufgabenplanungen")
        ordering = ["agency", "-year", "-sequence"]
        constraints = [models.UniqueConstraint(fields=["agency", "year", "sequence"], name="taskplan_unique_sequence")]
        indexes = [models.Index(fields=["state", "submitted_at"])]

    def __str__(self) -> str:
        suffix = f" ({self.sequence}. Fassung)" if self.sequence > 1 else ""
        return f"Aufgabenplanung {self.agency.name} {self.year}{suffix}"

    @property
    def is_amendment(self) -> bool:
        return self.amendment_of_id is not None

    @property
    def must_be_forwarded(self) -> bool:
        """A minor amendment is acknowledged by the coordination; everything else goes to the funding authority."""
        return self.amendment_kind != self.AmendmentKind.MINOR


class Task(OrderedRow):
    """Aufgabe: a theme or problem worked on during the year – not a single event."""

    plan = models.ForeignKey(TaskPlan, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(
        _("Thema der Aufgabe"),
        max_length=200,
        help_text=_("Ein Thema oder eine Problemlage, an der Sie das Jahr über arbeiten – keine Einzelveranstaltung."),
    )
    field_of_action = models.ForeignKey(
        FieldOfAction, on_delete=models.PROTECT, related_name="+", verbose_name=_("Handlungsfeld")
    )
    needs = models.ManyToManyField(
        Need,
        blank=True,
        related_name="tasks",
        verbose_name=_("bezieht sich auf die Handlungsbedarfe"),
        help_text=_("Mindestens ein Handlungsbedarf aus Ihrer aktuellen Sozialraumanalyse."),
    )
    rationale = models.TextField(
        _("Anlass/Begründung"),
        help_text=_("Welche Erkenntnisse der Analyse führen zu dieser Aufgabe? Beziehen Sie sich auf die Bedarfe."),
    )
    goal = models.TextField(_("Übergeordnetes Ziel"), help_text=_("Was soll sich durch die Aufgabe verändern?"))
    partners = models.TextField(
        _("Kooperationspartner"), blank=True, help_text=_("Mit wem setzen Sie die Aufgabe um und wofür?")
    )
    partner_organisations = models.ManyToManyField(
        PartnerOrganisation, blank=True, related_name="+", verbose_name=_("Partner aus dem Verzeichnis")
    )
    # The task of the earlier version this one continues (amendments keep the earlier version untouched).
    origin = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta(OrderedRow.Meta):
        verbose_name = _("Aufgabe")
        verbose_name_plural = _("Aufgaben")

    def __str__(self) -> str:
        return self.title

    @property
    def section_key(self) -> str:
        return f"task-{self.pk}"


class SubGoal(OrderedRow):
    """Teilziel: measurable (indicator + target value + unit) or with an explicit qualitative success criterion."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="sub_goals")
    description = models.CharField(_("Teilziel"), max_length=300)
    indicator = models.CharField(
        _("Indikator"), max_length=200, blank=True, help_text=_("Woran messen Sie das Teilziel? z. B. Teilnehmende")
    )
    target_value = models.DecimalField(_("Zielwert"), max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("Einheit"), max_length=40, blank=True, help_text=_("z. B. Personen, Termine, %"))
    qualitative_criterion = models.TextField(
        _("Qualitatives Erfolgskriterium"),
        blank=True,
        help_text=_("Nur wenn sich das Teilziel nicht zählen lässt: woran erkennen Sie, dass es erreicht ist?"),
    )
    origin = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta(OrderedRow.Meta):
        verbose_name = _("Teilziel")
        verbose_name_plural = _("Teilziele")

    def __str__(self) -> str:
        return self.description

    @property
    def is_quantitative(self) -> bool:
        return bool(self.indicator and self.target_value is not None and self.unit)

    def clean(self):
        measurable = bool(self.indicator) and self.target_value is not None and bool(self.unit)
        partly = bool(self.indicator) or self.target_value is not None or bool(self.unit)
        if measurable or self.qualitative_criterion.strip():
            return
        if partly:
            missing = {}
            message = _("Für ein messbares Teilziel brauchen Sie Indikator, Zielwert und Einheit.")
            if not self.indicator:
                missing["indicator"] = message
            if self.target_value is None:
                missing["target_value"] = message
            if not self.unit:
                missing["unit"] = message
            raise ValidationError(missing)
        raise ValidationError(
            _(
                "Das Teilziel „%(goal)s“ ist nicht überprüfbar: Bitte geben Sie Indikator, Zielwert und Einheit an "
                "oder beschreiben Sie ein qualitatives Erfolgskriterium."
            )
            % {"goal": self.description}
        )


class Measure(OrderedRow):
    """Maßnahme: how the sub-goals are reached, on the year's timeline (months; a quarter is three months)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="measures")
    description = models.TextField(_("Maßnahme/Methode"))
    start_month = models.PositiveSmallIntegerField(_("von Monat"), choices=MONTHS)
    end_month = models.PositiveSmallIntegerField(
        _("bis Monat"), choices=MONTHS, help_text=_("Für ein Quartal: z. B. Januar bis März.")
    )
    responsible = models.ForeignKey(
        StaffMember,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verantwortliche Fachkraft"),
    )
    origin = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta(OrderedRow.Meta):
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")

    def __str__(self) -> str:
        return self.description[:80]

    def clean(self):
        if self.start_month and self.end_month and self.end_month < self.start_month:
            raise ValidationError({"end_month": _("Der letzte Monat darf nicht vor dem ersten liegen.")})

    @property
    def period_label(self) -> str:
        quarters = {(1, 3): "1. Quartal", (4, 6): "2. Quartal", (7, 9): "3. Quartal", (10, 12): "4. Quartal"}
        if (self.start_month, self.end_month) in quarters:
            return quarters[(self.start_month, self.end_month)]
        if self.start_month == self.end_month:
            return self.get_start_month_display()
        return f"{self.get_start_month_display()} – {self.get_end_month_display()}"
