"""Template tags of the deadlines: the traffic-light badge, written once per obligation in lists and the matrix."""

from django import template
from django.utils.html import format_html

from funding.lights import Light

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
