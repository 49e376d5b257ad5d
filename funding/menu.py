"""Deadlines, phases and the calendar in the main menu (see core.menu)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.access import scope_for
from core.menu import MenuEntry


def menu_entries(request) -> list[MenuEntry]:
    scope = scope_for(request.user)
    entries = []
    if scope.agency_ids or scope.provider_ids or scope.district_ids or scope.is_administrator:
        entries.append(
            MenuEntry("deadlines", _("Fristen und Abgabepflichten"), reverse("funding:obligations"), order=10)
        )
    if scope.district_ids or scope.is_administrator:
        entries.append(MenuEntry("deadlines", _("Fristenmatrix"), reverse("funding:matrix"), order=20))
        entries.append(MenuEntry("deadlines", _("Förderphasen und Fristregeln"), reverse("funding:phases"), order=40))
    if scope.has_any_role:
        entries.append(MenuEntry("deadlines", _("Kalender"), reverse("funding:calendar"), order=30))
    return entries
