"""{% main_menu %}: the main menu for the page being rendered (see core.menu)."""

from django import template
from django.utils.safestring import SafeString

from core.menu import rendered_main_menu

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context) -> SafeString:
    request = context.get("request")
    return rendered_main_menu(request) if request is not None else SafeString("")
