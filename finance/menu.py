"""The money pages in the main menu (see core.menu)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.access import scope_for
from core.menu import MenuEntry


def menu_entries(request) -> list[MenuEntry]:
    scope = scope_for(request.user)
    if not (
        scope.agency_ids
        or scope.provider_ids
        or scope.district_ids
        or scope.funding_authority_ids
        or scope.is_state_level
        or scope.is_administrator
    ):
        return []
    entries = []
    if scope.agency_ids or scope.provider_ids or scope.district_ids or scope.is_administrator:
        entries.append(MenuEntry("finance", _("Kosten- und Finanzierungspläne"), reverse("finance:index"), order=10))
        entries.append(MenuEntry("finance", _("Mittel-Controlling"), reverse("finance:forecasts"), order=20))
    if scope.provider_ids or scope.district_ids or scope.is_administrator:
        entries.append(MenuEntry("finance", _("Mittel und Salden"), reverse("finance:balances"), order=30))
        entries.append(
            MenuEntry("finance", _("Teilverwendungsnachweise"), reverse("finance:partial_statements"), order=40)
        )
    if scope.district_ids or scope.funding_authority_ids or scope.is_administrator:
        entries.append(
            MenuEntry("finance", _("Gesamtantrag und Nachweise"), reverse("finance:joint_applications"), order=50)
        )
    if scope.is_state_level or scope.is_administrator:
        entries.append(MenuEntry("finance", _("Fördermittel im Netzwerk"), reverse("finance:network"), order=60))
    entries.append(MenuEntry("finance", _("Fördersätze"), reverse("finance:rates"), order=70))
    return entries
