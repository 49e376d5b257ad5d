"""Forms to build a survey: its settings, its questions, a new edition, reopening a response, an import file."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agencies.access import scope_for
from agencies.models import DistrictAssociation, WelfareAssociation
from core.forms import GermanDateField, GermanDatesMixin
from reporting.models import Audience, Question, QuestionKind, Survey
from reporting.services.surveys import parse_options


class SurveyForm(GermanDatesMixin, forms.ModelForm):
    owner_district = forms.ModelChoiceField(
        label=_("verantwortlich"),
        queryset=DistrictAssociation.objects.none(),
        required=False,
        empty_label=_("Landesebene (Fachausschuss)"),
        help_text=_("Wer die Umfrage verwaltet und die einzelnen Antworten sieht."),
    )

    class Meta:
        model = Survey
        fields = [
            "title",
            "series",
            "edition",
            "introduction",
            "owner_district",
            "audience",
            "audience_district",
            "audience_association",
            "opens_on",
            "closes_on",
            "reminder_days",
        ]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope = scope = scope_for(user)
        districts = DistrictAssociation.objects.select_related("welfare_association")
        if not scope.is_administrator:
            districts = districts.filter(pk__in=scope.district_ids)
        self.fields["owner_district"].queryset = districts
        if not (scope.is_state_level or scope.is_administrator):
            self.fields["owner_district"].required = True
            self.fields["owner_district"].empty_label = None
        self.fields["audience_district"].queryset = (
            DistrictAssociation.objects.all() if scope.is_state_level or scope.is_administrator else districts
        )
        self.fields["audience_association"].queryset = WelfareAssociation.objects.all()
        self.fields["audience"].help_text = _(
            "Beim Start wird die Liste der befragten Agenturen festgehalten; Antwortquote, Erinnerungen und "
            "Bericht beziehen sich auf diese Liste."
        )
        if self.instance.pk and not self.instance.is_draft:
            for name in (
                "series",
                "edition",
                "owner_district",
                "audience",
                "audience_district",
                "audience_association",
            ):
                self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        scope = self.scope
        if not (scope.is_state_level or scope.is_administrator):
            # A district's coordination asks the agencies of its own district only.
            if data.get("audience") != Audience.DISTRICT:
                self.add_error("audience", _("Als Koordination befragen Sie die Agenturen Ihres Bezirksverbands."))
            elif data.get("audience_district") and data["audience_district"].pk not in scope.district_ids:
                self.add_error("audience_district", _("Bitte wählen Sie Ihren eigenen Bezirksverband."))
        return data


class QuestionForm(forms.ModelForm):
    options_text = forms.CharField(
        label=_("Antwortmöglichkeiten"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Eine pro Zeile, als „schluessel: Beschriftung“ (z. B. „veranstaltungen: gemeinsame Veranstaltungen“). "
            "Der Schlüssel bleibt über Ausgaben gleich und wird beim Import verwendet. Nicht nötig bei Ja/Nein."
        ),
    )

    class Meta:
        model = Question
        fields = [
            "text",
            "key",
            "help_text",
            "position",
            "kind",
            "required",
            "options_text",
            "allow_other",
            "bins",
            "condition_question",
            "condition_option_key",
        ]

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.survey = survey
        others = survey.questions.filter(kind__in=[QuestionKind.YES_NO, QuestionKind.SINGLE, QuestionKind.MULTIPLE])
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk).filter(position__lt=self.instance.position)
            self.fields["options_text"].initial = "\n".join(
                f"{option.key}: {option.label}" for option in self.instance.options.all()
            )
        self.fields["condition_question"].queryset = others
        self.fields["position"].required = False
        self.fields["position"].help_text = _("Leer lassen: die Frage kommt ans Ende.")
        self.fields["condition_question"].help_text = _("Leer lassen, wenn die Frage immer gestellt wird.")
        self.fields["condition_option_key"].help_text = _("Schlüssel der Antwort, z. B. „ja“.")

    def clean_position(self):
        position = self.cleaned_data.get("position")
        return position if position is not None else (self.instance.position or 0)

    def clean_options_text(self):
        try:
            return parse_options(self.cleaned_data["options_text"])
        except ValidationError as error:
            raise ValidationError(error.messages) from error

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and not data.get("options_text"):
            self.add_error("options_text", _("Bitte nennen Sie mindestens eine Antwortmöglichkeit."))
        return data

    def validate_unique(self):
        super().validate_unique()
        key = self.cleaned_data.get("key")
        if key and self.instance.survey.questions.filter(key=key).exclude(pk=self.instance.pk).exists():
            self.add_error("key", _("Diesen Schlüssel hat schon eine andere Frage dieser Umfrage."))


class EditionForm(forms.Form):
    edition = forms.CharField(label=_("Ausgabe"), max_length=40, help_text=_("Zum Beispiel das Jahr: „2026“."))
    opens_on = GermanDateField(label=_("Beginn"))
    closes_on = GermanDateField(label=_("Antwortfrist"))

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("Die Antwortfrist darf nicht vor dem Beginn liegen."))
        return data


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Begründung"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Die Agentur sieht, dass ihre Antwort wieder geöffnet wurde; der Grund wird protokolliert."),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Datei (CSV oder XLSX)"),
        help_text=_("Eine Zeile je Agentur, eine Spalte je Frage – am einfachsten mit der Vorlage dieser Umfrage."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError(_("Bitte laden Sie eine CSV- oder XLSX-Datei hoch."))
        if upload.size > settings.AGENTURNETZ_UPLOAD_MAX_BYTES:
            raise ValidationError(_("Die Datei ist zu groß."))
        return upload
