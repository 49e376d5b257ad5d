"""Forms of the Online-Controlling: template items, the report (built from its template), dashboard filters."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import DistrictAssociation, FieldOfAction, Municipality, WelfareAssociation
from core import widgets
from core.choices import offer_labelled_choices
from reporting.models import ControllingQuestion, ControllingTemplate, KeyFigure, QuestionKind, ValueStatus
from reporting.services.controlling import AnswerInput, FigureInput
from reporting.services.controlling_checks import breakdown_error, value_errors
from reporting.services.controlling_stats import Filters


class TemplateForm(forms.ModelForm):
    class Meta:
        model = ControllingTemplate
        fields = ["title", "introduction", "deviation_percent"]


class KeyFigureForm(forms.ModelForm):
    class Meta:
        model = KeyFigure
        fields = ["code", "label", "unit", "number_kind", "help_text", "by_field_of_action", "source", "position"]

    def __init__(self, *args, template: ControllingTemplate, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.template = template

    def clean_code(self):
        code = self.cleaned_data["code"]
        clash = KeyFigure.objects.filter(template=self.instance.template, code=code).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Diesen Code gibt es in der Vorlage schon."))
        return code


class QuestionForm(forms.ModelForm):
    class Meta:
        model = ControllingQuestion
        fields = ["code", "text", "help_text", "kind", "options", "required", "source", "position"]
        widgets = {"options": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, template: ControllingTemplate, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.template = template

    def clean_code(self):
        code = self.cleaned_data["code"]
        clash = ControllingQuestion.objects.filter(template=self.instance.template, code=code).exclude(
            pk=self.instance.pk
        )
        if clash.exists():
            raise forms.ValidationError(_("Diesen Schlüssel gibt es in der Vorlage schon."))
        return code


def _number_field(figure: KeyFigure, label: str, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=None if figure.is_integer else 2,  # integers: checked in clean() with a clearer message
        localize=True,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "form-control", "autocomplete": "off"}),
        error_messages={
            "invalid": _("Bitte geben Sie eine Zahl ein, z. B. 12 oder 1,5."),
            "max_decimal_places": _("Höchstens zwei Nachkommastellen."),
            "min_value": _("Bitte geben Sie keine negative Zahl ein."),
        },
    )


def _plain(value: Decimal | None, figure: KeyFigure) -> Decimal | None:
    """Stored values have two places; an integer figure is shown and edited without them."""
    if value is None or not figure.is_integer or value != value.to_integral_value():
        return value
    return value.quantize(Decimal(1))


class ReportForm(forms.Form):
    """One field per key-figure value (total and parts), a confirmation box and an explanation per figure, and
    one field per question. `groups` lists the bound fields figure by figure for the template."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, report, values, answers, previous: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        self.values_by_figure: dict[int, list] = {}
        for value in values:
            self.values_by_figure.setdefault(value.figure_id, []).append(value)
        self.answers = answers
        self.previous = previous
        self.fields["version"].initial = report.version
        for figure_values in self.values_by_figure.values():
            total = next(v for v in figure_values if v.is_total)
            figure = total.figure
            help_text = figure.help_text
            self.fields[f"f{figure.pk}"] = _number_field(figure, f"{figure.label} ({figure.unit})", help_text)
            self.fields[f"f{figure.pk}"].initial = _plain(total.value, figure)
            for part in sorted((v for v in figure_values if not v.is_total), key=lambda v: v.field_of_action.position):
                name = f"f{figure.pk}_{part.field_of_action_id}"
                self.fields[name] = _number_field(figure, f"{figure.label}: {part.field_of_action.name}")
                self.fields[name].initial = _plain(part.value, figure)
            if total.source_label:
                self.fields[f"c{figure.pk}"] = forms.BooleanField(
                    label=_("Übernommenen Wert bestätigen"),
                    required=False,
                    initial=total.status in (ValueStatus.CONFIRMED,),
                )
            self.fields[f"e{figure.pk}"] = forms.CharField(
                label=_("Erläuterung zu „%(label)s“") % {"label": figure.label},
                required=False,
                max_length=2000,
                initial=total.explanation,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            )
        for answer in answers:
            question = answer.question
            name = f"q{question.pk}"
            common = {"label": question.text, "help_text": question.help_text, "required": False}
            if question.kind == QuestionKind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    choices=question.option_list(), widget=forms.CheckboxSelectMultiple, **common
                )
                field.initial = answer.option_keys
            elif question.kind in (QuestionKind.SINGLE, QuestionKind.YES_NO):
                field = forms.ChoiceField(
                    choices=[("", "–"), *question.option_list()],
                    widget=forms.Select(attrs={"class": "form-select"}),
                    **common,
                )
                field.initial = answer.option_keys[0] if answer.option_keys else ""
            elif question.kind == QuestionKind.NUMBER:
                field = forms.DecimalField(
                    min_value=0,
                    max_digits=14,
                    decimal_places=2,
                    localize=True,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "form-control"}),
                    **common,
                )
                field.initial = answer.number
            else:
                field = forms.CharField(
                    max_length=5000, widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}), **common
                )
                field.initial = answer.text
            self.fields[name] = field
            if answer.source_label:
                self.fields[f"qc{question.pk}"] = forms.BooleanField(
                    label=_("Übernommene Antwort bestätigen"),
                    required=False,
                    initial=answer.status == ValueStatus.CONFIRMED,
                )

    def groups(self) -> list[dict]:
        """Per figure: its value rows and bound fields, the previous year's value, for the template."""
        result = []
        for figure_values in sorted(self.values_by_figure.values(), key=lambda vs: vs[0].figure.position):
            total = next(v for v in figure_values if v.is_total)
            figure = total.figure
            parts = sorted((v for v in figure_values if not v.is_total), key=lambda v: v.field_of_action.position)
            result.append(
                {
                    "figure": figure,
                    "total": total,
                    "field": self[f"f{figure.pk}"],
                    "parts": [(part, self[f"f{figure.pk}_{part.field_of_action_id}"]) for part in parts],
                    "confirm": self[f"c{figure.pk}"] if f"c{figure.pk}" in self.fields else None,
                    "explanation": self[f"e{figure.pk}"],
                    "previous": self.previous.get(figure.code),
                }
            )
        return result

    def question_fields(self) -> list[dict]:
        return [
            {
                "answer": answer,
                "field": self[f"q{answer.question.pk}"],
                "confirm": self[f"qc{answer.question.pk}"] if f"qc{answer.question.pk}" in self.fields else None,
            }
            for answer in self.answers
        ]

    def clean(self):
        cleaned = super().clean()
        for figure_values in self.values_by_figure.values():
            total = next(v for v in figure_values if v.is_total)
            figure = total.figure
            value = cleaned.get(f"f{figure.pk}")
            for message in value_errors(figure, value):
                self.add_error(f"f{figure.pk}", message)
            parts = {
                v.field_of_action_id: cleaned.get(f"f{figure.pk}_{v.field_of_action_id}")
                for v in figure_values
                if not v.is_total
            }
            if f"f{figure.pk}" not in self.errors and (message := breakdown_error(figure, value, parts)):
                self.add_error(f"f{figure.pk}", message)
        return cleaned

    def figure_inputs(self) -> dict[int, FigureInput]:
        data = self.cleaned_data
        result = {}
        for figure_id, figure_values in self.values_by_figure.items():
            result[figure_id] = FigureInput(
                total=data.get(f"f{figure_id}"),
                parts={
                    v.field_of_action_id: data.get(f"f{figure_id}_{v.field_of_action_id}")
                    for v in figure_values
                    if not v.is_total
                },
                confirmed=bool(data.get(f"c{figure_id}")),
                explanation=data.get(f"e{figure_id}", ""),
            )
        return result

    def answer_inputs(self) -> dict[int, AnswerInput]:
        data = self.cleaned_data
        result = {}
        for answer in self.answers:
            question = answer.question
            raw = data.get(f"q{question.pk}")
            item = AnswerInput(confirmed=bool(data.get(f"qc{question.pk}")))
            if question.kind == QuestionKind.MULTIPLE:
                item.option_keys = list(raw or [])
            elif question.kind in (QuestionKind.SINGLE, QuestionKind.YES_NO):
                item.option_keys = [raw] if raw else []
            elif question.kind == QuestionKind.NUMBER:
                item.number = raw
            else:
                item.text = raw or ""
            result[question.pk] = item
        return result


