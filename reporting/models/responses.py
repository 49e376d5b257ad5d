"""One response per agency and survey, its answers, and uploaded imports of historic answers."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ResponseState(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SUBMITTED = "submitted", _("Abgeschickt")


class ResponseSource(models.TextChoices):
    ONLINE = "online", _("online")
    IMPORT = "import", _("importiert")


class Response(models.Model):
    survey = models.ForeignKey("reporting.Survey", on_delete=models.CASCADE, related_name="responses")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="survey_responses")
    state = models.CharField(_("Status"), max_length=10, choices=ResponseState.choices, default=ResponseState.DRAFT)
    source = models.CharField(_("Herkunft"), max_length=10, choices=ResponseSource.choices, default="online")
    version = models.PositiveIntegerField(_("Bearbeitungsstand"), default=1)
    updated_at = models.DateTimeField(_("zuletzt gespeichert"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("abgeschickt am"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("abgeschickt von"),
    )

    class Meta:
        verbose_name = _("Antwort einer Agentur")
        verbose_name_plural = _("Antworten der Agenturen")
        constraints = [models.UniqueConstraint(fields=["survey", "agency"], name="response_one_per_agency")]
        indexes = [models.Index(fields=["survey", "state"])]

    def __str__(self) -> str:
        return f"{self.agency} – {self.survey}"

    def get_absolute_url(self) -> str:
        return reverse("reporting:response", args=[self.survey_id, self.pk])

    @property
    def is_submitted(self) -> bool:
        return self.state == ResponseState.SUBMITTED


class Answer(models.Model):
    """The answer to one question. Yes/no and choices use `options`; agency pickers use `partners`."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey("reporting.Question", on_delete=models.CASCADE, related_name="answers")
    options = models.ManyToManyField("reporting.Option", blank=True, related_name="answers")
    other_text = models.CharField(_("Sonstiges"), max_length=500, blank=True)
    number = models.DecimalField(_("Zahl"), max_digits=12, decimal_places=2, null=True, blank=True)
    text = models.TextField(_("Text"), blank=True)
    partners = models.ManyToManyField("agencies.Agency", blank=True, related_name="+")

    class Meta:
        verbose_name = _("Antwort auf eine Frage")
        verbose_name_plural = _("Antworten auf Fragen")
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="answer_one_per_question")]

    def __str__(self) -> str:
        return f"{self.question.key}: {self.response}"


class ResponseImport(models.Model):
    """An uploaded CSV/XLSX file with historic answers. Kept until confirmed, so the check and the import read
    the same bytes; afterwards it documents what was imported by whom."""

    class Status(models.TextChoices):
        PENDING = "pending", _("geprüft, nicht importiert")
        DONE = "done", _("importiert")
        DISCARDED = "discarded", _("verworfen")

    survey = models.ForeignKey("reporting.Survey", on_delete=models.CASCADE, related_name="imports")
    filename = models.CharField(_("Datei"), max_length=200)
    content = models.BinaryField(_("Inhalt"))
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)
    imported_count = models.PositiveIntegerField(_("importierte Zeilen"), default=0)
    skipped_count = models.PositiveIntegerField(_("übersprungene Zeilen"), default=0)

    class Meta:
        verbose_name = _("Import")
        verbose_name_plural = _("Importe")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.filename
