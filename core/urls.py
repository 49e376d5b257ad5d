from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("<int:pk>/", views.job_detail, name="job"),
    path("<int:pk>/status/", views.job_status, name="job_status"),
    path("<int:pk>/ergebnis/", views.job_download, name="job_download"),
]
