"""Online-Controlling (Kompendium 3.5 (4)): a versioned template per funding phase with questions and key-figure
definitions, and one ControllingReport per agency and funding year that goes through the shared workflow.

Key figures keep their `code` across template versions and phases, so the years of one figure compare."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.workflow import Submittable
from funding.models import DocumentKind
from reporting.models.surveys import QuestionKind, validate_key


class Source(models.TextChoices):
    """Where Agenturnetz takes a prefilled value from."""

    MANUAL = "", _("keine Vorbefüllung (Eingabe durch die Agentur)")
    PLAN_TASKS = "plan_tasks", _("Aufgabenplanung: Anzahl der Aufgaben")
    PLAN_SUB_GOALS = "plan_sub_goals", _("Aufgabenplanung: Anzahl der Teilziele")
    PLAN_MEASURES = "plan_measures", _("Aufgabenplanung: Anzahl der Maßnahmen")
    PLAN_TASK_TITLES = "plan_task_titles", _("Aufgabenplanung: Titel der Aufgaben (Text)")
    PLAN_FIELDS = "plan_fields", _("Aufgabenplanung: bearbeitete Handlungsfelder (Auswahl)")
    REPORT_REACHED = "report_reached", _("Sachbericht: Teilziele erreicht")
    REPORT_PARTLY = "report_partly", _("Sachbericht: Teilziele teilweise erreicht")
    REPORT_NOT = "report_not", _("Sachbericht: Teilziele nicht erreicht")
    REGISTRY_FTE = "registry_fte", _("Agenturverzeichnis: besetzte Stellen (VZÄ) zum Jahresende")
    REGISTRY_HEADS = "registry_heads", _("Agenturverzeichnis: Zahl der Fachkräfte zum Jahresende")
    COOPERATION_PARTNERS = "cooperation_partners", _("Kooperationsnetz: Zahl der Kooperationspartner")
    COOPERATION_AGENCIES = "cooperation_agencies", _("Kooperationsnetz: kooperierende Integrationsagenturen")


# Sources whose value is a number (key figures); the others prefill questions.
NUMBER_SOURCES = frozenset(Source.values) - {Source.PLAN_TASK_TITLES, Source.PLAN_FIELDS}
# Sources that can be broken down by field of action (the plan's tasks carry one).
BREAKDOWN_SOURCES = frozenset(
    {
        Source.PLAN_TASKS,
        Source.PLAN_SUB_GOALS,
        Source.PLAN_MEASURES,
        Source.REPORT_REACHED,
        Source.REPORT_PARTLY,
        Source.REPORT_NOT,
    }
)
ACHIEVEMENT_SOURCES = (Source.REPORT_REACHED, Source.REPORT_PARTLY, Source.REPORT_NOT)


class ControllingTemplate(models.Model):
    """One version of the controlling template of a funding phase. A published version is frozen; changes are
    made in a new version. Reports are written on the newest published version of their year's phase."""

    phase = models.ForeignKey(
        "funding.FundingPhase",
        on_delete=models.PROTECT,
        related_name="controlling_templates",
        verbose_name=_("Förderphase"),
    )
    version = models.PositiveSmallIntegerField(_("Version"), default=1)
    title = models.CharField(_("Titel"), max_length=200, default=_("Online-Controlling"))
    introduction = models.TextField(
        _("Einleitung"), blank=True, help_text=_("Wird den Agenturen über dem Berichtsformular angezeigt.")
    )
    deviation_percent = models.PositiveSmallIntegerField(
        _("Abweichung vom Vorjahr, ab der eine Erläuterung nötig ist (in %)"),
        default=50,
        help_text=_("Weicht eine Kennzahl um mehr als diesen Anteil vom Vorjahreswert ab, erläutert die Agentur das."),
    )
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Controlling-Vorlage")
        verbose_name_plural = _("Controlling-Vorlagen")
        ordering = ["-phase__starts_on", "-version"]
        constraints = [models.UniqueConstraint(fields=["phase", "version"], name="controlling_template_version")]

    def __str__(self) -> str:
        return f"{self.title} {self.phase} – Version {self.version}"

    def get_absolute_url(self) -> str:
        return reverse("reporting:controlling_template", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class ControllingQuestion(models.Model):
    """A structured question of the report; the kinds are the survey's question kinds."""

    template = models.ForeignKey(ControllingTemplate, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(
        _("Schlüssel"),
        max_length=40,
        validators=[validate_key],
        help_text=_("Bleibt über Jahre und Vorlagenversionen gleich, damit Antworten vergleichbar bleiben."),
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    text = models.CharField(_("Frage"), max_length=300)
    help_text = models.CharField(_("Erläuterung"), max_length=500, blank=True)
    kind = models.CharField(
        _("Art"),
        max_length=10,
        choices=[choice for choice in QuestionKind.choices if choice[0] != QuestionKind.AGENCY],
    )
    options = models.TextField(
        _("Antwortmöglichkeiten"),
        blank=True,
        help_text=_("Nur bei Auswahlfragen: eine Antwort je Zeile als „schluessel|Text“, z. B. „ja|ja“."),
    )
    required = models.BooleanField(_("Pflichtfrage"), default=False)
    source = models.CharField(_("Vorbefüllung aus"), max_length=30, choices=Source.choices, blank=True)

    class Meta:
        verbose_name = _("Controlling-Frage")
        verbose_name_plural = _("Controlling-Fragen")
        ordering = ["template", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="controlling_question_code")]

    def __str__(self) -> str:
        return self.text

    def option_list(self) -> list[tuple[str, str]]:
        if self.kind == QuestionKind.YES_NO:
            return [("ja", str(_("ja"))), ("nein", str(_("nein")))]
        result = []
        for line in self.options.splitlines():
            if line.strip():
                key, _sep, label = line.partition("|")
                result.append((key.strip(), (label or key).strip()))
        return result

    def clean(self):
        errors = {}
        if self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            options = self.option_list()
            if not options:
                errors["options"] = _("Bitte nennen Sie mindestens eine Antwortmöglichkeit.")
            for key, _label in options:
                try:
                    validate_key(key)
                except ValidationError:
                    errors["options"] = _(
                        "„%(key)s“ ist kein gültiger Schlüssel (Kleinbuchstaben, Ziffern, _ und -)."
                    ) % {"key": key}
        elif self.options.strip():
            errors["options"] = _("Antwortmöglichkeiten gibt es nur bei Einfach- und Mehrfachauswahl.")
        if self.source:
            fits = {
                Source.PLAN_TASK_TITLES: self.kind == QuestionKind.TEXT,
                Source.PLAN_FIELDS: self.kind == QuestionKind.MULTIPLE,
            }.get(self.source, self.kind == QuestionKind.NUMBER)
            if not fits:
                errors["source"] = _("Diese Vorbefüllung passt nicht zur Art der Frage.")
        if errors:
            raise ValidationError(errors)


class KeyFigure(models.Model):
    """Kennzahl: a figure every agency reports per year, optionally broken down by field of action."""

    class NumberKind(models.TextChoices):
        INTEGER = "integer", _("ganze Zahl")
        DECIMAL = "decimal", _("Dezimalzahl (zwei Nachkommastellen)")

    template = models.ForeignKey(ControllingTemplate, on_delete=models.CASCADE, related_name="key_figures")
    code = models.CharField(
        _("Kennzahl-Code"),
        max_length=40,
        validators=[validate_key],
        help_text=_(
            "Bleibt über Jahre und Förderphasen gleich (z. B. „teilnehmende“): Über den Code werden die Jahre "
            "einer Kennzahl verglichen."
        ),
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    label = models.CharField(_("Bezeichnung"), max_length=200)
    unit = models.CharField(_("Einheit"), max_length=40, help_text=_("z. B. Personen, Veranstaltungen, VZÄ"))
    number_kind = models.CharField(
        _("Zahlenart"), max_length=10, choices=NumberKind.choices, default=NumberKind.INTEGER
    )
    help_text = models.CharField(_("Erläuterung für die Agenturen"), max_length=500, blank=True)
    by_field_of_action = models.BooleanField(
        _("nach Handlungsfeldern aufteilen"),
        default=False,
        help_text=_("Die Agentur gibt zusätzlich zur Gesamtzahl die Werte je Handlungsfeld an; sie ergeben die Summe."),
    )
    source = models.CharField(_("Vorbefüllung aus"), max_length=30, choices=Source.choices, blank=True)

    class Meta:
        verbose_name = _("Kennzahl")
        verbose_name_plural = _("Kennzahlen")
        ordering = ["template", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="key_figure_code")]

    def __str__(self) -> str:
        return f"{self.label} ({self.unit})"

    @property
    def is_integer(self) -> bool:
        return self.number_kind == self.NumberKind.INTEGER

    @property
    def places(self) -> int:
        return 0 if self.is_integer else 2

    def clean(self):
        errors = {}
        if self.source and self.source not in NUMBER_SOURCES:
            errors["source"] = _("Diese Vorbefüllung liefert keine Zahl.")
        if self.by_field_of_action and self.source and self.source not in BREAKDOWN_SOURCES:
            errors["by_field_of_action"] = _("Diese Quelle kennt keine Handlungsfelder; bitte ohne Aufteilung anlegen.")
        if self.source == Source.REGISTRY_FTE and self.is_integer:
            errors["number_kind"] = _("VZÄ sind Dezimalzahlen.")
        if errors:
            raise ValidationError(errors)


class ControllingReport(Submittable):
    """The yearly controlling report of one agency (Online-Controlling)."""

    DOCUMENT_KIND = DocumentKind.CONTROLLING_REPORT

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="controlling_reports", verbose_name=_("Agentur")
    )
    year = models.PositiveSmallIntegerField(_("Förderjahr"))
    template = models.ForeignKey(
        ControllingTemplate, on_delete=models.PROTECT, related_name="reports", verbose_name=_("Vorlage")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("angelegt von")
    )
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Online-Controlling")
        verbose_name_plural = _("Online-Controlling-Berichte")
        ordering = ["-year", "agency__name"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="controlling_report_per_year")]
        indexes = [models.Index(fields=["year", "state"])]

    def __str__(self) -> str:
        return f"Online-Controlling {self.agency.name} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("reporting:controlling_report", args=[self.pk])

    def workflow_label(self) -> str:
        return str(self)

    def snapshot(self) -> dict:
        from reporting.services.controlling_content import snapshot

        return snapshot(self)


