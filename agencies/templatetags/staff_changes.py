"""Template helpers for staff changes."""

from html import escape

from django import template
from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from agencies.models import ChangeKind, StaffChangeDecision
from core.numbers import grouped, separators
from core.workflow import State

register = template.Library()


@register.filter
def is_overdue(change, today) -> bool:
    """An approval-requiring change whose date came without a decision."""
    return change.is_overdue(today)


@register.filter
def lead_time_short(change, today) -> bool:
    return change.state in ("draft", "returned") and change.lead_time_short(today)


@register.simple_tag
def history_cells(series) -> str:
    """One cell per day of a staff history row: funded fte / staffed fte / heads. Written here rather than in the
    template because a district's history has hundreds of cells."""
    seps = separators()
    return mark_safe(  # figures only: digits, sign and separators (core.numbers.grouped), and integer head counts
        "".join(
            f'<td class="num small">{grouped(funded, seps=seps)} / {grouped(staffed, seps=seps)} / {int(heads)}</td>'
            for funded, staffed, heads in zip(series.funded, series.staffed, series.heads, strict=True)
        )
    )


def _text(value) -> str:
    return escape(str(value))  # what Django's escape does, without its check for lazy strings


def _label(choices, value) -> str:
    """What get_FOO_display() gives, escaped, without translating every choice of the field on each call."""
    try:
        return _text(choices(value).label)
    except ValueError:
        return _text(value)


@register.simple_tag
def change_badges(change, today) -> SafeString:
    """The badges of a staff change: state, approval or notice, the authority's decision, in effect, overdue.

    Written in Python because the short lists of three dashboards and the district's staff page show ten changes
    each (an include per change cost about 0.2 ms); `tests/agencies/test_staff_change_tags.py` compares it with the
    markup of the former template."""
    badges = [f'<span class="badge {change.state_badge_class}">{_label(State, change.state)}</span>']
    duty = gettext("zustimmungspflichtig") if change.requires_approval else gettext("anzeigepflichtig")
    badges.append(f'<span class="badge text-bg-light border">{_text(duty)}</span>')
    decision = change.decision_or_none
    if decision:
        css = "text-bg-success" if decision.is_approved else "text-bg-danger"
        badges.append(f'<span class="badge {css}">{_label(StaffChangeDecision.Outcome, decision.outcome)}</span>')
    if change.applied_at:
        badges.append(f'<span class="badge text-bg-info">{_text(gettext("wirksam"))}</span>')
    if change.is_overdue(today):
        text = gettext("Datum verstrichen, Entscheidung fehlt")
        badges.append(f'<span class="badge text-bg-danger">{_text(text)}</span>')
    return mark_safe("\n".join(badges))  # texts escaped, classes are constants of the code


@register.simple_tag
def change_item(change, today) -> SafeString:
    """A staff change in a short list (dashboards, the district's staff page): what, where, whom, when, badges.
    Needs the change's agency, staff member or site (for `subject`) and decision loaded."""
    effective_on = formats.date_format(change.effective_on, "SHORT_DATE_FORMAT")
    return mark_safe(  # every text escaped
        f'<li class="list-group-item"><a href="{_text(change.get_absolute_url())}">{_label(ChangeKind, change.kind)}'
        f"</a> · {_text(change.agency.name)} · {_text(change.subject())}<br>\n"
        f'<span class="small">{_text(change.effective_label)} {effective_on}</span> {change_badges(change, today)}</li>'
    )
