import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, DistrictAssociation, Provider
from core import widgets
from funding.lights import DUE_SOON_DAYS, STATUS_FILTER_CHOICES
from funding.models import DocumentKind, FundingYear, Obligation, ObligationState
from funding.selectors import due_soon_q, fulfilled_q, overdue_q


def funding_years() -> list[int]:
    return list(FundingYear.objects.order_by("year").values_list("year", flat=True))


class ObligationFilter(django_filters.FilterSet):
    """Filters of the deadline list and the coordinator's matrix. Choices offer only what the user may see."""

    year = django_filters.ChoiceFilter(widget=widgets.Select, label=_("Förderjahr"), empty_label=_("alle"))
    kind = django_filters.ChoiceFilter(
        widget=widgets.Select,
        label=_("Unterlage"),
        field_name="document_kind",
        choices=DocumentKind.choices,
        empty_label=_("alle"),
    )
    status = django_filters.ChoiceFilter(
        widget=widgets.Select,
        label=_("Ampel"),
        choices=STATUS_FILTER_CHOICES,
        method="filter_status",
        empty_label=_("alle"),
    )
    district = django_filters.ModelChoiceFilter(
        widget=widgets.Select,
        label=_("Bezirksverband"),
        queryset=DistrictAssociation.objects.none(),
        empty_label=_("alle"),
    )
    provider = django_filters.ModelChoiceFilter(
        widget=widgets.Select,
        label=_("Träger"),
        field_name="agency__provider",
        queryset=Provider.objects.none(),
        empty_label=_("alle"),
    )
    q = django_filters.CharFilter(label=_("Agentur"), method="filter_search")

    class Meta:
        model = Obligation
        fields = ["year", "kind", "status", "district", "provider", "q"]

    def __init__(self, *args, user=None, visible_agencies=None, years=None, **kwargs):
        super().__init__(*args, **kwargs)
        years = years if years is not None else funding_years()
        self.filters["year"].extra["choices"] = [(year, str(year)) for year in years]
        visible_agencies = visible_agencies if visible_agencies is not None else Agency.objects.none()
        self.filters["provider"].queryset = Provider.objects.filter(
            pk__in=visible_agencies.order_by().values("provider_id")
        ).only("name")
        self.filters["district"].queryset = DistrictAssociation.objects.filter(
            pk__in=self.queryset.values("district_id")
        )
        self.filters["q"].field.widget = forms.TextInput(attrs={"type": "search"})

    def filter_status(self, queryset, name, value):
        today = timezone.localdate()
        late = overdue_q(today)
        soon = due_soon_q(today, DUE_SOON_DAYS)
        return {
            "done": queryset.filter(fulfilled_q()),
            "late": queryset.filter(late),
            "soon": queryset.filter(soon).exclude(late),
            "progress": queryset.exclude(fulfilled_q() | late | soon).exclude(state=ObligationState.OPEN),
            "open": queryset.filter(state=ObligationState.OPEN).exclude(late | soon),
        }.get(value, queryset)

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(agency__name__icontains=value) | Q(agency__municipality__name__icontains=value))
