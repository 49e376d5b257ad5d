from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("Organisationen und Personal")

    def ready(self):
        from agencies.access import scope_for
        from agencies.menu import menu_entries
        from agencies.staff_changes.calendar import staff_change_events
        from core.calendar import register_event_source
        from core.menu import register_menu_audience, register_menu_source

        register_event_source("agencies.staff_changes", staff_change_events)
        register_menu_source("agencies", menu_entries)
        # Every app's menu entries depend on the user's scope alone, which the registry owns.
        register_menu_audience(lambda request: scope_for(request.user))
