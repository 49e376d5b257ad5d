from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = _("Planung")

    def ready(self):
        from core.menu import register_menu_source
        from planning.menu import menu_entries

        register_menu_source("planning", menu_entries)
