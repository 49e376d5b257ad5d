"""The questionnaire as a form (one field per question), the cooperation form and the report filters."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, DistrictAssociation, Municipality, WelfareAssociation
from core import widgets
from core.choices import offer_labelled_choices
from reporting.models import (
    Cooperation,
    CooperationFrequency,
    CooperationKind,
    CooperationRegularity,
    Question,
    QuestionKind,
)
from reporting.services.answers import OTHER_KEY, AnswerValue


def agency_choices(exclude: int | None = None) -> list:
    """All active and closed agencies of every association, grouped by municipality (one query)."""
    groups: dict[str, list] = {}
    rows = (
        Agency.objects.exclude(pk=exclude)
        .order_by("municipality__name", "name")
        .values_list("pk", "name", "municipality__name", "provider__district__welfare_association__short_name")
    )
    for pk, name, municipality, association in rows:
        groups.setdefault(municipality, []).append((pk, f"{name} ({association})"))
    return list(groups.items())


def field_name(question: Question, suffix: str = "") -> str:
    return f"q_{question.key}{suffix}"


class ResponseForm(forms.Form):
    """Fields are built from the questions. `values()` turns the cleaned data into AnswerValues."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, questions: list[Question], agency: Agency, initial_values=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        initial_values = initial_values or {}
        partner_choices = None
        for question in questions:
            value = initial_values.get(question.pk, AnswerValue())
            name = field_name(question)
            common = {"label": question.text, "help_text": question.help_text, "required": False}
            options = [(option.key, option.label) for option in question.options.all()]
            if question.kind in (QuestionKind.YES_NO, QuestionKind.SINGLE):
                field = forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
                initial = next((key for key in value.option_keys if key != OTHER_KEY), None)
            elif question.kind == QuestionKind.MULTIPLE:
                field = forms.MultipleChoiceField(choices=options, widget=forms.CheckboxSelectMultiple, **common)
                initial = [key for key in value.option_keys if key != OTHER_KEY]
            elif question.kind == QuestionKind.NUMBER:
                field = forms.DecimalField(min_value=Decimal(0), max_digits=12, decimal_places=2, **common)
                initial = value.number
            elif question.kind == QuestionKind.TEXT:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, **common)
                initial = value.text
            else:
                if partner_choices is None:
                    partner_choices = agency_choices(exclude=agency.pk)
                field = forms.TypedMultipleChoiceField(
                    choices=partner_choices,
                    coerce=int,
                    widget=forms.SelectMultiple(attrs={"size": 10}),
                    **common,
                )
                field.help_text = " ".join(
                    filter(None, [str(question.help_text), str(_("Mehrere mit Strg (Mac: ⌘) auswählen."))])
                )
                initial = value.partner_ids
            field.question = question
            field.initial = initial
            self.fields[name] = field
            if question.allow_other:
                other = forms.CharField(
                    label=_("Sonstiges, und zwar"), max_length=500, required=False, initial=value.other_text
                )
                other.question = question
                self.fields[field_name(question, "_other")] = other

    def values(self) -> dict[int, AnswerValue]:
        data = self.cleaned_data
        result: dict[int, AnswerValue] = {}
        for question in self.questions:
            raw = data.get(field_name(question))
            value = AnswerValue()
            if question.kind in (QuestionKind.YES_NO, QuestionKind.SINGLE):
                value.option_keys = [raw] if raw else []
            elif question.kind == QuestionKind.MULTIPLE:
                value.option_keys = list(raw or [])
            elif question.kind == QuestionKind.NUMBER:
                value.number = raw
            elif question.kind == QuestionKind.TEXT:
                value.text = raw or ""
            else:
                value.partner_ids = list(raw or [])
            value.other_text = (data.get(field_name(question, "_other")) or "").strip()
            result[question.pk] = value
        return result

    def add_answer_errors(self, errors: dict[int, list[str]]) -> None:
        for question in self.questions:
            for message in errors.get(question.pk, []):
                self.add_error(field_name(question), message)

    def question_fields(self):
        """(question, field, other field) per question, for the template."""
        for question in self.questions:
            other = self[field_name(question, "_other")] if question.allow_other else None
            yield question, self[field_name(question)], other


class CooperationForm(forms.ModelForm):
    partner_agency = forms.TypedChoiceField(label=_("Partneragentur"), required=False, coerce=int, empty_value=None)
    kinds = forms.MultipleChoiceField(
        label=_("Art der Kooperation"),
        choices=CooperationKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Cooperation
        fields = ["partner_agency", "partner_name", "kinds", "other_kind", "regularity", "frequency"]

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agency = agency
        self.fields["partner_agency"].choices = [("", _("– keine Integrationsagentur –")), *agency_choices(agency.pk)]
        self.fields["partner_agency"].help_text = _(
            "Eine Integrationsagentur aus dem Verzeichnis, gleich welches Verbands."
        )
        self.fields["regularity"].choices = [("", "–"), *CooperationRegularity.choices]
        self.fields["frequency"].choices = [("", "–"), *CooperationFrequency.choices]
        if self.instance.pk:
            self.initial["partner_agency"] = self.instance.partner_agency_id

    def clean_partner_agency(self):
        pk = self.cleaned_data.get("partner_agency")
        return Agency.objects.filter(pk=pk).first() if pk else None

    def clean(self):
        data = super().clean()
        partner = data.get("partner_agency")
        if (
            partner
            and Cooperation.objects.filter(agency=self.instance.agency, partner_agency=partner)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("partner_agency", _("Mit dieser Agentur ist schon eine Kooperation eingetragen."))
        return data


class ReportFilterForm(forms.Form):
    verband = forms.ModelChoiceField(
        label=_("Spitzenverband"),
        queryset=WelfareAssociation.objects.all(),
        required=False,
        empty_label=_("alle"),
        widget=widgets.Select,
    )
    bezirk = forms.ModelChoiceField(
        label=_("Bezirksverband"),
        queryset=DistrictAssociation.objects.all(),
        required=False,
        empty_label=_("alle"),
        widget=widgets.Select,
    )
    kommune = forms.ModelChoiceField(
        label=_("Kommune"),
        queryset=Municipality.objects.all(),
        required=False,
        empty_label=_("alle"),
        widget=widgets.Select,
    )
    vergleich = forms.TypedChoiceField(
        label=_("Vergleich mit Ausgabe"), required=False, coerce=int, empty_value=None, widget=widgets.Select
    )

    def __init__(self, *args, editions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vergleich"].choices = [("", _("kein Vergleich"))] + [
            (survey.pk, survey.edition) for survey in editions
        ]
        # The organisations' options in one statement instead of a query per select, read when the first select is
        # written (the exports use the form without writing it); the fields still look a chosen value up in their
        # querysets.
        sources = {
            "verband": (WelfareAssociation, "short_name"),
            "bezirk": (DistrictAssociation, "name"),
            "kommune": (Municipality, "name"),
        }
        offer_labelled_choices(self.fields, sources)
