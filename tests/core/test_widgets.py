"""The reports' select written in Python gives the markup of Django's select templates (with core's options tag)."""

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from agencies.models import WelfareAssociation
from core import widgets
from core.templatetags.form_widgets import filter_field
from tests.factories import WelfareAssociationFactory


def _form(widget):
    class Form(forms.Form):
        plain = forms.ChoiceField(
            choices=[
                ("", "–"),
                ("a", "A & B"),
                ("b", '"quoted" <b>'),
                ("a", "A again"),
                ("s", mark_safe("<b>safe</b>")),
                ("l", gettext_lazy("Kommune")),
            ],
            required=False,
            widget=widget,
        )
        number = forms.TypedChoiceField(
            choices=[("", "neuestes"), (2025, "2025"), (2024, "2024")], coerce=int, required=False, widget=widget
        )
        required = forms.ChoiceField(choices=[("", "–"), ("x", "X")], widget=widget(attrs={"class": "form-select"}))
        association = forms.ModelChoiceField(
            queryset=WelfareAssociation.objects.order_by("pk"), required=False, empty_label="alle", widget=widget
        )

    return Form


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [None, {}, {"plain": "a", "number": "2024", "required": "x"}, {"plain": "zz", "number": "x"}, "association"],
)
def test_select_markup_is_djangos(data):
    WelfareAssociationFactory(short_name="A & O")
    second = WelfareAssociationFactory(short_name='<i>"B"</i>')
    if data == "association":
        data = {"association": str(second.pk), "required": ""}
    old, new = _form(forms.Select)(data), _form(widgets.Select)(data)
    if data is not None:
        old.is_valid(), new.is_valid()
    for name in old.fields:
        assert str(new[name]) == str(old[name])
        assert filter_field(new[name]) == filter_field(old[name])
