from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Berichte und Auswertungen")

    def ready(self):
        from core.menu import register_menu_source
        from reporting.menu import menu_entries

        register_menu_source("reporting", menu_entries)
