from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from core.views import healthz

admin.site.site_header = _("Agenturnetz – Administration")
admin.site.site_title = _("Agenturnetz")
admin.site.index_title = _("Stammdaten und Benutzer")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("anmelden/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("passwort/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("passwort/fertig/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("admin/", admin.site.urls),
    path("agenturen/", include("agencies.urls")),
    path("foerderung/", include("funding.urls")),
    path("finanzen/", include("finance.urls")),
    path("planung/", include("planning.urls")),
    path("arbeitskreise/", include("meetings.urls")),
    path("vorgaenge/", include("core.urls")),
    path("", include("reporting.urls")),
]
