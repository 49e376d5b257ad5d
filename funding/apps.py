from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Förderung")

    def ready(self):
        from core.calendar import register_event_source
        from funding.calendar_events import obligation_events

        register_event_source("funding.obligations", obligation_events)
