from django.urls import path

from funding.views import calendar, deadlines, matrix, phases

app_name = "funding"

urlpatterns = [
    path("fristen/", deadlines.obligation_list, name="obligations"),
    path("fristen/<int:pk>/", deadlines.obligation_detail, name="obligation"),
    path("fristen/<int:pk>/anlage/<int:event_pk>/", deadlines.attachment, name="attachment"),
    path("matrix/", matrix.matrix, name="matrix"),
    path("matrix/export.xlsx", matrix.matrix_export, name="matrix_export"),
    path("kalender/", calendar.month, name="calendar"),
    path("kalender/abo/", calendar.feed_settings, name="feed_settings"),
    path("kalender/abo/neu/", calendar.feed_regenerate, name="feed_regenerate"),
    path("kalender/abo/abschalten/", calendar.feed_revoke, name="feed_revoke"),
    path("kalender/<str:token>.ics", calendar.feed, name="feed"),
    path("phasen/", phases.phase_list, name="phases"),
    path("phasen/neu/", phases.phase_create, name="phase_create"),
    path("phasen/<int:pk>/", phases.phase_detail, name="phase"),
    path("phasen/<int:pk>/abgleichen/", phases.phase_sync, name="phase_sync"),
    path("phasen/<int:pk>/bezirk/<int:district_pk>/regel/neu/", phases.rule_create, name="rule_create"),
    path("regeln/<int:pk>/", phases.rule_edit, name="rule_edit"),
]
