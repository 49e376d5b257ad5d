"""The landing page, surveys, the cooperation network and the controlling in the main menu (see core.menu)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.access import scope_for
from core.menu import MenuEntry


def menu_entries(request) -> list[MenuEntry]:
    scope = scope_for(request.user)
    entries = [MenuEntry("start", _("Übersicht"), reverse("reporting:dashboard"), exact=True)]
    if scope.works_with_documents:
        entries.append(
            MenuEntry("documents", _("Online-Controlling"), reverse("reporting:controlling_reports"), order=30)
        )
    if scope.has_any_role:
        entries.append(
            MenuEntry("documents", _("Wirkungsdialog"), reverse("reporting:controlling_dashboard"), order=40)
        )
    # The funding authority sees forwarded documents, not surveys.
    if (scope.has_any_role and not scope.is_funding_authority) or scope.is_administrator:
        entries.append(MenuEntry("network", _("Umfragen"), reverse("reporting:surveys"), order=20))
    if scope.agency_ids:
        entries.append(MenuEntry("network", _("Kooperationen"), reverse("reporting:cooperations"), order=30))
    if scope.is_state_level or scope.district_ids or scope.is_administrator:
        entries.append(MenuEntry("network", _("Kooperationsnetz"), reverse("reporting:network"), order=40))
    return entries
