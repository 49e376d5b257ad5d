from django.urls import path

from finance.views import common, cost_plans, district, provider

app_name = "finance"

urlpatterns = [
    path("", cost_plans.cost_plan_list, name="index"),
    path("kostenplaene/neu/", cost_plans.cost_plan_create, name="cost_plan_create"),
    path("kostenplaene/<int:pk>/", cost_plans.cost_plan_detail, name="cost_plan"),
    path("kostenplaene/<int:pk>/bearbeiten/", cost_plans.cost_plan_edit, name="cost_plan_edit"),
    path("kostenplaene/<int:pk>/neu-berechnen/", cost_plans.cost_plan_recompute, name="cost_plan_recompute"),
    path("foerdersaetze/", district.rates, name="rates"),
    path("foerdersaetze/<int:phase_pk>/bearbeiten/", district.rates_edit, name="rates_edit"),
    path("bezirk/", district.joint_application_list, name="joint_applications"),
    path("gesamtantrag/neu/", district.joint_application_create, name="joint_application_create"),
    path("gesamtantrag/<int:pk>/", district.joint_application_detail, name="joint_application"),
    path("gesamtantrag/<int:pk>/bescheid/", district.grant_decision, name="grant_decision"),
    path("gesamtantrag/<int:pk>/bescheid/anpassen/", district.grant_adjust, name="grant_adjust"),
    path("netzwerk/", district.network, name="network"),
    path("mittel/", district.balances, name="balances"),
    path("mittel/abruf/neu/", district.funds_call_create, name="funds_call_create"),
    path("mittel/vertrag/neu/", district.contract_create, name="contract_create"),
    path("mittel/vertrag/<int:pk>/datei/", district.contract_file, name="contract_file"),
    path("mittel/weiterleitung/neu/", district.transfer_create, name="transfer_create"),
    path("mittel/umverteilung/neu/", district.reallocation_create, name="reallocation_create"),
    path("nachweis/neu/", district.statement_create, name="statement_create"),
    path("nachweis/<int:pk>/", district.statement_detail, name="statement"),
    path("mittel-controlling/", provider.forecast_list, name="forecasts"),
    path("mittel-controlling/neu/", provider.forecast_create, name="forecast_create"),
    path("mittel-controlling/<int:pk>/", provider.forecast_detail, name="forecast"),
    path("mittel-controlling/<int:pk>/bearbeiten/", provider.forecast_edit, name="forecast_edit"),
    path("teilnachweise/", provider.partial_statement_list, name="partial_statements"),
    path("teilnachweise/neu/", provider.partial_statement_create, name="partial_statement_create"),
    path("teilnachweise/<int:pk>/", provider.partial_statement_detail, name="partial_statement"),
    path("teilnachweise/<int:pk>/bearbeiten/", provider.partial_statement_edit, name="partial_statement_edit"),
    path("teilnachweise/<int:pk>/belege/", provider.receipts_import, name="receipts_import"),
    path("dokument/<slug:kind>/<int:pk>/<slug:slug>/", common.step, name="step"),
    path("dokument/<slug:kind>/<int:pk>/datei/<int:file_pk>/", common.stored_file, name="stored_file"),
    path("dokument/<slug:kind>/<int:pk>/export.<str:fmt>", common.live_file, name="live_file"),
]
