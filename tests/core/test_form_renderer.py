"""The fast form renderer writes the same markup as the widget templates it replaces."""

from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe

from core.form_renderer import WRITERS, FastWidgetRenderer
from core.forms import GermanDateInput, GermanTimeInput

TRICKY = "Ä & <b>\"quoted\"</b> 'x'"


class Everything(forms.Form):
    text = forms.CharField(label="Text", required=False, max_length=20)
    search = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "search", "class": "x y"}))
    number = forms.DecimalField(required=False, min_value=0, decimal_places=2)
    whole = forms.IntegerField(min_value=2000, max_value=2100, help_text="z. B. 2027")
    email = forms.EmailField(required=False)
    url = forms.URLField(required=False, disabled=True)
    password = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    day = forms.DateField(required=False, widget=GermanDateInput())
    iso_day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    at = forms.TimeField(required=False, widget=GermanTimeInput())
    choice = forms.ChoiceField(choices=[("", "alle"), ("a", TRICKY), ("Gruppe", [("b", "B"), ("c", "C")])])
    model_like = forms.TypedChoiceField(required=False, coerce=int, choices=[(1, "eins"), (2, "zwei")])
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3, "autofocus": True, "x": False}))


VALUES = [
    None,
    {
        "text": TRICKY,
        "search": "<script>",
        "number": "15,25",
        "whole": "1999",
        "email": "a@b",
        "password": "geheim&",
        "hidden": TRICKY,
        "day": "30.04.2027",
        "iso_day": "2027-04-30",
        "at": "1430",
        "choice": "b",
        "model_like": "2",
        "note": f"Zeile 1\n{TRICKY}",
    },
    {"text": "", "number": "abc", "whole": "", "day": "31.02.2027", "choice": "zzz", "note": ""},
]


@pytest.mark.parametrize("data", VALUES)
def test_every_widget_renders_as_its_template_does(data):
    fast, slow = Everything(data, renderer=FastWidgetRenderer()), Everything(data, renderer=TemplatesSetting())
    fast.is_valid(), slow.is_valid()
    for name in Everything.base_fields:
        assert str(fast[name]) == str(slow[name]), name


@pytest.mark.parametrize(
    "value",
    [0, 15.25, Decimal("15.25"), date(2027, 4, 30), mark_safe("<b>sicher</b>"), TRICKY, "", None, True],
)
def test_initial_values_of_any_type_render_as_in_the_template(value):
    widgets = [forms.TextInput(), forms.NumberInput(), forms.Textarea(), forms.HiddenInput(), forms.Select()]
    for widget in widgets:
        attrs = {"data-x": value, "flag": True, "off": False}
        assert widget.render("f", value, attrs, renderer=FastWidgetRenderer()) == widget.render(
            "f", value, attrs, renderer=TemplatesSetting()
        ), widget


def test_every_written_template_exists_and_is_covered():
    renderer = TemplatesSetting()
    for name in WRITERS:
        assert renderer.get_template(name) is not None


def test_other_widgets_still_render_through_their_templates():
    widget = forms.CheckboxSelectMultiple(choices=[("a", "A")])
    assert widget.render("f", ["a"], renderer=FastWidgetRenderer()) == widget.render(
        "f", ["a"], renderer=TemplatesSetting()
    )
