import unicodedata

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.access import scope_for
from agencies.models import Agency, DistrictAssociation, FieldOfAction, Municipality, Provider
from core import widgets


class AgencyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Suche"), method="filter_search")
    district = django_filters.ModelChoiceFilter(
        widget=widgets.Select,
        label=_("Bezirksverband"),
        field_name="provider__district",
        queryset=DistrictAssociation.objects.none(),
    )
    provider = django_filters.ModelChoiceFilter(
        widget=widgets.Select, label=_("Träger"), queryset=Provider.objects.none()
    )
    municipality = django_filters.ModelChoiceFilter(
        widget=widgets.Select, label=_("Kommune"), queryset=Municipality.objects.none()
    )
    field_of_action = django_filters.ModelChoiceFilter(
        widget=widgets.Select,
        label=_("Handlungsfeld"),
        field_name="fields_of_action",
        queryset=FieldOfAction.objects.all(),
    )
    active = django_filters.ChoiceFilter(
        widget=widgets.Select,
        label=_("Status"),
        choices=[("yes", _("aktiv")), ("no", _("geschlossen"))],
        method="filter_active",
        empty_label=_("alle"),
    )

    class Meta:
        model = Agency
        fields = ["q", "district", "provider", "municipality", "field_of_action", "active"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer only choices the user can see, so the filter itself reveals nothing (see `form`).
        self._visible = Agency.objects.filter(scope_for(user).agency_q())
        self.filters["q"].field.widget = forms.TextInput(attrs={"type": "search"})

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            districts, providers, municipalities = choices_of_visible(self._visible)
            for name, model, choices in (
                ("district", DistrictAssociation, districts),
                ("provider", Provider, providers),
                ("municipality", Municipality, municipalities),
            ):
                field = form.fields[name]
                if self.is_bound:
                    # A submitted choice must be one of the options read above; an unbound filter validates nothing,
                    # so it does not build these querysets.
                    field.queryset = model.objects.filter(pk__in=[pk for pk, _label in choices])
                # Django's own setter: a ModelChoiceField then offers these instead of iterating its queryset
                # (django-filter's setter would wrap them in a model iterator again).
                forms.ChoiceField.choices.fset(field, [("", field.empty_label), *choices])
        return self._form

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value) | Q(municipality__name__icontains=value) | Q(provider__name__icontains=value)
        )

    def filter_active(self, queryset, name, value):
        today = timezone.localdate()
        if value == "yes":
            return queryset.active_on(today)
        if value == "no":
            return queryset.exclude(pk__in=Agency.objects.active_on(today).values("pk"))
        return queryset


def _sort_key(label: str) -> str:
    """Sorts as a German reader expects: Ä with A, case ignored."""
    return "".join(c for c in unicodedata.normalize("NFKD", label.casefold()) if not unicodedata.combining(c))


def choices_of_visible(visible) -> tuple[list, list, list]:
    """The districts, providers and municipalities of the visible agencies as (pk, name) choices, from one query."""
    rows = visible.order_by().values_list(
        "provider__district_id",
        "provider__district__name",
        "provider_id",
        "provider__name",
        "municipality_id",
        "municipality__name",
    )
    districts, providers, municipalities = {}, {}, {}
    for district_id, district, provider_id, provider, municipality_id, municipality in rows.distinct():
        districts[district_id] = district
        providers[provider_id] = provider
        municipalities[municipality_id] = municipality
    return tuple(
        sorted(options.items(), key=lambda option: (_sort_key(option[1]), option[0]))
        for options in (districts, providers, municipalities)
    )
