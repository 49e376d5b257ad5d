from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Arbeitskreise und Sitzungen")

    def ready(self):
        from core.calendar import register_event_source
        from core.menu import register_menu_source
        from meetings.calendar import meeting_events
        from meetings.menu import menu_entries

        register_event_source("meetings", meeting_events)
        register_menu_source("meetings", menu_entries)
