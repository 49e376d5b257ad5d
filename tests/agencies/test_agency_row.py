"""The agency list's row tag writes what the row template wrote before it."""

import re
from datetime import date

import pytest
from django.template import engines
from django.utils import timezone

from agencies.models import Agency
from agencies.selectors import fields_of_action_by_agency, staffed_by_agency, with_figures
from agencies.templatetags.agency_tables import agency_row, district_agency_row
from tests.factories import AgencyFactory, MunicipalityFactory, ProviderFactory, field_of_action, staff_agency

pytestmark = pytest.mark.django_db

# The row as templates/agencies/agency_list.html wrote it before {% agency_row %}.
TEMPLATE_ROW = """{% load i18n agenturnetz %}
    <tr>
      <th scope="row"><a href="{{ agency.get_absolute_url }}">{{ agency.name }}</a><span class="d-block d-lg-none small fw-normal text-body-secondary">{{ agency.municipality.name }}</span>{% if agency.closed_on %} <span class="badge text-bg-secondary">{% translate "geschlossen" %}</span>{% endif %}</th>
      <td class="d-none d-sm-table-cell">{{ agency.provider.name }}<br><span class="small text-body-secondary">{{ agency.provider.district.name }}</span></td>
      <td class="d-none d-lg-table-cell">{{ agency.municipality.name }}</td>
      <td class="small d-none d-lg-table-cell">{% for field in agency.fields_of_action.all %}{% if field.pk == agency.primary_field_id %}<strong title="{% translate 'Schwerpunkt' %}">{{ field.short_name }}</strong>{% else %}{{ field.short_name }}{% endif %}{% if not forloop.last %}, {% endif %}{% endfor %}</td>
      <td class="num">{{ agency.staffed_fte|de_decimal }}</td>
      <td class="num">{{ agency.head_count }}</td>
    </tr>"""  # noqa: E501


def _normalised(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


@pytest.fixture
def agencies():
    tricky = AgencyFactory(
        name='IA "Brücke" & <Söhne>',
        provider=ProviderFactory(name="Träger & Co <gGmbH>"),
        municipality=MunicipalityFactory(name="Mülheim an der Ruhr"),
        primary_field=field_of_action("interkulturelle-oeffnung"),
        fields_of_action=[field_of_action("interkulturelle-oeffnung"), field_of_action("antidiskriminierungsarbeit")],
        closed_on=date(2030, 12, 31),
    )
    staff_agency(tricky, fte="0.75")
    staff_agency(tricky, fte="0.50")
    plain = AgencyFactory(name="IA Nord")
    return [tricky, plain]


def _loaded(agencies, *related):
    """The agencies as a page loads them: with their figures of today and the relations it shows."""
    queryset = Agency.objects.filter(pk__in=[agency.pk for agency in agencies]).select_related(*related)
    return with_figures(queryset, timezone.localdate()).order_by("pk")


def test_agency_row_writes_what_the_template_wrote(agencies):
    rows = _loaded(agencies, "provider__district", "municipality")
    template = engines["django"].from_string(TEMPLATE_ROW)
    ids = [agency.pk for agency in agencies]
    fields, staffed = fields_of_action_by_agency(ids), staffed_by_agency(ids, day=timezone.localdate())
    for agency in rows:
        assert _normalised(agency_row(agency, fields, staffed)) == _normalised(template.render({"agency": agency}))


def test_agency_row_shows_figures_the_german_way(agencies):
    agency = with_figures(Agency.objects.filter(pk=agencies[0].pk), timezone.localdate()).get()
    html = agency_row(
        agency, fields_of_action_by_agency([agency.pk]), staffed_by_agency([agency.pk], day=timezone.localdate())
    )
    assert '<td class="num">1,25</td>' in html and '<td class="num">2</td>' in html
    assert "&lt;Söhne&gt;" in html and "<Söhne>" not in html


# The agency row of templates/agencies/district_overview.html before {% district_agency_row %}.
DISTRICT_TEMPLATE_ROW = """{% load agenturnetz %}<tr><th scope="row" class="fw-normal ps-4"><a href="{{ agency.get_absolute_url }}">{{ agency.name }}</a></th><td>{{ agency.municipality }}</td><td>{{ agency.primary_field.short_name }}</td>
      <td class="num d-none d-sm-table-cell">{{ agency.funded_fte|de_decimal }}</td><td class="num">{{ agency.staffed_fte|de_decimal }}</td><td class="num">{{ agency.head_count }}</td></tr>"""  # noqa: E501


def test_district_agency_row_writes_what_the_template_wrote(agencies):
    rows = _loaded(agencies, "municipality", "primary_field")
    template = engines["django"].from_string(DISTRICT_TEMPLATE_ROW)
    for agency in rows:
        assert district_agency_row(agency) == template.render({"agency": agency})
