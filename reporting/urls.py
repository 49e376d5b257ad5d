from django.urls import path

from reporting import views
from reporting.views import cooperation, imports, reports, responses, surveys

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
]
