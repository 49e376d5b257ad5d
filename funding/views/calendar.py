"""The month calendar page, the feed settings and the iCalendar feed itself."""

import calendar as pycalendar
from collections import defaultdict
from datetime import date, datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.calendar import events_for
from funding.models import CalendarFeedToken
from funding.services.feed import build_calendar, regenerate_feed_token, revoke_feed_token, user_for_token

MONTH_NAMES = [
    "",
    _("Januar"),
    _("Februar"),
    _("März"),
    _("April"),
    _("Mai"),
    _("Juni"),
    _("Juli"),
    _("August"),
    _("September"),
    _("Oktober"),
    _("November"),
    _("Dezember"),
]


def _month(request, today: date) -> date:
    raw = request.GET.get("monat", "")
    try:
        year, month = (int(part) for part in raw.split("-"))
        return date(year, month, 1)
    except (ValueError, TypeError):
        return today.replace(day=1)


@login_required
def month(request):
    if not request.user.has_perm("funding.use_calendar"):
        raise PermissionDenied
    today = timezone.localdate()
    first = _month(request, today)
    last = first.replace(day=pycalendar.monthrange(first.year, first.month)[1])
    by_day = defaultdict(list)
    events = events_for(request.user, first, last)
    for event in events:
        start = timezone.localtime(event.start).date() if isinstance(event.start, datetime) else event.start
        by_day[start].append(event)
    weeks = [
        [{"day": day, "in_month": day.month == first.month, "events": by_day.get(day, [])} for day in week]
        for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    ]
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (last + timedelta(days=1)).replace(day=1)
    return render(
        request,
        "funding/calendar.html",
        {
            "first": first,
            "title": f"{MONTH_NAMES[first.month]} {first.year}",
            "weeks": weeks,
            "events": events,
            "today": today,
            "previous": previous,
            "following": following,
            "previous_label": f"{MONTH_NAMES[previous.month]} {previous.year}",
            "following_label": f"{MONTH_NAMES[following.month]} {following.year}",
        },
    )


@login_required
def feed_settings(request):
    if not request.user.has_perm("funding.use_calendar"):
        raise PermissionDenied
    token = CalendarFeedToken.objects.filter(user=request.user).first()
    feed_url = request.build_absolute_uri(reverse("funding:feed", args=[token.token])) if token else ""
    return render(request, "funding/feed_settings.html", {"token": token, "feed_url": feed_url})


@login_required
@require_POST
def feed_regenerate(request):
    if not request.user.has_perm("funding.use_calendar"):
        raise PermissionDenied
    existed = CalendarFeedToken.objects.filter(user=request.user).exists()
    regenerate_feed_token(user=request.user)
    messages.success(
        request,
        _("Sie haben eine neue Adresse erhalten; die bisherige funktioniert nicht mehr.")
        if existed
        else _("Ihr Kalender-Abo ist eingerichtet."),
    )
    return redirect("funding:feed_settings")


@login_required
@require_POST
def feed_revoke(request):
    if revoke_feed_token(user=request.user):
        messages.success(request, _("Das Kalender-Abo ist abgeschaltet. Die Adresse funktioniert nicht mehr."))
    return redirect("funding:feed_settings")


@never_cache
@require_GET
def feed(request, token: str):
    """No login: the secret token in the URL is the credential (calendar apps cannot log in)."""
    user = user_for_token(token)
    if user is None:
        raise Http404
    body = build_calendar(user=user, today=timezone.localdate())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenturnetz.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
