from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "finance"
    verbose_name = _("Finanzen")

    def ready(self):
        from core.menu import register_menu_source
        from finance.menu import menu_entries

        register_menu_source("finance", menu_entries)
