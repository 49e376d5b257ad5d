"""Surveys across agencies: a survey, its questions and options, the snapshot of its audience, reminders, log."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
BIN_PATTERN = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+)\s*)?$")


def validate_key(value: str) -> None:
    if not KEY_PATTERN.match(value or ""):
        raise ValidationError(
            _("Bitte nur Kleinbuchstaben, Ziffern, Binde- und Unterstriche verwenden (z. B. „art_kooperation“).")
        )


def parse_bins(text: str) -> list[tuple[int, int]]:
    """'0, 1, 2, 3, 4-6, 7-10' → [(0, 0), (1, 1), (2, 2), (3, 3), (4, 6), (7, 10)]. Raises ValidationError."""
    bins: list[tuple[int, int]] = []
    for part in (text or "").split(","):
        if not part.strip():
            continue
        match = BIN_PATTERN.match(part)
        if not match:
            raise ValidationError(
                _("„%(part)s“ ist keine gültige Klasse. Schreiben Sie z. B. „0, 1, 2, 3, 4-6, 7-10“."),
                params={"part": part.strip()},
            )
        low = int(match.group(1))
        high = int(match.group(2)) if match.group(2) else low
        if high < low or (bins and low <= bins[-1][1]):
            raise ValidationError(_("Die Klassen müssen aufsteigend sein und dürfen sich nicht überschneiden."))
        bins.append((low, high))
    return bins


def parse_days(text: str) -> list[int]:
    """'14, 7, 1' → [14, 7, 1] (days before closing, descending, each at most 365)."""
    days: set[int] = set()
    for part in (text or "").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or not 0 <= int(part) <= 365:
            raise ValidationError(
                _("„%(part)s“ ist keine Tageszahl zwischen 0 und 365."),
                params={"part": part},
            )
        days.add(int(part))
    return sorted(days, reverse=True)


class SurveyState(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    OPEN = "open", _("Läuft")
    CLOSED = "closed", _("Abgeschlossen")


class Audience(models.TextChoices):
    DISTRICT = "district", _("Agenturen eines Bezirksverbands")
    ASSOCIATION = "association", _("Agenturen eines Spitzenverbands")
    ALL = "all", _("alle Integrationsagenturen")


class QuestionKind(models.TextChoices):
    YES_NO = "yes_no", _("Ja/Nein")
    SINGLE = "single", _("Einfachauswahl")
    MULTIPLE = "multiple", _("Mehrfachauswahl")
    NUMBER = "number", _("Zahl")
    TEXT = "text", _("Freitext")
    AGENCY = "agency", _("Auswahl von Integrationsagenturen")


CHOICE_KINDS = frozenset({QuestionKind.YES_NO, QuestionKind.SINGLE, QuestionKind.MULTIPLE})
YES_NO_OPTIONS = (("ja", _("ja")), ("nein", _("nein")))


class Survey(models.Model):
    """One edition of a survey. Editions of the same series share `series` and the keys of their questions."""

    series = models.SlugField(
        _("Reihe"),
        max_length=60,
        help_text=_(
            "Kurzer Schlüssel, den alle Ausgaben derselben Umfrage teilen (z. B. „kooperation“). "
            "Über ihn vergleicht der Bericht eine Ausgabe mit früheren."
        ),
    )
    edition = models.CharField(_("Ausgabe"), max_length=40, help_text=_("Zum Beispiel das Jahr: „2025“."))
    title = models.CharField(_("Titel"), max_length=200)
    introduction = models.TextField(
        _("Einleitung"), blank=True, help_text=_("Wird den Agenturen über dem Fragebogen angezeigt.")
    )
    owner_district = models.ForeignKey(
        "agencies.DistrictAssociation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_surveys",
        verbose_name=_("verantwortlicher Bezirksverband"),
        help_text=_("Leer: die Landesebene (Fachausschuss) ist verantwortlich."),
    )
    audience = models.CharField(_("Zielgruppe"), max_length=20, choices=Audience.choices, default=Audience.DISTRICT)
    audience_district = models.ForeignKey(
        "agencies.DistrictAssociation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Bezirksverband der Zielgruppe"),
    )
    audience_association = models.ForeignKey(
        "agencies.WelfareAssociation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Spitzenverband der Zielgruppe"),
    )
    opens_on = models.DateField(_("Beginn"))
    closes_on = models.DateField(_("Antwortfrist"))
    reminder_days = models.CharField(
        _("Erinnerungen (Tage vor der Frist)"),
        max_length=60,
        blank=True,
        default="7, 1",
        help_text=_(
            "Kommagetrennt, z. B. „14, 7, 1“. Erinnert werden nur Agenturen, die noch nicht geantwortet haben."
        ),
    )
    state = models.CharField(_("Status"), max_length=10, choices=SurveyState.choices, default=SurveyState.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("angelegt von")
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    launched_at = models.DateTimeField(_("gestartet am"), null=True, blank=True)
    closed_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Umfrage")
        verbose_name_plural = _("Umfragen")
        ordering = ["-opens_on", "title"]
        constraints = [models.UniqueConstraint(fields=["series", "edition"], name="survey_unique_edition")]

    def __str__(self) -> str:
        return f"{self.title} ({self.edition})"

    def get_absolute_url(self) -> str:
        return reverse("reporting:survey", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.state == SurveyState.DRAFT

    @property
    def is_open(self) -> bool:
        return self.state == SurveyState.OPEN

    @property
    def is_launched(self) -> bool:
        return self.state != SurveyState.DRAFT

    @property
    def reminder_steps(self) -> list[int]:
        return parse_days(self.reminder_days)

    def clean(self):
        errors = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("Die Antwortfrist darf nicht vor dem Beginn liegen.")
        if self.audience == Audience.DISTRICT and not self.audience_district_id:
            errors["audience_district"] = _("Bitte wählen Sie den Bezirksverband, dessen Agenturen antworten sollen.")
        if self.audience == Audience.ASSOCIATION and not self.audience_association_id:
            errors["audience_association"] = _(
                "Bitte wählen Sie den Spitzenverband, dessen Agenturen antworten sollen."
            )
        try:
            parse_days(self.reminder_days)
        except ValidationError as error:
            errors["reminder_days"] = error.messages
        if errors:
            raise ValidationError(errors)


class SurveyTarget(models.Model):
    """Snapshot of the audience taken at launch: rate, reminders and report refer to this list."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="targets")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="survey_targets")

    class Meta:
        verbose_name = _("befragte Agentur")
        verbose_name_plural = _("befragte Agenturen")
        constraints = [models.UniqueConstraint(fields=["survey", "agency"], name="survey_target_unique")]

    def __str__(self) -> str:
        return f"{self.agency} – {self.survey}"


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("Umfrage"))
    key = models.CharField(
        _("Schlüssel"),
        max_length=40,
        validators=[validate_key],
        help_text=_("Bleibt über Ausgaben gleich, damit der Bericht vergleichen kann; Spaltenname beim Import."),
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    text = models.CharField(_("Frage"), max_length=300)
    help_text = models.CharField(_("Erläuterung"), max_length=500, blank=True)
    kind = models.CharField(_("Art"), max_length=10, choices=QuestionKind.choices)
    required = models.BooleanField(_("Pflichtfrage"), default=False)
    allow_other = models.BooleanField(
        _("„Sonstiges“ mit Freitext"), default=False, help_text=_("Nur bei Einfach- und Mehrfachauswahl.")
    )
    bins = models.CharField(
        _("Klassen für den Bericht"),
        max_length=100,
        blank=True,
        help_text=_("Nur bei Zahlen und Agenturauswahl, z. B. „0, 1, 2, 3, 4-6, 7-10“."),
    )
    condition_question = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependents",
        verbose_name=_("nur anzeigen, wenn Frage"),
    )
    condition_option_key = models.CharField(_("… diese Antwort hat"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("Frage")
        verbose_name_plural = _("Fragen")
        ordering = ["survey", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["survey", "key"], name="question_unique_key")]

    def __str__(self) -> str:
        return self.text

    @property
    def is_choice(self) -> bool:
        return self.kind in CHOICE_KINDS

    @property
    def bin_ranges(self) -> list[tuple[int, int]]:
        return parse_bins(self.bins)

    def clean(self):
        errors = {}
        if self.allow_other and self.kind not in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            errors["allow_other"] = _("„Sonstiges“ gibt es nur bei Einfach- und Mehrfachauswahl.")
        if self.bins:
            if self.kind not in (QuestionKind.NUMBER, QuestionKind.AGENCY):
                errors["bins"] = _("Klassen gibt es nur bei Zahlen und bei der Agenturauswahl.")
            else:
                try:
                    parse_bins(self.bins)
                except ValidationError as error:
                    errors["bins"] = error.messages
        if self.condition_question_id:
            condition = self.condition_question
            if condition.survey_id != self.survey_id or (self.pk and condition.pk == self.pk):
                errors["condition_question"] = _("Bitte wählen Sie eine andere Frage derselben Umfrage.")
            elif not condition.is_choice:
                errors["condition_question"] = _("Bedingungen sind nur an Ja/Nein- und Auswahlfragen möglich.")
            elif condition.position >= self.position and self.pk:
                errors["condition_question"] = _("Die Bedingung muss sich auf eine frühere Frage beziehen.")
            elif not condition.options.filter(key=self.condition_option_key).exists():
                errors["condition_option_key"] = _("Diese Antwort gibt es bei der gewählten Frage nicht.")
        elif self.condition_option_key:
            errors["condition_question"] = _("Bitte wählen Sie die Frage, von deren Antwort diese abhängt.")
        if errors:
            raise ValidationError(errors)


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    key = models.CharField(_("Schlüssel"), max_length=40, validators=[validate_key])
    label = models.CharField(_("Antwort"), max_length=200)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Antwortmöglichkeit")
        verbose_name_plural = _("Antwortmöglichkeiten")
        ordering = ["question", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["question", "key"], name="option_unique_key")]

    def __str__(self) -> str:
        return self.label


