"""Template helpers for staff changes."""

from django import template
from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from agencies.models import ChangeKind, StaffChangeDecision
from core.html import choice_label, text
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


@register.simple_tag
def change_badges(change, today) -> SafeString:
    """The badges of a staff change: state, approval or notice, the authority's decision, in effect, overdue.

    Written in Python because the short lists of three dashboards and the district's staff page show ten changes
    each (an include per change cost about 0.2 ms); `tests/agencies/test_staff_change_tags.py` compares it with the
    markup of the former template."""
    state = text(choice_label(State, change.state))
    badges = [f'<span class="badge {change.state_badge_class}">{state}</span>']
    duty = gettext("zustimmungspflichtig") if change.requires_approval else gettext("anzeigepflichtig")
    badges.append(f'<span class="badge text-bg-light border">{text(duty)}</span>')
    decision = change.decision_or_none
    if decision:
        css = "text-bg-success" if decision.is_approved else "text-bg-danger"
        outcome = text(choice_label(StaffChangeDecision.Outcome, decision.outcome))
        badges.append(f'<span class="badge {css}">{outcome}</span>')
    if change.applied_at:
        badges.append(f'<span class="badge text-bg-info">{text(gettext("wirksam"))}</span>')
    if change.is_overdue(today):
        overdue = gettext("Datum verstrichen, Entscheidung fehlt")
        badges.append(f'<span class="badge text-bg-danger">{text(overdue)}</span>')
    return mark_safe("\n".join(badges))  # texts escaped, classes are constants of the code


@register.simple_tag
def change_item(change, today) -> SafeString:
    """A staff change in a short list (dashboards, the district's staff page): what, where, whom, when, badges.
    Needs the change's agency, staff member or site (for `subject`) and decision loaded."""
    effective_on = formats.date_format(change.effective_on, "SHORT_DATE_FORMAT")
    kind = text(choice_label(ChangeKind, change.kind))
    return mark_safe(  # every text escaped
        f'<li class="list-group-item"><a href="{text(change.get_absolute_url())}">{kind}'
        f"</a> · {text(change.agency.name)} · {text(change.subject())}<br>\n"
        f'<span class="small">{text(change.effective_label)} {effective_on}</span> {change_badges(change, today)}</li>'
    )
