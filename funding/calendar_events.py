"""The deadline calendar as an event source of core.calendar (registered in FundingConfig.ready()).

Specialists and provider managers get each of their agencies' deadlines; coordinators get what their district
owes itself plus one event per document kind and date for all their agencies together (not thirteen entries
for the same Sachbericht date)."""

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.access import scope_for
from core.calendar import CalendarEvent
from funding.models import DocumentKind, Obligation, ObligationState, Tier

UID_DOMAIN = "agenturnetz"


def _one_day(day: date) -> date:
    return day + timedelta(days=1)


def _in_range(start: date, end: date) -> Q:
    return Q(district_due__range=(start, end)) | Q(authority_due__range=(start, end))


def _tier_dates(district_due: date, authority_due: date | None):
    """(tier key, label, date) per event; equal dates (Sozialraumanalyse: 15.11./15.11.) make one event."""
    if authority_due is None:
        return [("district", _("an den Bezirksverband"), district_due)]
    if authority_due == district_due:
        return [("both", _("an Bezirksverband und Bewilligungsbehörde"), district_due)]
    return [
        ("district", _("an den Bezirksverband"), district_due),
        (Tier.AUTHORITY, _("an die Bewilligungsbehörde"), authority_due),
    ]


def obligation_events(user, start: date, end: date) -> list[CalendarEvent]:
    scope = scope_for(user)
    events: list[CalendarEvent] = []
    own = Q(agency_id__in=scope.agency_ids) | Q(agency__provider_id__in=scope.provider_ids)
    own |= Q(agency__isnull=True, district_id__in=scope.district_ids)
    obligations = (
        Obligation.objects.filter(own, _in_range(start, end), cancelled_on__isnull=True)
        .select_related("agency", "district")
        .order_by("district_due", "pk")
    )
    for obligation in obligations:
        kind = obligation.get_document_kind_display()
        for key, label, day in _tier_dates(obligation.district_due, obligation.authority_due):
            if not start <= day <= end:
                continue
            events.append(
                CalendarEvent(
                    uid=f"obligation-{obligation.pk}-{key}@{UID_DOMAIN}",
                    title=_("Frist: %(kind)s %(year)s %(tier)s – %(who)s")
                    % {"kind": kind, "year": obligation.year, "tier": label, "who": obligation.debtor_name},
                    start=day,
                    end=_one_day(day),
                    description=_("Stand: %(state)s. Förderjahr %(year)s.")
                    % {"state": obligation.get_state_display(), "year": obligation.year},
                    url=settings.SITE_URL + obligation.get_absolute_url(),
                    categories=(str(_("Frist")),),
                    last_modified=obligation.updated_at,
                )
            )
    if scope.district_ids:
        events += _district_summary_events(scope.district_ids, start, end)
    return events


def _district_summary_events(district_ids, start: date, end: date) -> list[CalendarEvent]:
    rows = (
        Obligation.objects.filter(
            _in_range(start, end), district_id__in=district_ids, agency__isnull=False, cancelled_on__isnull=True
        )
        .values("district_id", "document_kind", "year", "district_due", "authority_due")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(state=ObligationState.FORWARDED)))
        .order_by("district_due")
    )
    grouped = defaultdict(lambda: [0, 0])
    for row in rows:
        key = (row["district_id"], row["document_kind"], row["year"], row["district_due"], row["authority_due"])
        grouped[key][0] += row["total"]
        grouped[key][1] += row["done"]
    events = []
    matrix = settings.SITE_URL + reverse("funding:matrix")
    for (district_id, kind, year, district_due, authority_due), (total, done) in grouped.items():
        for key, label, day in _tier_dates(district_due, authority_due):
            if not start <= day <= end:
                continue
            events.append(
                CalendarEvent(
                    uid=f"deadline-{district_id}-{kind}-{year}-{key}@{UID_DOMAIN}",
                    title=_("Frist: %(kind)s %(year)s %(tier)s (%(count)s Agenturen)")
                    % {"kind": DocumentKind(kind).label, "year": year, "tier": label, "count": total},
                    start=day,
                    end=_one_day(day),
                    description=_("%(done)s von %(total)s weitergeleitet.") % {"done": done, "total": total},
                    url=f"{matrix}?year={year}&kind={kind}",
                    categories=(str(_("Frist")),),
                )
            )
    return events