class SurveyReminder(models.Model):
    """One reminder step sent to one agency for one survey: the unique constraint makes it exactly once."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="reminders")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    days_before = models.PositiveSmallIntegerField(_("Tage vor der Frist"))
    sent_at = models.DateTimeField(_("gesendet am"), auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(_("Empfänger"), default=0)

    class Meta:
        verbose_name = _("Erinnerung")
        verbose_name_plural = _("Erinnerungen")
        constraints = [models.UniqueConstraint(fields=["survey", "agency", "days_before"], name="survey_reminder_once")]

    def __str__(self) -> str:
        return f"{self.survey} – {self.agency} ({self.days_before})"


class SurveyLogEntry(models.Model):
    """Audit trail of a survey: who did what, when and why (launch, close, submit, reopen, import, takeover)."""

    class Action(models.TextChoices):
        CREATED = "created", _("angelegt")
        LAUNCHED = "launched", _("gestartet")
        CLOSED = "closed", _("abgeschlossen")
        SUBMITTED = "submitted", _("Antwort abgeschickt")
        REOPENED = "reopened", _("Antwort wieder geöffnet")
        IMPORTED = "imported", _("Antworten importiert")
        EDITION = "edition", _("neue Ausgabe angelegt")
        COOPERATIONS = "cooperations", _("Kooperationen übernommen")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="log")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    action = models.CharField(_("Aktion"), max_length=20, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True)
    note = models.TextField(_("Anmerkung"), blank=True)

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokolleinträge")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.survey} – {self.get_action_display()}"
