"""Working groups in the main menu (see core.menu)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.access import scope_for
from core.menu import MenuEntry


def menu_entries(request) -> list[MenuEntry]:
    if not scope_for(request.user).has_any_role:
        return []
    return [MenuEntry("meetings", _("Arbeitskreise"), reverse("meetings:list"))]
