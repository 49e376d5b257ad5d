"""Staff changes in the personal calendar feed: the start of every open change the user may see."""

from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _

from core.calendar import CalendarEvent


def staff_change_events(user, start: date, end: date):
    from agencies.staff_changes.selectors import staff_changes_visible_to

    changes = staff_changes_visible_to(user).open().filter(effective_on__range=(start, end)).order_by("effective_on")
    for change in changes[:500]:
        yield CalendarEvent(
            uid=f"staff-change-{change.pk}@agenturnetz",
            title=_("%(kind)s: %(subject)s (%(agency)s)")
            % {"kind": change.get_kind_display(), "subject": change.subject(), "agency": change.agency.name},
            start=change.effective_on,
            description=_("Status: %(state)s") % {"state": change.get_state_display()},
            url=f"{settings.SITE_URL}{change.get_absolute_url()}",
            categories=(str(_("Personalveränderung")),),
            last_modified=change.updated_at,
        )
