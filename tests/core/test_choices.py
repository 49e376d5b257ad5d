"""Options of several tables read in one statement are the options their ModelChoiceFields offer."""

import pytest
from django import forms

from agencies.models import DistrictAssociation, Municipality, WelfareAssociation
from core.choices import labelled_choices, offer_labelled_choices
from tests.factories import DistrictAssociationFactory, MunicipalityFactory, WelfareAssociationFactory

pytestmark = pytest.mark.django_db


def _field_options(model) -> list[tuple[int, str]]:
    field = forms.ModelChoiceField(queryset=model.objects.all(), empty_label=None)
    return [(value.value, label) for value, label in field.choices]


def test_each_list_holds_the_options_of_its_model_choice_field():
    for name in ("Zeta", "Alpha", "Mitte"):
        MunicipalityFactory(name=f"Stadt {name}")
        DistrictAssociationFactory(name=f"Bezirk {name}")
    associations, districts, municipalities = labelled_choices(
        (WelfareAssociation, "short_name"), (DistrictAssociation, "name"), (Municipality, "name")
    )
    assert associations == _field_options(WelfareAssociation)
    assert districts == _field_options(DistrictAssociation)
    assert municipalities == _field_options(Municipality)


def test_the_lists_are_read_in_one_query(django_assert_num_queries):
    WelfareAssociationFactory()
    MunicipalityFactory()
    with django_assert_num_queries(1):
        labelled_choices((WelfareAssociation, "short_name"), (Municipality, "name"))


def test_a_table_without_rows_gives_an_empty_list():
    MunicipalityFactory()
    assert labelled_choices((DistrictAssociation, "name"), (Municipality, "name"))[0] == []


def test_no_sources_read_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert labelled_choices() == []


def _organisation_fields() -> dict[str, forms.ModelChoiceField]:
    return {
        "verband": forms.ModelChoiceField(queryset=WelfareAssociation.objects.all(), empty_label="alle"),
        "kommune": forms.ModelChoiceField(queryset=Municipality.objects.all(), empty_label="alle"),
    }


def test_offered_choices_are_read_in_one_query_when_the_selects_are_written(django_assert_num_queries):
    association, municipality = WelfareAssociationFactory(), MunicipalityFactory()
    fields = _organisation_fields()
    with django_assert_num_queries(0):
        offer_labelled_choices(
            fields, {"verband": (WelfareAssociation, "short_name"), "kommune": (Municipality, "name")}
        )
    with django_assert_num_queries(1):
        associations, municipalities = list(fields["verband"].choices), list(fields["kommune"].choices)
    assert associations == [("", "alle"), (association.pk, association.short_name)]
    assert municipalities == [("", "alle"), (municipality.pk, municipality.name)]
