"""The filter of the document list and the coordination's inbox (agency, kind, year, state).

The list is one UNION query over three document models, so the filter is a plain form whose values are passed to
`selectors.document_rows` (django-filter works on one model's queryset)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.selectors import agencies_visible_to
from core import widgets
from core.workflow import State
from planning.models import DOCUMENT_MODELS

OPEN = "offen"  # the inbox default: everything that waits for the coordination (to review or to forward)


class DocumentFilterForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Agentur"), queryset=None, required=False, empty_label=_("alle"), widget=widgets.Select
    )
    kind = forms.ChoiceField(label=_("Dokumentart"), required=False, widget=widgets.Select)
    year = forms.IntegerField(label=_("Förderjahr"), required=False, min_value=2000, max_value=2100)
    state = forms.ChoiceField(label=_("Status"), required=False, widget=widgets.Select)

    def __init__(self, *args, user, inbox: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.inbox = inbox
        # The choice list shows names only: no joins of the registry's detail relations.
        self.fields["agency"].queryset = agencies_visible_to(user).select_related(None).only("name").order_by("name")
        self.fields["kind"].choices = [
            ("", _("alle")),
            *((k, m._meta.verbose_name) for k, m in DOCUMENT_MODELS.items()),
        ]
        states = [("", _("alle")), *State.choices]
        if inbox:
            states.insert(0, (OPEN, _("zu bearbeiten (eingereicht oder freigegeben)")))
        self.fields["state"].choices = states
        if inbox and not self.is_bound:
            self.initial["state"] = OPEN

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        state = data.get("state", OPEN if self.inbox else "")
        if not self.is_bound and self.inbox:
            state = OPEN
        states = [State.SUBMITTED, State.APPROVED] if state == OPEN else ([state] if state else None)
        agency = data.get("agency")
        return {
            "kinds": [data["kind"]] if data.get("kind") else None,
            "agency_id": agency.pk if agency else None,
            "year": data.get("year"),
            "states": states,
        }
