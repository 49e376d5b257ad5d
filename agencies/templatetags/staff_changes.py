"""Template helpers for staff changes."""

from django import template
from django.utils.safestring import mark_safe

from core.numbers import grouped, separators

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
