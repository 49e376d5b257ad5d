"""The shared German date and time inputs: typed as 30.04.2027 and 14:30, refused in plain German."""

from datetime import date, time

import pytest
from django import forms

from core.forms import GermanDateField, GermanDatesMixin, GermanTimeField, parse_german_time


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


INVALID_TIME = "Bitte geben Sie eine gültige Uhrzeit im Format HH:MM ein, zum Beispiel 14:30."


class _TimeForm(forms.Form):
    at = GermanTimeField(label="Beginn")


class _ModelLikeTimeForm(GermanDatesMixin, forms.Form):
    at = forms.TimeField(
        label="Beginn",
        required=False,
        help_text="Ortszeit",
        widget=forms.TimeInput(attrs={"type": "time", "class": "x"}),
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("14:30", time(14, 30)),
        ("1430", time(14, 30)),
        ("14.30", time(14, 30)),
        ("14,30", time(14, 30)),
        ("9:05", time(9, 5)),
        ("0930", time(9, 30)),
        ("930", time(9, 30)),
        ("14", time(14, 0)),
        ("9", time(9, 0)),
        ("14:30 Uhr", time(14, 30)),
        (" 14:30 ", time(14, 30)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
    ],
)
def test_german_and_digits_only_times_are_accepted(typed, expected):
    assert parse_german_time(typed) == expected
    form = _TimeForm({"at": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["at"] == expected


@pytest.mark.parametrize("typed", ["24:00", "14:60", "2:5", "14:3", "12345", "2 pm", "mittags", "14:30:00:00", ":30"])
def test_parsing_refuses_what_is_not_a_time_of_day(typed):
    assert parse_german_time(typed) is None


@pytest.mark.parametrize("typed", ["24:00", "14:60", "1x30", "mittags"])
def test_an_invalid_time_is_refused_with_a_german_message_and_kept_in_the_field(typed):
    form = _TimeForm({"at": typed})
    assert not form.is_valid()
    assert form.errors["at"] == [INVALID_TIME]
    assert f'value="{typed}"' in str(form["at"])


def test_the_time_field_is_a_text_input_with_placeholder_and_number_pad():
    html = str(_TimeForm()["at"])
    assert 'type="text"' in html
    assert 'placeholder="HH:MM"' in html
    assert 'inputmode="numeric"' in html
    assert "required" in html


def test_a_stored_time_is_shown_as_hours_and_minutes():
    assert 'value="09:30"' in str(_TimeForm(initial={"at": time(9, 30)})["at"])


def test_the_mixin_turns_native_time_inputs_into_german_text_inputs_keeping_the_field():
    form = _ModelLikeTimeForm({"at": "1430"})
    html = str(form["at"])
    assert 'type="text"' in html and 'class="x"' in html and 'placeholder="HH:MM"' in html
    assert form.fields["at"].help_text == "Ortszeit" and not form.fields["at"].required
    assert form.is_valid(), form.errors
    assert form.cleaned_data["at"] == time(14, 30)
    invalid = _ModelLikeTimeForm({"at": "25:00"})
    assert not invalid.is_valid()
    assert invalid.errors["at"] == [INVALID_TIME]
