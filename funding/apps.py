from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Förderung")

    def ready(self):
        from core.calendar import register_event_source
        from core.menu import register_menu_source
        from funding.calendar_events import obligation_events
        from funding.menu import menu_entries

        register_event_source("funding.obligations", obligation_events)
        register_menu_source("funding", menu_entries)
