from django.urls import path

from agencies import views
from agencies.staff_changes import views as change_views
from agencies.staff_changes import views_district

app_name = "agencies"

urlpatterns = [
    path("", views.agency_list, name="list"),
    path("<int:pk>/", views.agency_detail, name="detail"),
    path("bezirksverband/<int:pk>/", views.district_overview, name="district"),
    path("netzwerk/", views.network_figures, name="network"),
    # Staff and position changes
    path("veraenderungen/", change_views.change_list, name="staff_changes"),
    path("veraenderungen/neu/", change_views.change_start, name="staff_change_start"),
    path("veraenderungen/neu/<int:agency>/<str:kind>/", change_views.change_create, name="staff_change_create"),
    path("veraenderungen/<int:pk>/", change_views.change_detail, name="staff_change"),
    path("veraenderungen/<int:pk>/bearbeiten/", change_views.change_edit, name="staff_change_edit"),
    path("veraenderungen/<int:pk>/loeschen/", change_views.change_delete, name="staff_change_delete"),
    path("veraenderungen/<int:pk>/einreichen/", change_views.change_submit, name="staff_change_submit"),
    path("veraenderungen/<int:pk>/pruefen/", change_views.change_review, name="staff_change_review"),
    path("veraenderungen/<int:pk>/weiterleiten/", change_views.change_forward, name="staff_change_forward"),
    path("veraenderungen/<int:pk>/entscheidung/", change_views.change_decide, name="staff_change_decide"),
    path("veraenderungen/<int:pk>/pdf/<int:document>/", change_views.change_pdf, name="staff_change_pdf"),
    path("fachkraefte/<int:pk>/kontaktdaten/", change_views.contact_data, name="contact_data"),
    path("bezirksverband/<int:pk>/personal/", views_district.staff_overview, name="staff_overview"),
    path("bezirksverband/<int:pk>/fachkraefte.xlsx", views_district.staff_list_export, name="staff_list_xlsx"),
    path("bezirksverband/<int:pk>/veraenderungen.xlsx", views_district.change_log_export, name="change_log_xlsx"),
]
