import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.access import scope_for
from agencies.models import Agency, DistrictAssociation, FieldOfAction, Municipality, Provider


class AgencyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Suche"), method="filter_search")
    district = django_filters.ModelChoiceFilter(
        label=_("Bezirksverband"),
        field_name="provider__district",
        queryset=DistrictAssociation.objects.none(),
    )
    provider = django_filters.ModelChoiceFilter(label=_("Träger"), queryset=Provider.objects.none())
    municipality = django_filters.ModelChoiceFilter(label=_("Kommune"), queryset=Municipality.objects.none())
    field_of_action = django_filters.ModelChoiceFilter(
        label=_("Handlungsfeld"), field_name="fields_of_action", queryset=FieldOfAction.objects.all()
    )
    active = django_filters.ChoiceFilter(
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
        visible = Agency.objects.filter(scope_for(user).agency_q())
        # Offer only choices the user can see, so the filter itself reveals nothing.
        self.filters["district"].queryset = DistrictAssociation.objects.filter(
            providers__agencies__in=visible
        ).distinct()
        self.filters["provider"].queryset = Provider.objects.filter(agencies__in=visible).distinct()
        self.filters["municipality"].queryset = Municipality.objects.filter(agencies__in=visible).distinct()
        for name in ("q",):
            self.filters[name].field.widget = forms.TextInput(attrs={"type": "search"})

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
