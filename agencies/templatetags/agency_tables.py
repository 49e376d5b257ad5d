"""Rows of the agency tables, written in Python: {% agency_row %} (agency list), {% district_agency_row %}
(district overview).

A page of 25 agencies cost about 3 ms in the template language (a link, the fields of action with the focus in bold,
figures per row); `tests/agencies/test_agency_row.py` compares the tags with the markup the templates wrote.
"""

from html import escape

from django import template
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from core.templatetags.agenturnetz import de_decimal

register = template.Library()


def _text(value) -> str:
    """`{{ value }}`: None as an empty text, everything else escaped (html.escape is what Django's escape does)."""
    return "" if value is None else escape(str(value))


@register.simple_tag
def agency_row(agency) -> SafeString:
    """The agency annotated by `selectors.with_figures`, with provider, district, municipality and its fields of
    action (`short_name`) loaded."""
    municipality = _text(agency.municipality.name)
    closed = (
        f' <span class="badge text-bg-secondary">{escape(gettext("geschlossen"))}</span>' if agency.closed_on else ""
    )
    focus = escape(gettext("Schwerpunkt"))
    fields = ", ".join(
        f'<strong title="{focus}">{_text(field.short_name)}</strong>'
        if field.pk == agency.primary_field_id
        else _text(field.short_name)
        for field in agency.fields_of_action.all()
    )
    provider = agency.provider
    return mark_safe(  # every value is escaped above or below
        "\n    <tr>\n"
        f'      <th scope="row"><a href="{escape(agency.get_absolute_url())}">{_text(agency.name)}</a>'
        f'<span class="d-block d-lg-none small fw-normal text-body-secondary">{municipality}</span>{closed}</th>\n'
        f'      <td class="d-none d-sm-table-cell">{_text(provider.name)}<br>'
        f'<span class="small text-body-secondary">{_text(provider.district.name)}</span></td>\n'
        f'      <td class="d-none d-lg-table-cell">{municipality}</td>\n'
        f'      <td class="small d-none d-lg-table-cell">{fields}</td>\n'
        f'      <td class="num">{_text(de_decimal(agency.staffed_fte))}</td>\n'
        f'      <td class="num">{_text(localize(agency.head_count))}</td>\n'
        "    </tr>"
    )


@register.simple_tag
def district_agency_row(agency) -> SafeString:
    """An agency of the district overview: annotated by `selectors.with_figures`, municipality and primary field
    loaded."""
    return mark_safe(  # every value is escaped
        f'<tr><th scope="row" class="fw-normal ps-4"><a href="{escape(agency.get_absolute_url())}">'
        f"{_text(agency.name)}</a></th><td>{_text(agency.municipality)}</td>"
        f"<td>{_text(agency.primary_field.short_name)}</td>\n"
        f'      <td class="num d-none d-sm-table-cell">{_text(de_decimal(agency.funded_fte))}</td>'
        f'<td class="num">{_text(de_decimal(agency.staffed_fte))}</td>'
        f'<td class="num">{_text(localize(agency.head_count))}</td></tr>'
    )
