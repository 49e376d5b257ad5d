from django import template

register = template.Library()


@register.filter
def is_rows(value) -> bool:
    """A table of rows (a list of dicts) in a snapshot, as opposed to a single text."""
    return isinstance(value, list) and bool(value) and isinstance(value[0], dict)


@register.filter
def columns(rows) -> list[str]:
    return [key for key in rows[0] if key != "id"] if rows else []


@register.filter
def cells(row) -> list:
    return [value for key, value in row.items() if key != "id"]


@register.filter
def get_section(comments, key):
    return (comments or {}).get(key, [])


@register.simple_tag
def state_label(state: str) -> str:
    """The state badge for a plain row (list views that read values, not model instances)."""
    from django.utils.html import format_html

    from core.workflow import STATE_BADGE, State

    return format_html('<span class="badge {}">{}</span>', STATE_BADGE.get(state, ""), State(state).label)
