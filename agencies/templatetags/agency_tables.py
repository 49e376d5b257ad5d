"""Rows of the agency tables, written in Python: {% agency_row %} (agency list), {% district_agency_row %}
(district overview).

A page of 25 agencies cost about 3 ms in the template language (a link, the fields of action with the focus in bold,
figures per row); `tests/agencies/test_agency_row.py` compares the tags with the markup the templates wrote.
"""

from decimal import Decimal

from django import template
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from agencies.selectors import ZERO_FTE
from core.html import text
from core.templatetags.agenturnetz import de_decimal

register = template.Library()


@register.simple_tag
def agency_row(
    agency, fields_of_action: dict[int, list[tuple[int, str]]], staffed: dict[int, tuple[Decimal, int]]
) -> SafeString:
    """The agency with provider, district and municipality loaded; its fields of action are looked up in
    `fields_of_action` (`selectors.fields_of_action_by_agency`), its staffed fte and heads in `staffed`
    (`selectors.staffed_by_agency`: an agency nobody works in is missing there)."""
    staffed_fte, head_count = staffed.get(agency.pk, (ZERO_FTE.value, 0))
    municipality = text(agency.municipality.name)
    closed = f' <span class="badge text-bg-secondary">{text(gettext("geschlossen"))}</span>' if agency.closed_on else ""
    focus = text(gettext("Schwerpunkt"))
    fields = ", ".join(
        f'<strong title="{focus}">{text(short_name)}</strong>' if pk == agency.primary_field_id else text(short_name)
        for pk, short_name in fields_of_action.get(agency.pk, ())
    )
    provider = agency.provider
    return mark_safe(  # every value is escaped above or below
        "\n    <tr>\n"
        f'      <th scope="row"><a href="{text(agency.get_absolute_url())}">{text(agency.name)}</a>'
        f'<span class="d-block d-lg-none small fw-normal text-body-secondary">{municipality}</span>{closed}</th>\n'
        f'      <td class="d-none d-sm-table-cell">{text(provider.name)}<br>'
        f'<span class="small text-body-secondary">{text(provider.district.name)}</span></td>\n'
        f'      <td class="d-none d-lg-table-cell">{municipality}</td>\n'
        f'      <td class="small d-none d-lg-table-cell">{fields}</td>\n'
        f'      <td class="num">{text(de_decimal(staffed_fte))}</td>\n'
        f'      <td class="num">{text(localize(head_count))}</td>\n'
        "    </tr>"
    )


@register.simple_tag
def district_agency_row(agency) -> SafeString:
    """An agency of the district overview: annotated by `selectors.with_figures`, municipality and primary field
    loaded."""
    return mark_safe(  # every value is escaped
        f'<tr><th scope="row" class="fw-normal ps-4"><a href="{text(agency.get_absolute_url())}">'
        f"{text(agency.name)}</a></th><td>{text(agency.municipality)}</td>"
        f"<td>{text(agency.primary_field.short_name)}</td>\n"
        f'      <td class="num d-none d-sm-table-cell">{text(de_decimal(agency.funded_fte))}</td>'
        f'<td class="num">{text(de_decimal(agency.staffed_fte))}</td>'
        f'<td class="num">{text(localize(agency.head_count))}</td></tr>'
    )
