from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("Organisationen und Personal")

    def ready(self):
        from agencies.staff_changes.calendar import staff_change_events
        from core.calendar import register_event_source

        register_event_source("agencies.staff_changes", staff_change_events)
