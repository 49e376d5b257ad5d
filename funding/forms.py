from datetime import date
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import GermanDateField, GermanDatesMixin
from core.uploads import MAX_UPLOAD_BYTES, content_matches
from funding.models import DeadlineRule, DocumentKind, FundingPhase
from funding.services.progress import fulfilment_steps

MAX_ATTACHMENT_BYTES = MAX_UPLOAD_BYTES
# The types an obligation's evidence may have (a subset of core's table, which also knows their first bytes).
ATTACHMENT_EXTENSIONS = frozenset({"pdf", "docx", "xlsx", "odt", "ods", "png", "jpg", "jpeg"})


def validate_attachment(upload) -> None:
    suffix = Path(upload.name).suffix.lower()
    if suffix.removeprefix(".") not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            _("Bitte laden Sie eine PDF-, Word-, Excel-, OpenDocument-, PNG- oder JPEG-Datei hoch."),
            code="extension",
        )
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("Die Datei ist größer als 10 MB."), code="size")
    if not content_matches(upload, suffix.removeprefix(".")):
        raise ValidationError(
            _("Der Inhalt der Datei passt nicht zur Endung %(suffix)s.") % {"suffix": suffix}, code="content"
        )


class MarkFulfilledForm(forms.Form):
    step = forms.ChoiceField(label=_("Was ist geschehen?"), widget=forms.RadioSelect)
    on = GermanDateField(
        label=_("Datum"),
        help_text=_("Der Tag, an dem die Unterlage eingegangen ist bzw. übermittelt wurde."),
    )
    attachment = forms.FileField(
        label=_("Anlage"),
        help_text=_(
            "Die eingereichte Unterlage oder der Nachweis (PDF, Word, Excel, OpenDocument, PNG, JPEG; höchstens 10 MB)."
        ),
        validators=[validate_attachment],
    )
    note = forms.CharField(
        label=_("Bemerkung"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args, obligation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = fulfilment_steps(obligation)
        self.today = timezone.localdate()
        self.fields["on"].initial = self.today
        self.fields["on"].widget.attrs["max"] = self.today.isoformat()

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > self.today:
            raise ValidationError(_("Das Datum darf nicht in der Zukunft liegen."))
        if on < date(2000, 1, 1):
            raise ValidationError(_("Bitte prüfen Sie das Jahr."))
        return on


class DeadlineRuleForm(forms.ModelForm):
    reason = forms.CharField(
        label=_("Grund der Änderung"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wird mit Ihrem Namen im Änderungsverlauf der Regel gespeichert."),
    )

    class Meta:
        model = DeadlineRule
        fields = [
            "document_kind",
            "debtor",
            "anchor",
            "years",
            "year_offset",
            "district_day",
            "district_month",
            "authority_day",
            "authority_month",
            "is_active",
        ]

    def __init__(self, *args, phase: FundingPhase, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.phase, self.instance.district = phase, district
        if self.instance.pk:
            self.fields["document_kind"].disabled = True
        else:
            taken = set(
                DeadlineRule.objects.filter(phase=phase, district=district).values_list("document_kind", flat=True)
            )
            self.fields["document_kind"].choices = [c for c in DocumentKind.choices if c[0] not in taken]


class PhaseForm(GermanDatesMixin, forms.ModelForm):
    class Meta:
        model = FundingPhase
        fields = ["name", "starts_on", "ends_on"]
        help_texts = {
            "name": _("Zum Beispiel „Förderphase 2028–2029“."),
            "ends_on": _("Heute dauert eine Förderphase zwei Jahre; jede Länge ist möglich."),
        }