class ValueStatus(models.TextChoices):
    PREFILLED = "prefilled", _("übernommen, noch nicht bestätigt")
    CONFIRMED = "confirmed", _("bestätigt")
    CORRECTED = "corrected", _("korrigiert")
    ENTERED = "entered", _("eingegeben")


class KeyFigureValue(models.Model):
    """One value of one key figure in one report: the total (field_of_action empty) or one field's share."""

    report = models.ForeignKey(ControllingReport, on_delete=models.CASCADE, related_name="values")
    figure = models.ForeignKey(KeyFigure, on_delete=models.PROTECT, related_name="values")
    field_of_action = models.ForeignKey(
        "agencies.FieldOfAction", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    value = models.DecimalField(_("Wert"), max_digits=14, decimal_places=2, null=True, blank=True)
    prefilled_value = models.DecimalField(
        _("übernommener Wert"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    source_label = models.CharField(_("Herkunft"), max_length=200, blank=True)
    status = models.CharField(_("Stand"), max_length=12, choices=ValueStatus.choices, default=ValueStatus.ENTERED)
    explanation = models.TextField(_("Erläuterung"), blank=True)

    class Meta:
        verbose_name = _("Wert einer Kennzahl")
        verbose_name_plural = _("Werte der Kennzahlen")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "figure", "field_of_action"], name="key_figure_value_unique", nulls_distinct=False
            )
        ]
        indexes = [models.Index(fields=["figure", "field_of_action"])]

    def __str__(self) -> str:
        return f"{self.figure.code}: {self.value}"

    @property
    def is_total(self) -> bool:
        return self.field_of_action_id is None

    @property
    def needs_confirmation(self) -> bool:
        return self.status == ValueStatus.PREFILLED


