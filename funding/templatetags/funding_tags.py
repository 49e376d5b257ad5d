"""Template tags of the deadlines: the traffic-light badge, written once per obligation in lists and the matrix."""

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from core.html import choice_label
from funding.lights import Light
from funding.models import DocumentKind, Obligation, ObligationState

register = template.Library()

_PK_SENTINEL = 987654321


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


@register.simple_tag(takes_context=True)
def matrix_cells(context, cells: list) -> SafeString:
    """The cells of one matrix row, written as the template loop did (same markup, same whitespace): a link with
    the badge per obligation, a dash where nothing is owed.

    In Python because the matrix has a cell per agency and document: the loop, `{% if %}`, the reversed url and
    the badge cost about 40 µs a cell in the template. Here the url is formatted from one reversed pattern and
    each light's badge is written once per page."""
    cache = context.render_context.get("funding_matrix_cells")
    if cache is None:
        prefix, suffix = escape(reverse("funding:obligation", args=[_PK_SENTINEL])).split(str(_PK_SENTINEL))
        empty = format_html('<span class="text-body-secondary" title="{}">–</span>', gettext("nicht geschuldet"))
        cache = context.render_context["funding_matrix_cells"] = (prefix, suffix, empty, {})
    prefix, suffix, empty, badges = cache
    parts = []
    for obligation in cells:
        if obligation:
            light = obligation.light
            badge = badges.get(light.key)
            if badge is None:
                badge = badges[light.key] = light_badge(light)
            content = f'<a href="{prefix}{int(obligation.pk)}{suffix}" class="text-decoration-none">{badge}</a>'
        else:
            content = empty
        parts.append(f"\n        <td>{content}</td>\n      ")
    return mark_safe("".join(parts))  # escaped parts and integer ids only


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
        choice_label(DocumentKind, obligation.document_kind),
        f"{obligation.year:d}",  # as |stringformat:"d"
        agency,
        gettext("Frist Bezirksverband"),
        date_format(obligation.district_due, "SHORT_DATE_FORMAT"),
        left,
        light_badge(obligation.light),
        choice_label(ObligationState, obligation.state),
    )
