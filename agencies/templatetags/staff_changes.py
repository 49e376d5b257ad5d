"""Template helpers for staff changes."""

from django import template

register = template.Library()


@register.filter
def is_overdue(change, today) -> bool:
    """An approval-requiring change whose date came without a decision."""
    return change.is_overdue(today)


@register.filter
def lead_time_short(change, today) -> bool:
    return change.state in ("draft", "returned") and change.lead_time_short(today)


@register.filter
def get_index(sequence, index):
    return sequence[index]
