"""The registry's entries in the main menu (see core.menu)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.access import scope_for
from core.menu import MenuEntry


def menu_entries(request) -> list[MenuEntry]:
    scope = scope_for(request.user)
    entries = []
    if scope.agency_ids or scope.provider_ids or scope.district_ids or scope.is_administrator:
        entries.append(
            MenuEntry(
                "agencies", _("Integrationsagenturen"), reverse("agencies:list"), order=10, short_label=_("Agenturen")
            )
        )
    if scope.provider_ids or scope.district_ids or scope.funding_authority_ids or scope.is_administrator:
        entries.append(MenuEntry("agencies", _("Personalveränderungen"), reverse("agencies:staff_changes"), order=20))
    if scope.is_state_level or scope.district_ids or scope.is_administrator:
        entries.append(MenuEntry("network", _("Netzwerk in Zahlen"), reverse("agencies:network"), order=10))
    return entries
