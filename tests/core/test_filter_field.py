"""The filter bars' field tag writes the markup crispy's Bootstrap 5 pack would write for the same field."""

import re

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms

from core.templatetags.form_widgets import filter_field


class Filters(forms.Form):
    q = forms.CharField(label="Suche", required=False, widget=forms.TextInput(attrs={"type": "search"}))
    state = forms.ChoiceField(label="Status", required=False, choices=[("", "alle"), ("a", "Ä & <b>")])
    year = forms.IntegerField(label="Förderjahr", required=False, min_value=2000, help_text="z. B. <em>2027</em>")
    kind = forms.ChoiceField(label="Art", choices=[("x", "X")])
    note = forms.CharField(label="Notiz", required=False, widget=forms.Textarea)
    closed = forms.BooleanField(label="geschlossen", required=False)


def _normalised(html: str) -> str:
    """Whitespace next to a tag does not show (crispy's template indents its label text)."""
    return re.sub(r"\s*([<>])\s*", r"\1", re.sub(r"\s+", " ", str(html))).strip()


@pytest.mark.parametrize("data", [None, {"q": "Essen", "state": "a", "year": "1999", "kind": ""}])
@pytest.mark.parametrize("name", ["q", "state", "year", "kind", "note", "closed"])
def test_filter_field_matches_crispy(name, data):
    form = Filters(data)
    form.is_valid()
    expected = _normalised(as_crispy_field(Filters(data)[name]))
    assert _normalised(filter_field(form[name])) == expected


def test_filter_field_shows_the_error_at_the_field_and_marks_it_invalid():
    form = Filters({"year": "abc", "kind": "x"})
    form.is_valid()
    html = filter_field(form["year"])
    assert 'aria-invalid="true"' in html
    assert "is-invalid" in html
    assert 'id="error_1_id_year"' in html
    assert "ganze Zahl" in html  # Django's German message
    assert 'value="abc"' in html  # the input is kept
