"""The agencies' documents and the coordination's inbox in the main menu (see core.menu)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.access import scope_for
from core.menu import MenuEntry


def menu_entries(request) -> list[MenuEntry]:
    scope = scope_for(request.user)
    entries = []
    if scope.works_with_documents:
        entries.append(
            MenuEntry("documents", _("Analysen, Planungen, Sachberichte"), reverse("planning:list"), order=10)
        )
        if scope.district_ids:
            entries.append(MenuEntry("documents", _("Eingang"), reverse("planning:inbox"), order=20))
    return entries
