"""Forms of the money domain. Amounts are entered in German notation (1.234,56); more than two decimal places are
refused with a message, never cut off."""

from decimal import Decimal

from django import forms
from django.core.validators import MinValueValidator
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, FundingAuthority, Provider
from core.forms import INVALID_DATE, GermanDateField, GermanDateInput
from finance.models import (
    CostLine,
    CostPlan,
    CostType,
    ForwardingContract,
    FundingRate,
    PartialStatement,
    PayGroupRate,
    PersonnelCostLine,
    SpendingForecast,
    UseOfFundsStatement,
)
from funding.models import FundingPhase, FundingYear

MAX_CONTRACT_BYTES = 10 * 1024 * 1024
MAX_IMPORT_BYTES = 5 * 1024 * 1024


class MoneyField(forms.DecimalField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", Decimal("0.00"))
        super().__init__(max_digits=12, decimal_places=2, localize=True, **kwargs)


def localize_decimals(field, **kwargs):
    formfield = field.formfield(**kwargs)
    if isinstance(formfield, forms.DecimalField):
        formfield.localize = True
        formfield.widget = forms.TextInput(attrs={"inputmode": "decimal"})
        formfield.widget.is_localized = True
        if field.decimal_places == 2 and field.max_digits == 12:
            formfield.validators.append(MinValueValidator(Decimal("0.00")))
    if isinstance(formfield, forms.DateField):
        formfield.widget = GermanDateInput()
        formfield.widget.is_required = formfield.required
        formfield.error_messages["invalid"] = INVALID_DATE
    return formfield


class VersionedForm(forms.ModelForm):
    """Carries the version the editor loaded, for the optimistic lock."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk:
            self.initial["version"] = self.instance.version

    def content(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class FundingRateForm(forms.ModelForm):
    class Meta:
        model = FundingRate
        fields = [
            "max_funded_share",
            "material_flat_rate",
            "minimum_grant",
            "deviation_threshold",
            "retention_years",
            "notes",
        ]
        formfield_callback = localize_decimals


PayGroupFormSet = inlineformset_factory(
    FundingRate,
    PayGroupRate,
    fields=["pay_group", "annual_employer_costs", "annual_ceiling"],
    formfield_callback=localize_decimals,
    extra=1,
    can_delete=True,
)


class CostPlanCreateForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Integrationsagentur"), queryset=Agency.objects.none())
    funding_year = forms.ModelChoiceField(
        label=_("Förderjahr"), queryset=FundingYear.objects.select_related("phase").order_by("-year")
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    def clean(self):
        data = super().clean()
        if data.get("agency") and data.get("funding_year"):
            existing = CostPlan.objects.filter(agency=data["agency"], funding_year=data["funding_year"]).first()
            if existing:
                self.existing = existing
        return data


class CostPlanForm(VersionedForm):
    class Meta:
        model = CostPlan
        fields = ["material_mode", "grant_requested", "own_contribution", "third_party_funds", "third_party_note"]
        formfield_callback = localize_decimals
        widgets = {"material_mode": forms.RadioSelect}


class PersonnelLineForm(forms.ModelForm):
    class Meta:
        model = PersonnelCostLine
        fields = ["position", "title", "pay_group", "fte", "months", "annual_employer_costs"]
        formfield_callback = localize_decimals
        widgets = {"position": forms.HiddenInput}


class CostLineForm(forms.ModelForm):
    class Meta:
        model = CostLine
        fields = ["cost_type", "description", "amount"]
        formfield_callback = localize_decimals


PersonnelFormSet = inlineformset_factory(CostPlan, PersonnelCostLine, form=PersonnelLineForm, extra=0, can_delete=True)
CostLineFormSet = inlineformset_factory(CostPlan, CostLine, form=CostLineForm, extra=1, can_delete=True)


class StepForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bei einer Rückgabe bitte angeben, was zu ändern ist."),
    )


class JointApplicationCreateForm(forms.Form):
    phase = forms.ModelChoiceField(label=_("Förderphase"), queryset=FundingPhase.objects.all())
    funding_authority = forms.ModelChoiceField(label=_("Bewilligungsbehörde"), queryset=FundingAuthority.objects.all())


class GrantDecisionForm(forms.Form):
    decided_on = GermanDateField(label=_("Datum des Bescheids"))
    reference = forms.CharField(label=_("Aktenzeichen"), max_length=100)
    conditions = forms.CharField(
        label=_("Nebenbestimmungen und Auflagen"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, comparison, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.amount_fields = []
        year_ids = {year.year: year.pk for year in years}
        for row in comparison:
            name = f"amount_{row.agency.pk}_{year_ids[row.year]}"
            self.fields[name] = MoneyField(
                label=_("%(agency)s %(year)s (€)") % {"agency": row.agency.name, "year": row.year},
                initial=row.granted if row.granted is not None else row.requested,
            )
            self.amount_fields.append((row, name))

    def amount_boundfields(self):
        return [self[name] for _row, name in self.amount_fields]

    def amounts(self) -> dict[tuple[int, int], Decimal]:
        result = {}
        for name, value in self.cleaned_data.items():
            if name.startswith("amount_"):
                _prefix, agency_id, year_id = name.split("_")
                result[(int(agency_id), int(year_id))] = value
        return result


class FundsCallForm(forms.Form):
    funding_year = forms.ModelChoiceField(label=_("Förderjahr"), queryset=FundingYear.objects.none())
    called_on = GermanDateField(label=_("abgerufen am"))
    period_from = GermanDateField(label=_("Zeitraum von"))
    period_to = GermanDateField(label=_("Zeitraum bis"))
    reference = forms.CharField(label=_("Zeichen"), max_length=100, required=False)

    def __init__(self, *args, phase, rows, **kwargs):
        """`rows`: balance rows of the district (agency, year, balance) for the callable maximum."""
        super().__init__(*args, **kwargs)
        self.fields["funding_year"].queryset = FundingYear.objects.filter(phase=phase)
        self.rows = rows
        self.agencies = []
        for agency in {row.agency.pk: row.agency for row in rows}.values():
            name = f"agency_{agency.pk}"
            self.fields[name] = MoneyField(label=agency.name, required=False)
            self.agencies.append((agency, name))

    def clean(self):
        data = super().clean()
        if data.get("period_from") and data.get("period_to"):
            if data["period_to"] < data["period_from"]:
                self.add_error("period_to", _("Das Ende des Zeitraums darf nicht vor dem Beginn liegen."))
            elif data.get("funding_year") and {data["period_from"].year, data["period_to"].year} != {
                data["funding_year"].year
            }:
                self.add_error("period_to", _("Der Zeitraum muss im gewählten Förderjahr liegen."))
        year = data.get("funding_year")
        if year:
            callable_by_agency = {row.agency.pk: row.balance.not_called for row in self.rows if row.year == year.year}
            for agency, name in self.agencies:
                amount = data.get(name)
                if amount and amount > callable_by_agency.get(agency.pk, Decimal("0")):
                    self.add_error(
                        name,
                        _("Höchstens %(max)s € sind für %(year)s noch abrufbar.")
                        % {"max": callable_by_agency.get(agency.pk, Decimal("0")), "year": year.year},
                    )
        if not any(data.get(name) for _a, name in self.agencies):
            raise forms.ValidationError(_("Bitte geben Sie für mindestens eine Agentur einen Betrag an."))
        return data

    def agency_boundfields(self):
        return [self[name] for _agency, name in self.agencies]

    def amounts(self) -> dict[int, Decimal]:
        return {agency.pk: self.cleaned_data[name] for agency, name in self.agencies if self.cleaned_data.get(name)}


class ForwardingContractForm(forms.ModelForm):
    class Meta:
        model = ForwardingContract
        fields = ["provider", "phase", "signed_on", "amount", "file", "notes"]
        formfield_callback = localize_decimals

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers

    def validate_unique(self):
        """Saving again for the same provider and phase updates the contract (service update_or_create)."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):
            if not upload.name.lower().endswith(".pdf"):
                raise forms.ValidationError(_("Bitte laden Sie den Vertrag als PDF hoch."))
            if upload.size > MAX_CONTRACT_BYTES:
                raise forms.ValidationError(_("Die Datei ist größer als 10 MB."))
        return upload


class FundsTransferForm(forms.Form):
    contract = forms.ModelChoiceField(label=_("Weiterleitungsvertrag"), queryset=ForwardingContract.objects.none())
    agency = forms.ModelChoiceField(label=_("Agentur"), queryset=Agency.objects.none())
    funding_year = forms.ModelChoiceField(label=_("Förderjahr"), queryset=FundingYear.objects.none())
    transferred_on = GermanDateField(label=_("überwiesen am"))
    amount = MoneyField(label=_("Betrag (€)"))
    reference = forms.CharField(label=_("Verwendungszweck"), max_length=140, required=False)

    def __init__(self, *args, contracts, agencies, phase, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts
        self.fields["agency"].queryset = agencies
        self.fields["funding_year"].queryset = FundingYear.objects.filter(phase=phase)
        self.rows = rows

    def clean(self):
        data = super().clean()
        contract, agency, year, amount = (data.get(k) for k in ("contract", "agency", "funding_year", "amount"))
        if contract and agency and agency.provider_id != contract.provider_id:
            self.add_error("agency", _("Die Agentur gehört nicht zum Träger dieses Vertrags."))
        if agency and year and amount:
            held = next(
                (
                    row.balance.held_by_district
                    for row in self.rows
                    if row.agency.pk == agency.pk and row.year == year.year
                ),
                Decimal("0"),
            )
            if amount > held:
                self.add_error(
                    "amount",
                    _("Für diese Agentur sind %(year)s nur %(held)s € abgerufen und noch nicht weitergeleitet.")
                    % {"year": year.year, "held": held},
                )
        return data


class ReallocationForm(forms.Form):
    funding_year = forms.ModelChoiceField(label=_("Förderjahr"), queryset=FundingYear.objects.none())
    from_agency = forms.ModelChoiceField(label=_("von Agentur (Minderbedarf)"), queryset=Agency.objects.none())
    to_agency = forms.ModelChoiceField(label=_("an Agentur (Mehrbedarf)"), queryset=Agency.objects.none())
    amount = MoneyField(label=_("Betrag (€)"), min_value=Decimal("0.01"))
    reason = forms.CharField(label=_("Begründung"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, agencies, phase, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_agency"].queryset = agencies
        self.fields["to_agency"].queryset = agencies
        self.fields["funding_year"].queryset = FundingYear.objects.filter(phase=phase)
        self.rows = rows

    def clean(self):
        data = super().clean()
        source, target, year, amount = (data.get(k) for k in ("from_agency", "to_agency", "funding_year", "amount"))
        if source and target and source == target:
            self.add_error("to_agency", _("Bitte wählen Sie zwei verschiedene Agenturen."))
        if source and year and amount:
            remaining = next(
                (row.balance.remaining for row in self.rows if row.agency.pk == source.pk and row.year == year.year),
                Decimal("0"),
            )
            if amount > remaining:
                self.add_error(
                    "amount",
                    _("%(agency)s hat %(year)s nur noch %(remaining)s € nicht ausgegeben.")
                    % {"agency": source.name, "year": year.year, "remaining": remaining},
                )
        return data


class ForecastCreateForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Integrationsagentur"), queryset=Agency.objects.none())
    funding_year = forms.ModelChoiceField(label=_("Förderjahr"), queryset=FundingYear.objects.order_by("-year"))
    as_of = GermanDateField(label=_("Stichtag"))

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class ForecastForm(VersionedForm):
    class Meta:
        model = SpendingForecast
        fields = ["as_of", "spent_to_date", "expected_until_year_end", "explanation"]
        formfield_callback = localize_decimals


class PartialStatementCreateForm(forms.Form):
    provider = forms.ModelChoiceField(label=_("Träger"), queryset=Provider.objects.none())
    funding_year = forms.ModelChoiceField(label=_("Förderjahr"), queryset=FundingYear.objects.order_by("-year"))

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers


class PartialStatementForm(VersionedForm):
    class Meta:
        model = PartialStatement
        fields = [
            "actual_grant",
            "actual_own_contribution",
            "actual_third_party",
            "justification_personnel",
            "justification_material",
            "justification_measures",
        ]
        formfield_callback = localize_decimals
        widgets = {f"justification_{ct}": forms.Textarea(attrs={"rows": 3}) for ct in CostType.values}


class ReceiptImportForm(forms.Form):
    file = forms.FileField(
        label=_("Belegliste (CSV oder XLSX)"),
        help_text=_(
            "Spalten: Agentur, Belegnummer, Datum, Empfänger, Zweck, Kostenart, Betrag. Die Liste ersetzt die "
            "bisherigen Belege – nur wenn alle Zeilen fehlerfrei sind."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Bitte laden Sie eine CSV- oder XLSX-Datei hoch."))
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Die Datei ist größer als 5 MB."))
        return upload


class DistrictStatementCreateForm(forms.Form):
    phase = forms.ModelChoiceField(label=_("Förderphase"), queryset=FundingPhase.objects.all())
    kind = forms.ChoiceField(label=_("Art"), choices=UseOfFundsStatement.Kind.choices)
    funding_authority = forms.ModelChoiceField(label=_("Bewilligungsbehörde"), queryset=FundingAuthority.objects.all())
