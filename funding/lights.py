"""The traffic light of an obligation: a colour for the eye plus a word, so colour is never the only signal."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from funding.models import Obligation, ObligationState, Tier

DUE_SOON_DAYS = 28


@dataclass(frozen=True)
class Light:
    key: str  # done, late, soon, progress, open, cancelled
    label: str
    badge: str  # Bootstrap classes with AA contrast
    symbol: str  # a shape that differs per light, for people who do not see the colour
    fill: str  # XLSX cell colour (RGB hex)


LIGHTS = {
    "done": Light("done", _("erledigt"), "text-bg-success", "✓", "C6EFCE"),
    "late": Light("late", _("überfällig"), "text-bg-danger", "!", "FFC7CE"),
    "soon": Light("soon", _("bald fällig"), "text-bg-warning", "◔", "FFEB9C"),
    "progress": Light("progress", _("in Bearbeitung"), "text-bg-primary", "…", "DDEBF7"),
    "open": Light("open", _("offen"), "text-bg-light border", "○", "FFFFFF"),
    "cancelled": Light("cancelled", _("entfallen"), "text-bg-secondary", "–", "EDEDED"),
}

STATUS_FILTER_CHOICES = [(key, light.label) for key, light in LIGHTS.items() if key != "cancelled"]


def light_for(obligation: Obligation, today: date) -> Light:
    if obligation.cancelled_on:
        return LIGHTS["cancelled"]
    if obligation.is_fulfilled:
        return LIGHTS["done"]
    if obligation.overdue_tier(today):
        return LIGHTS["late"]
    days = obligation.days_left(today)
    if days is not None and days <= DUE_SOON_DAYS:
        return LIGHTS["soon"]
    if obligation.state != ObligationState.OPEN:
        return LIGHTS["progress"]
    return LIGHTS["open"]


def describe(obligation: Obligation, today: date) -> str:
    """One German sentence for lists, e-mails and the calendar: what is missing by when."""
    tier = obligation.overdue_tier(today)
    if tier == Tier.DISTRICT:
        return str(_("Frist beim Bezirksverband versäumt"))
    if tier == Tier.AUTHORITY:
        return str(_("Frist bei der Bewilligungsbehörde versäumt"))
    days = obligation.days_left(today)
    if days is None:
        return str(obligation.get_state_display())
    if days == 0:
        return str(_("heute fällig"))
    if days == 1:
        return str(_("morgen fällig"))
    return str(_("noch %(days)s Tage") % {"days": days})


def annotate(obligations, today: date):
    """Attaches the traffic light, the status sentence and the days left to each obligation for the templates."""
    for obligation in obligations:
        obligation.light = light_for(obligation, today)
        obligation.status_text = describe(obligation, today)
        obligation.days = obligation.days_left(today)
    return obligations
