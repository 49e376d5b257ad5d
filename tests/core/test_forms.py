"""The shared German date input: typed as 30.04.2027, parsed by DATE_INPUT_FORMATS, refused in plain German."""

from datetime import date

import pytest
from django import forms

from core.forms import GermanDateField, GermanDatesMixin


class _Form(forms.Form):
    day = GermanDateField(label="Tag")


class _ModelLikeForm(GermanDatesMixin, forms.Form):
    day = forms.DateField(label="Tag", widget=forms.DateInput(attrs={"type": "date", "class": "x"}))


@pytest.mark.parametrize(
    "typed",
    ["30.04.2027", "30.4.2027", "30.04.27", "2027-04-30", "30042027", "300427", " 30.04.2027 "],
)
def test_german_iso_and_digits_only_dates_are_accepted(typed):
    form = _Form({"day": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == date(2027, 4, 30)


@pytest.mark.parametrize("typed", ["31.02.2027", "04/30/2027", "morgen", "30.13.2027", "2027"])
def test_an_invalid_date_is_refused_with_a_german_message_and_kept_in_the_field(typed):
    form = _Form({"day": typed})
    assert not form.is_valid()
    assert form.errors["day"] == [
        "Bitte geben Sie ein gültiges Datum im Format TT.MM.JJJJ ein, zum Beispiel 30.04.2027."
    ]
    assert f'value="{typed}"' in str(form["day"])


def test_the_field_is_a_text_input_with_german_placeholder_and_number_pad():
    html = str(_Form()["day"])
    assert 'type="text"' in html
    assert 'placeholder="TT.MM.JJJJ"' in html
    assert 'inputmode="numeric"' in html
    assert "required" in html


def test_a_stored_date_is_shown_the_german_way():
    assert 'value="30.04.2027"' in str(_Form(initial={"day": date(2027, 4, 30)})["day"])


def test_the_mixin_turns_native_date_inputs_into_german_text_inputs_keeping_other_attributes():
    form = _ModelLikeForm({"day": "ungültig"})
    html = str(form["day"])
    assert 'type="text"' in html and 'class="x"' in html and 'placeholder="TT.MM.JJJJ"' in html
    assert not form.is_valid()
    assert "TT.MM.JJJJ" in form.errors["day"][0]
