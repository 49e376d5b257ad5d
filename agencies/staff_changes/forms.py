"""Forms for staff changes. They validate input; the services act."""

from datetime import timedelta

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Position, Site, StaffChange, StaffChangeDecision, StaffMember
from agencies.models.staff_changes import (
    APPROVAL_REQUIRED,
    EFFECTIVE_LABEL,
    KIND_FIELDS,
    KIND_REQUIRED,
    ChangeKind,
    warning_days,
)
from core.forms import GermanDatesMixin
from core.workflow import State


class StartForm(forms.Form):
    """Step one: which agency and which kind of change."""

    agency = forms.ModelChoiceField(label=_("Integrationsagentur"), queryset=Agency.objects.none())
    kind = forms.ChoiceField(
        label=_("Art der Veränderung"),
        choices=ChangeKind.choices,
        widget=forms.RadioSelect,
        help_text=_("Anzeigepflichtige Veränderungen werden gemeldet, zustimmungspflichtige vorher beantragt."),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if not self.initial.get("agency") and len(choices := list(agencies[:2])) == 1:
            self.initial["agency"] = choices[0].pk


class StaffChangeForm(GermanDatesMixin, forms.ModelForm):
    """The fields of one kind of change. `version` carries the optimistic lock of an edit."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = StaffChange
        fields = ("effective_on", *sorted({f for fields in KIND_FIELDS.values() for f in fields}), "note")
        localized_fields = ("new_fte",)
        widgets = {
            "justification": forms.Textarea(attrs={"rows": 4}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, agency: Agency, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency, self.kind = agency, kind
        wanted = ("effective_on", *KIND_FIELDS[kind], "note")
        for name in list(self.fields):
            if name not in (*wanted, "version"):
                del self.fields[name]
        self.order_fields(wanted)
        for name in KIND_REQUIRED[kind]:
            self.fields[name].required = True
        self.fields["effective_on"].label = EFFECTIVE_LABEL.get(kind, _("wirksam ab"))
        today = timezone.localdate()
        staff = StaffMember.objects.filter(provider_id=agency.provider_id).filter(
            Q(employed_to__isnull=True) | Q(employed_to__gte=today - timedelta(days=365))
        )
        for name in ("staff_member", "substitute_for"):
            if name in self.fields:
                self.fields[name].queryset = staff.order_by("last_name", "first_name")
        if "position" in self.fields:
            self.fields["position"].queryset = Position.objects.filter(agency=agency).filter(
                Q(valid_to__isnull=True) | Q(valid_to__gte=today)
            )
        if "site" in self.fields:
            self.fields["site"].queryset = Site.objects.filter(agency=agency, closed_on__isnull=True)
        if kind == ChangeKind.EXTENSION:
            self.fields["end_on"].label = _("neues Ende der Beschäftigung")
            self.fields["end_on"].help_text = _("Leer lassen, wenn die Beschäftigung unbefristet fortgesetzt wird.")
        if kind == ChangeKind.VACANCY:
            self.fields["end_on"].label = _("Vakanz voraussichtlich bis")
        if kind in (ChangeKind.PERSONAL_CHANGE, ChangeKind.AGENCY_CHANGE):
            for name in ("first_name", "last_name", "email", "phone", "street", "postcode", "city", "website"):
                if name in self.fields:
                    self.fields[name].help_text = _("Nur ausfüllen, was sich ändert.")
        if kind == ChangeKind.HOURS_INCREASE:
            self.fields["justification"].help_text = _(
                "Die schriftliche Begründung ist für eine Aufstockung vorgeschrieben."
            )

    def _post_clean(self):
        self.instance.agency = self.agency
        self.instance.kind = self.kind
        super()._post_clean()

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.fields if name != "version"}


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wird im Verlauf gespeichert und ist für alle Beteiligten sichtbar."),
    )


class ReviewForm(CommentForm):
    """The coordination returns a change (reason required) or releases it for forwarding."""

    RETURN, RELEASE = "return", "release"
    action = forms.ChoiceField(
        choices=[(RETURN, _("zurückgeben")), (RELEASE, _("freigeben"))], widget=forms.HiddenInput
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == self.RETURN and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Bitte begründen Sie die Rückgabe, damit der Träger nachbessern kann."))
        return cleaned


class DecisionForm(GermanDatesMixin, forms.ModelForm):
    class Meta:
        model = StaffChangeDecision
        fields = ("outcome", "decided_on", "reference", "effective_from", "note")
        widgets = {
            "outcome": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def _post_clean(self):  # the service validates the decision against the change
        pass


class ContactDataForm(forms.ModelForm):
    class Meta:
        model = StaffMember
        fields = ("email", "phone", "qualification")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True


URGENCY_CHOICES = [
    ("overdue", _("Datum verstrichen ohne Entscheidung")),
    ("soon", _("Entscheidung fehlt, Beginn bald")),
    ("open", _("offen (noch nicht wirksam)")),
]


class StaffChangeFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(label=_("Status"), choices=State.choices, empty_label=_("alle"))
    kind = django_filters.ChoiceFilter(label=_("Art"), choices=ChangeKind.choices, empty_label=_("alle"))
    agency = django_filters.ModelChoiceFilter(label=_("Agentur"), queryset=Agency.objects.none())
    approval = django_filters.ChoiceFilter(
        label=_("Pflicht"),
        choices=[("approval", _("zustimmungspflichtig")), ("notice", _("anzeigepflichtig"))],
        method="filter_approval",
        empty_label=_("alle"),
    )
    urgency = django_filters.ChoiceFilter(
        label=_("Dringlichkeit"), choices=URGENCY_CHOICES, method="filter_urgency", empty_label=_("alle")
    )

    class Meta:
        model = StaffChange
        fields = ("state", "kind", "agency")

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["agency"].queryset = agencies

    def filter_approval(self, queryset, name, value):
        if value == "approval":
            return queryset.filter(kind__in=APPROVAL_REQUIRED)
        if value == "notice":
            return queryset.exclude(kind__in=APPROVAL_REQUIRED)
        return queryset

    def filter_urgency(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.undecided().filter(effective_on__lte=today)
        if value == "soon":
            return queryset.undecided().filter(
                effective_on__gt=today, effective_on__lte=today + timedelta(days=warning_days())
            )
        if value == "open":
            return queryset.open()
        return queryset


def apply_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Puts a service's ValidationError onto the form's fields (or the form if the field is not on it)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