class DashboardForm(forms.Form):
    """Filters of the dashboards (GET). Invalid values fall back to "all"."""

    kennzahl = forms.ChoiceField(label=gettext_lazy("Kennzahl"), required=False, widget=widgets.Select)
    jahr = forms.TypedChoiceField(
        label=gettext_lazy("Jahr"), coerce=int, required=False, empty_value=None, widget=widgets.Select
    )
    verband = forms.ModelChoiceField(
        label=gettext_lazy("Spitzenverband"),
        queryset=WelfareAssociation.objects.all(),
        required=False,
        widget=widgets.Select,
    )
    bezirk = forms.ModelChoiceField(
        label=gettext_lazy("Bezirksverband"),
        queryset=DistrictAssociation.objects.all(),
        required=False,
        widget=widgets.Select,
    )
    kommune = forms.ModelChoiceField(
        label=gettext_lazy("Kommune"), queryset=Municipality.objects.all(), required=False, widget=widgets.Select
    )
    handlungsfeld = forms.ModelChoiceField(
        label=gettext_lazy("Handlungsfeld"), queryset=FieldOfAction.objects.all(), required=False, widget=widgets.Select
    )

    def __init__(
        self, *args, figures: list[tuple[str, str]], years: list[int], districts=None, fields_of_action=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["kennzahl"].choices = figures
        self.fields["jahr"].choices = [("", _("neuestes"))] + [(y, str(y)) for y in years]
        # The organisations' options in one statement instead of a query per select (Django's own setter: the
        # fields still look a chosen value up in their querysets). A viewer restricted to some districts gets
        # those from their queryset.
        sources = {"verband": (WelfareAssociation, "short_name"), "kommune": (Municipality, "name")}
        if districts is None:
            sources["bezirk"] = (DistrictAssociation, "name")
        else:
            self.fields["bezirk"].queryset = districts
        offer_labelled_choices(self.fields, sources)
        if fields_of_action is not None:
            # The caller has read the fields of action (in the model's order) for its tables already: the same
            # options without a second query. A chosen value is still looked up in the queryset.
            field = self.fields["handlungsfeld"]
            field.choices = [("", field.empty_label), *((each.pk, str(each)) for each in fields_of_action)]
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-select")

    def data_or_defaults(self) -> dict:
        """The valid filters; a value that is not a choice for this viewer (another district) is dropped."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.cleaned_data

    def filters(self) -> Filters:
        data = self.data_or_defaults()

        def pk(name):
            return data[name].pk if data.get(name) else None

        return Filters(
            association_id=pk("verband"),
            district_id=pk("bezirk"),
            municipality_id=pk("kommune"),
            field_id=pk("handlungsfeld"),
        )


class BriefingForm(DashboardForm):
    """The briefing pack: the dashboard's scope, one year and the chosen key figures."""

    kennzahlen = forms.MultipleChoiceField(
        label=gettext_lazy("Kennzahlen im Briefing"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kennzahlen"].choices = self.fields["kennzahl"].choices
        self.fields["kennzahlen"].widget.attrs.pop("class", None)
        del self.fields["kennzahl"]