class ControllingAnswer(models.Model):
    """The answer to one question of one report."""

    report = models.ForeignKey(ControllingReport, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(ControllingQuestion, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(_("Text"), blank=True)
    number = models.DecimalField(_("Zahl"), max_digits=14, decimal_places=2, null=True, blank=True)
    option_keys = models.JSONField(_("gewählte Antworten"), default=list, blank=True)
    source_label = models.CharField(_("Herkunft"), max_length=200, blank=True)
    status = models.CharField(_("Stand"), max_length=12, choices=ValueStatus.choices, default=ValueStatus.ENTERED)

    class Meta:
        verbose_name = _("Antwort im Online-Controlling")
        verbose_name_plural = _("Antworten im Online-Controlling")
        constraints = [models.UniqueConstraint(fields=["report", "question"], name="controlling_answer_unique")]

    def __str__(self) -> str:
        return f"{self.question.code}"

    @property
    def is_empty(self) -> bool:
        return not self.text.strip() and self.number is None and not self.option_keys


class ControllingLogEntry(models.Model):
    """Audit trail of templates and report contents outside the workflow (creation, prefill, save, publish)."""

    class Action(models.TextChoices):
        TEMPLATE_CREATED = "template_created", _("Vorlage angelegt")
        TEMPLATE_CHANGED = "template_changed", _("Vorlage geändert")
        TEMPLATE_PUBLISHED = "template_published", _("Vorlage veröffentlicht")
        REPORT_CREATED = "report_created", _("Bericht angelegt und vorbefüllt")
        REPORT_SAVED = "report_saved", _("Bericht gespeichert")

    template = models.ForeignKey(
        ControllingTemplate, on_delete=models.CASCADE, null=True, blank=True, related_name="log"
    )
    report = models.ForeignKey(ControllingReport, on_delete=models.CASCADE, null=True, blank=True, related_name="log")
    action = models.CharField(_("Aktion"), max_length=24, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True)
    note = models.TextField(_("Anmerkung"), blank=True)

    class Meta:
        verbose_name = _("Protokolleintrag Online-Controlling")
        verbose_name_plural = _("Protokolleinträge Online-Controlling")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return self.get_action_display()
