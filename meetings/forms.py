from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, DistrictAssociation, Membership, Role
from core.forms import GermanDatesMixin
from core.models import User
from meetings.models import (
    ActionItem,
    AgendaItem,
    AgendaProposal,
    Meeting,
    MemberKind,
    Response,
    TopicProposal,
    WorkingGroup,
)
from meetings.services.participation import Decision


class WorkingGroupForm(forms.ModelForm):
    class Meta:
        model = WorkingGroup
        fields = [
            "name",
            "kind",
            "owner_district",
            "description",
            "yearly_minimum",
            "invitation_weeks",
            "reminder_days",
            "uses_rotation",
            "default_location",
            "is_active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, scope, **kwargs):
        super().__init__(*args, **kwargs)
        districts = (
            DistrictAssociation.objects.all()
            if scope.is_administrator
            else DistrictAssociation.objects.filter(pk__in=scope.district_ids)
        )
        self.fields["owner_district"].queryset = districts
        self.fields["owner_district"].required = not (scope.is_state_level or scope.is_administrator)
        if len(scope.district_ids) == 1 and not self.instance.pk:
            self.fields["owner_district"].initial = next(iter(scope.district_ids))
        if not self.instance.pk:
            del self.fields["is_active"]


class MeetingForm(GermanDatesMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        # Dates and times become German text inputs through the mixin (no native date/time pickers).
        fields = ["title", "date", "end_date", "start_time", "end_time", "location", "online_url"]


class CancelMeetingForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund der Absage"), max_length=300, help_text=_("Die Mitglieder erhalten diesen Text per E-Mail.")
    )


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "description", "presenter", "minutes"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Anlage"), help_text=_("PDF, Office-Dokument, Bild oder Text, höchstens 10 MB."))


class UserMemberForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Person"),
        queryset=User.objects.none(),
        help_text=_("Fachkräfte und Trägervertretungen aus Ihrem Zuständigkeitsbereich."),
    )
    kind = forms.ChoiceField(
        label=_("Teilnahme als"),
        choices=[(MemberKind.STAFF, MemberKind.STAFF.label), (MemberKind.PROVIDER, MemberKind.PROVIDER.label)],
    )
    agency = forms.ModelChoiceField(
        label=_("für die Integrationsagentur"),
        queryset=Agency.objects.none(),
        required=False,
        help_text=_("Nur bei Fachkräften."),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        users = (
            Membership.objects.filter(role__in=[Role.SPECIALIST, Role.PROVIDER_MANAGER])
            .filter(models_q_for(agencies))
            .values("user")
        )
        self.fields["user"].queryset = User.objects.filter(pk__in=users, is_active=True).order_by(
            "last_name", "first_name"
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == MemberKind.STAFF and not cleaned.get("agency"):
            self.add_error("agency", _("Bitte wählen Sie die Agentur, für die die Fachkraft teilnimmt."))
        return cleaned


def models_q_for(agencies):
    from django.db.models import Q

    return Q(agency__in=agencies) | Q(provider__in=agencies.values("provider"))


class AgencyStaffForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Integrationsagentur"),
        queryset=Agency.objects.none(),
        help_text=_("Alle Fachkräfte dieser Agentur mit Benutzerkonto werden aufgenommen."),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class GuestForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(
        label=_("E-Mail"), help_text=_("Einladungen, Protokolle und der persönliche Rückmeldelink gehen hierhin.")
    )
    organisation = forms.CharField(
        label=_("Organisation"), max_length=200, required=False, help_text=_("z. B. „Jugendmigrationsdienst Duisburg“")
    )


class PresenterForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Vorstellende Integrationsagentur"), queryset=Agency.objects.none())
    reason = forms.CharField(
        label=_("Begründung"),
        max_length=300,
        required=False,
        help_text=_("Nötig, wenn Sie eine andere Agentur als vorgeschlagen wählen."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(pk__in=[c.agency.pk for c in candidates])
        self.fields["agency"].label_from_instance = lambda agency: agency.name
        if candidates:
            self.fields["agency"].initial = candidates[0].agency.pk


class RsvpForm(forms.Form):
    response = forms.ChoiceField(label=_("Ihre Rückmeldung"), choices=Response.choices, widget=forms.RadioSelect)
    substitute = forms.CharField(
        label=_("Vertretung"),
        max_length=200,
        required=False,
        help_text=_("Falls Sie nicht kommen, aber jemand anderes für Ihre Agentur teilnimmt."),
    )
    comment = forms.CharField(label=_("Anmerkung"), max_length=300, required=False)


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Anwesend"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (m.pk, f"{m.display_name}{' – ' + m.affiliation if m.affiliation else ''}") for m in members
        ]


class ProposalForm(forms.ModelForm):
    class Meta:
        model = AgendaProposal
        fields = ["title", "description", "minutes", "wished_meeting"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wished_meeting"].queryset = meetings
        self.fields["wished_meeting"].empty_label = _("nächste passende Sitzung")


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Entscheidung"),
        choices=[
            (Decision.ACCEPT, _("in die Tagesordnung aufnehmen")),
            (Decision.DEFER, _("zurückstellen")),
            (Decision.DECLINE, _("ablehnen")),
        ],
        widget=forms.RadioSelect,
    )
    meeting = forms.ModelChoiceField(label=_("Sitzung"), queryset=Meeting.objects.none(), required=False)
    reason = forms.CharField(
        label=_("Begründung"),
        max_length=300,
        required=False,
        help_text=_("Beim Zurückstellen oder Ablehnen nötig; die vorschlagende Person erhält sie per E-Mail."),
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == Decision.ACCEPT and not cleaned.get("meeting"):
            self.add_error("meeting", _("Bitte wählen Sie die Sitzung, in die der Punkt aufgenommen wird."))
        if decision in (Decision.DEFER, Decision.DECLINE) and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Bitte begründen Sie kurz, damit die vorschlagende Person es versteht."))
        return cleaned


class VolunteerForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Integrationsagentur"), queryset=Agency.objects.none())
    topic = forms.CharField(label=_("Was möchten Sie vorstellen?"), max_length=200, required=False)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if agencies.count() == 1:
            self.fields["agency"].initial = agencies.first().pk


class ProtocolForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    recorded_by = forms.CharField(
        label=_("Protokoll"), max_length=200, required=False, help_text=_("Wer protokolliert hat.")
    )
    summary = forms.CharField(
        label=_("Allgemeines"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Begrüßung, Hinweise, die zu keinem Tagesordnungspunkt gehören."),
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"discussion_{item.pk}"] = forms.CharField(
                label=_("Verlauf der Diskussion"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=item.discussion,
            )
            self.fields[f"decisions_{item.pk}"] = forms.CharField(
                label=_("Ergebnisse und Beschlüsse"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=item.decisions,
            )

    def item_rows(self):
        return [(item, self[f"discussion_{item.pk}"], self[f"decisions_{item.pk}"]) for item in self.items]

    def item_texts(self) -> dict[int, tuple[str, str]]:
        return {
            item.pk: (self.cleaned_data[f"discussion_{item.pk}"], self.cleaned_data[f"decisions_{item.pk}"])
            for item in self.items
        }


class ActionItemForm(GermanDatesMixin, forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["agenda_item", "description", "responsible", "due_date"]
        labels = {"agenda_item": _("zum Tagesordnungspunkt")}

    def __init__(self, *args, meeting, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("position", "pk")
        self.fields["responsible"].queryset = members
        self.fields["responsible"].label_from_instance = lambda m: (
            f"{m.display_name}" + (f" ({m.affiliation})" if m.affiliation else "")
        )

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < timezone.localdate():
            raise ValidationError(_("Die Frist darf nicht in der Vergangenheit liegen."))
        return due


class TopicForm(forms.ModelForm):
    class Meta:
        model = TopicProposal
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Suchbegriff"), max_length=200, required=False)
