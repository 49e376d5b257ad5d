"""Template tags of the deadlines: the traffic-light badge, written once per obligation in lists and the matrix."""

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from funding.lights import Light
from funding.models import DocumentKind, Obligation, ObligationState

register = template.Library()


@register.simple_tag
def light_badge(light: Light) -> str:
    """The light as a badge: its colour for those who see it, a shape and a word for those who do not.

    A tag rather than an include: the matrix shows one per cell, and an include costs about 35 µs each."""
    return format_html(
        '<span class="badge {} funding-light"><span aria-hidden="true">{}</span> {}</span>',
        light.badge,
        light.symbol,
        light.label,
    )


@register.simple_tag
def deadline_item(obligation: Obligation, show_agency: bool) -> str:
    """One line of the agency's deadlines panel (`annotate`d obligation). Written here rather than in the template:
    the line's url, labels, date, plural and badge cost about 250 µs as template markup, a tenth of it here; the
    output is the same, byte for byte (tests compare it with the markup it replaces). The labels are looked up in
    the choices rather than through get_FOO_display, which translates every choice's label on each call."""
    agency = format_html(" – {}", obligation.agency.name) if show_agency else ""
    days = obligation.days
    left = ""
    if days is not None and days >= 0:
        # as {% blocktranslate count %}: the translation is not escaped, the number is
        left = mark_safe(" · " + ngettext("noch %(days)s Tag", "noch %(days)s Tage", days) % {"days": days})
    return format_html(
        '<li class="d-flex flex-wrap justify-content-between gap-2 border-bottom py-2">\n'
        '        <span><a href="{}">{} {}</a>{}<br>\n'
        '          <span class="small">{}: {}{}</span></span>\n'
        '        <span>{}<span class="visually-hidden">, </span> '
        '<span class="small d-block text-end">{}</span></span>\n'
        "      </li>",
        obligation.get_absolute_url(),
        _label(DocumentKind, obligation.document_kind),
        f"{obligation.year:d}",  # as |stringformat:"d"
        agency,
        gettext("Frist Bezirksverband"),
        date_format(obligation.district_due, "SHORT_DATE_FORMAT"),
        left,
        light_badge(obligation.light),
        _label(ObligationState, obligation.state),
    )


def _label(choices, value) -> str:
    """What get_FOO_display gives: the choice's label, or the value itself if it is none of the choices."""
    return dict(choices.choices).get(value, value)
