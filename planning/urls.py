from django.urls import path

from planning.views import documents, editing, trace

app_name = "planning"

urlpatterns = [
    path("", documents.document_list, name="list"),
    path("eingang/", documents.inbox, name="inbox"),
    path("eingang/sammelaktion/", documents.bulk_action, name="bulk_action"),
    path("nachverfolgung/<int:agency_pk>/<int:year>/", trace.traceability, name="traceability"),
    path("anlage/<int:attachment_pk>/", editing.attachment, name="attachment"),
    path("anlage/<int:attachment_pk>/entfernen/", editing.remove_attachment, name="remove_attachment"),
    path("sozialraumanalyse/<int:pk>/bearbeiten/", editing.edit_analysis, name="edit_analysis"),
    path("sozialraumanalyse/<int:pk>/fortschreiben/", editing.continue_analysis, name="continue_analysis"),
    path("sozialraumanalyse/<int:pk>/vergleich/", editing.compare_analysis, name="compare_analysis"),
    path("aufgabenplanung/<int:pk>/aufgabe/neu/", editing.edit_task, name="add_task"),
    path("aufgabenplanung/<int:pk>/aufgabe/<int:task_pk>/", editing.edit_task, name="edit_task"),
    path("aufgabenplanung/<int:pk>/aufgabe/<int:task_pk>/loeschen/", editing.delete_task, name="delete_task"),
    path("aufgabenplanung/<int:pk>/aenderung/", editing.amend_plan, name="amend_plan"),
    path("sachbericht/<int:pk>/bearbeiten/", editing.edit_report, name="edit_report"),
    path("sachbericht/<int:pk>/anlage/", editing.upload_attachment, name="upload_attachment"),
    path("<str:kind>/neu/", editing.create, name="create"),
    path("<str:kind>/<int:pk>/", documents.detail, name="detail"),
    path("<str:kind>/<int:pk>/raster/", editing.adopt_template, name="adopt_template"),
    path("<str:kind>/<int:pk>/anmerkung/", documents.add_comment, name="comment"),
    path("<str:kind>/<int:pk>/status/<str:target>/", documents.step, name="step"),
    path("<str:kind>/<int:pk>/pdf/", documents.pdf, name="pdf"),
    path("<str:kind>/<int:pk>/pdf/gespeichert/<int:stored_pk>/", documents.stored_pdf, name="stored_pdf"),
    path("<str:kind>/<int:pk>/revision/<int:number>/", documents.revision_detail, name="revision"),
    path("<str:kind>/<int:pk>/revision/<int:number>/pdf/", documents.pdf, name="revision_pdf"),
]
