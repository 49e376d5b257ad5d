"""Forms of the planning documents. Rows (data, needs, sub-goals, measures) are model formsets: no JavaScript is
needed – empty rows are offered and ignored when left blank."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, PartnerOrganisation, StaffMember
from planning.models import (
    ActivityReport,
    DataPoint,
    Measure,
    MeasureReport,
    Need,
    SocialSpaceAnalysis,
    SubGoal,
    SubGoalResult,
    Task,
    TaskPlan,
)

TEXTAREA = forms.Textarea(attrs={"rows": 4})
SMALL_TEXTAREA = forms.Textarea(attrs={"rows": 2})


class VersionedForm(forms.ModelForm):
    """Carries the document's edit version so a concurrent save is detected (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class AnalysisForm(VersionedForm):
    class Meta:
        model = SocialSpaceAnalysis
        fields = [
            "analysis_type",
            "social_spaces",
            "primary_field",
            "findings",
            "integration_concept",
            "ki_partner",
            "ki_cooperation",
            "coordinated_agencies",
            "local_coordination",
        ]
        widgets = {
            "social_spaces": forms.CheckboxSelectMultiple,
            "coordinated_agencies": forms.CheckboxSelectMultiple,
            "findings": forms.Textarea(attrs={"rows": 6}),
            "integration_concept": TEXTAREA,
            "ki_cooperation": TEXTAREA,
            "local_coordination": TEXTAREA,
        }

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        municipalities = [agency.municipality_id, agency.municipality.county_id]
        self.fields["social_spaces"].queryset = agency.social_spaces.model.objects.filter(
            municipality_id__in=[m for m in municipalities if m]
        ).order_by("name")
        self.fields["primary_field"].queryset = agency.fields_of_action.order_by("position")
        self.fields["ki_partner"].queryset = PartnerOrganisation.objects.filter(
            kind=PartnerOrganisation.Kind.KI, municipality_id__in=[m for m in municipalities if m]
        )
        self.fields["coordinated_agencies"].queryset = (
            Agency.objects.filter(municipality_id=agency.municipality_id).exclude(pk=agency.pk).order_by("name")
        )


class RowFormSet(forms.BaseInlineFormSet):
    """Rows keep the order in which they are listed."""

    def save(self, commit=True):
        rows = super().save(commit=False)
        for obj in self.deleted_objects:
            obj.delete()
        for index, form in enumerate(self.ordered_forms if self.can_order else self.forms):
            if form in self.deleted_forms or (not form.has_changed() and form.instance.pk is None):
                continue
            form.instance.position = index
            setattr(form.instance, self.fk.name, self.instance)
            form.instance.save()
        return rows


DataPointFormSet = inlineformset_factory(
    SocialSpaceAnalysis,
    DataPoint,
    formset=RowFormSet,
    fields=["indicator", "value", "unit", "source", "reference_year"],
    localized_fields=["value"],  # German decimal comma: 31,4
    extra=2,
    can_delete=True,
)

NeedFormSet = inlineformset_factory(
    SocialSpaceAnalysis,
    Need,
    formset=RowFormSet,
    fields=["title", "field_of_action", "description"],
    widgets={"description": SMALL_TEXTAREA},
    extra=2,
    can_delete=True,
)


class ContinueAnalysisForm(forms.Form):
    year = forms.IntegerField(
        label=_("für das Förderjahr"), help_text=_("Das erste Förderjahr, für das die fortgeschriebene Analyse gilt.")
    )


class NewDocumentForm(forms.Form):
    year = forms.IntegerField(label=_("Förderjahr"), min_value=2000, max_value=2100)


class PlanForm(VersionedForm):
    class Meta:
        model = TaskPlan
        fields = ["amendment_reason"]
        widgets = {"amendment_reason": TEXTAREA}


class TaskForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Task
        fields = ["title", "field_of_action", "needs", "rationale", "goal", "partner_organisations", "partners"]
        widgets = {
            "needs": forms.CheckboxSelectMultiple,
            "partner_organisations": forms.CheckboxSelectMultiple,
            "rationale": TEXTAREA,
            "goal": SMALL_TEXTAREA,
            "partners": SMALL_TEXTAREA,
        }

    def __init__(self, *args, plan: TaskPlan, needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = needs
        self.fields["needs"].required = True
        self.fields["needs"].error_messages["required"] = _(
            "Bitte wählen Sie mindestens einen Handlungsbedarf aus Ihrer aktuellen Sozialraumanalyse, auf den sich "
            "die Aufgabe bezieht."
        )
        self.fields["field_of_action"].queryset = plan.agency.fields_of_action.order_by("position")
        municipalities = [m for m in (plan.agency.municipality_id, plan.agency.municipality.county_id) if m]
        self.fields["partner_organisations"].queryset = PartnerOrganisation.objects.filter(
            municipality_id__in=municipalities
        ).order_by("kind", "name")


class SubGoalForm(forms.ModelForm):
    class Meta:
        model = SubGoal
        fields = ["description", "indicator", "target_value", "unit", "qualitative_criterion"]
        localized_fields = ["target_value"]
        widgets = {"qualitative_criterion": SMALL_TEXTAREA}


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = ["description", "start_month", "end_month", "responsible"]
        widgets = {"description": SMALL_TEXTAREA}

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agency is not None:
            self.fields["responsible"].queryset = StaffMember.objects.filter(
                assignments__position__agency=agency
            ).distinct()


SubGoalFormSet = inlineformset_factory(Task, SubGoal, form=SubGoalForm, formset=RowFormSet, extra=2, can_delete=True)
MeasureFormSet = inlineformset_factory(Task, Measure, form=MeasureForm, formset=RowFormSet, extra=2, can_delete=True)


class AmendmentForm(forms.Form):
    amendment_kind = forms.ChoiceField(
        label=_("Art der Änderung"),
        choices=TaskPlan.AmendmentKind.choices,
        widget=forms.RadioSelect,
        help_text=TaskPlan._meta.get_field("amendment_kind").help_text,
    )
    amendment_reason = forms.CharField(label=_("Anlass der Änderung"), widget=TEXTAREA)


class ReportForm(VersionedForm):
    class Meta:
        model = ActivityReport
        fields = ["summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 6})}


class MeasureReportForm(forms.ModelForm):
    class Meta:
        model = MeasureReport
        fields = ["what_was_done"]
        widgets = {"what_was_done": TEXTAREA}


class SubGoalResultForm(forms.ModelForm):
    class Meta:
        model = SubGoalResult
        fields = ["actual_value", "reached", "deviation_reasons"]
        localized_fields = ["actual_value"]
        widgets = {"deviation_reasons": SMALL_TEXTAREA, "reached": forms.RadioSelect}


MeasureReportFormSet = forms.modelformset_factory(MeasureReport, form=MeasureReportForm, extra=0)
SubGoalResultFormSet = forms.modelformset_factory(SubGoalResult, form=SubGoalResultForm, extra=0)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Datei"),
        help_text=_("PDF, Bild (PNG, JPG) oder Office-Dokument, höchstens 10 MB."),
    )
    description = forms.CharField(label=_("Beschreibung"), max_length=200)


class TransitionForm(forms.Form):
    comment = forms.CharField(label=_("Kommentar"), required=False, widget=TEXTAREA)
