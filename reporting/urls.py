from django.urls import path

from reporting import views
from reporting.views import (
    controlling,
    controlling_dashboard,
    controlling_templates,
    cooperation,
    imports,
    reports,
    responses,
    surveys,
)

app_name = "reporting"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("umfragen/", surveys.survey_list, name="surveys"),
    path("umfragen/neu/", surveys.survey_create, name="survey_create"),
    path("umfragen/<int:pk>/", surveys.survey_detail, name="survey"),
    path("umfragen/<int:pk>/bearbeiten/", surveys.survey_edit, name="survey_edit"),
    path("umfragen/<int:pk>/fragen/neu/", surveys.question_edit, name="question_create"),
    path("umfragen/<int:pk>/fragen/<int:question_pk>/", surveys.question_edit, name="question_edit"),
    path("umfragen/<int:pk>/fragen/<int:question_pk>/loeschen/", surveys.question_delete, name="question_delete"),
    path("umfragen/<int:pk>/starten/", surveys.survey_launch, name="survey_launch"),
    path("umfragen/<int:pk>/abschliessen/", surveys.survey_close, name="survey_close"),
    path("umfragen/<int:pk>/neue-ausgabe/", surveys.survey_new_edition, name="survey_new_edition"),
    path("umfragen/<int:pk>/antworten/", responses.respond, name="respond"),
    path("umfragen/<int:pk>/antworten/<int:response_pk>/", responses.response_detail, name="response"),
    path("umfragen/<int:pk>/antworten/<int:response_pk>/oeffnen/", responses.response_reopen, name="response_reopen"),
    path("umfragen/<int:pk>/bericht/", reports.report, name="report"),
    path("umfragen/<int:pk>/bericht.pdf", reports.report_pdf, name="report_pdf"),
    path("umfragen/<int:pk>/bericht.xlsx", reports.report_xlsx, name="report_xlsx"),
    path("umfragen/<int:pk>/antworten.csv", reports.responses_csv, name="responses_csv"),
    path("umfragen/<int:pk>/import/", imports.import_upload, name="import"),
    path("umfragen/<int:pk>/import/<int:import_pk>/", imports.import_check, name="import_check"),
    path("umfragen/<int:pk>/vorlage.<str:extension>", imports.import_template, name="import_template"),
    path("umfragen/<int:pk>/kooperationen-uebernehmen/", cooperation.adopt_cooperations, name="adopt_cooperations"),
    path("kooperationen/", cooperation.cooperation_list, name="cooperations"),
    path("kooperationen/<int:pk>/", cooperation.cooperation_list, name="cooperation_edit"),
    path("kooperationen/<int:pk>/entfernen/", cooperation.cooperation_delete, name="cooperation_delete"),
    path("netzwerk/", cooperation.network, name="network"),
    # Online-Controlling
    path("controlling/", controlling.report_list, name="controlling_reports"),
    path("controlling/neu/", controlling.report_create, name="controlling_create"),
    path("controlling/berichte/<int:pk>/", controlling.report_detail, name="controlling_report"),
    path("controlling/berichte/<int:pk>/bearbeiten/", controlling.report_edit, name="controlling_edit"),
    path("controlling/berichte/<int:pk>/pdf/", controlling.report_pdf, name="controlling_pdf"),
    path("controlling/berichte/<int:pk>/<slug:target>/", controlling.report_step, name="controlling_step"),
    path("controlling/vorlagen/", controlling_templates.template_list, name="controlling_templates"),
    path("controlling/vorlagen/<int:pk>/", controlling_templates.template_detail, name="controlling_template"),
    path(
        "controlling/vorlagen/<int:pk>/bearbeiten/",
        controlling_templates.template_edit,
        name="controlling_template_edit",
    ),
    path(
        "controlling/vorlagen/<int:pk>/veroeffentlichen/",
        controlling_templates.template_publish,
        name="controlling_template_publish",
    ),
    path(
        "controlling/vorlagen/<int:pk>/kennzahlen/neu/",
        controlling_templates.figure_edit,
        name="controlling_figure_create",
    ),
    path(
        "controlling/vorlagen/<int:pk>/kennzahlen/<int:item_pk>/",
        controlling_templates.figure_edit,
        name="controlling_figure_edit",
    ),
    path(
        "controlling/vorlagen/<int:pk>/fragen/neu/",
        controlling_templates.question_edit,
        name="controlling_question_create",
    ),
    path(
        "controlling/vorlagen/<int:pk>/fragen/<int:item_pk>/",
        controlling_templates.question_edit,
        name="controlling_question_edit",
    ),
    path(
        "controlling/vorlagen/<int:pk>/<slug:kind>/<int:item_pk>/entfernen/",
        controlling_templates.item_delete,
        name="controlling_item_delete",
    ),
    path("wirkungsdialog/", controlling_dashboard.dashboard, name="controlling_dashboard"),
    path("wirkungsdialog/auswertung.xlsx", controlling_dashboard.dashboard_xlsx, name="controlling_dashboard_xlsx"),
    path("wirkungsdialog/briefing/", controlling_dashboard.briefing, name="controlling_briefing"),
    path("wirkungsdialog/open-data.<str:extension>", controlling_dashboard.open_data, name="controlling_open_data"),
]
