"""Demo data of the deadline calendar, relative to the real date: the phase containing today, the one before it
with its history and the next one; Tabelle 3 rules for every district; obligations with a believable past
(most fulfilled on time, some late, some still open)."""

import hashlib
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from agencies.models import Membership, Role
from funding.models import DOCUMENT_BACKED_KINDS, FundingPhase, FundingYear, Obligation, ObligationState
from funding.services.obligations import ensure_rules, sync_obligations
from funding.services.progress import mark_fulfilled, record_document_progress, record_missed_deadlines


def phase_bounds(today: date) -> list[tuple[str, date, date]]:
    """Two-year phases starting in even years (2024–2025, 2026–2027, …): previous, current, next."""
    start = today.year if today.year % 2 == 0 else today.year - 1
    phases = []
    for first in (start - 2, start, start + 2):
        phases.append((f"Förderphase {first}–{first + 1}", date(first, 1, 1), date(first + 1, 12, 31)))
    return phases


def ensure_phase(name: str, starts_on: date, ends_on: date, today: date) -> FundingPhase:
    phase, _ = FundingPhase.objects.get_or_create(name=name, defaults={"starts_on": starts_on, "ends_on": ends_on})
    for number, year in enumerate(phase.years, start=1):
        FundingYear.objects.get_or_create(year=year, defaults={"phase": phase, "number": number})
    ensure_rules(phase=phase)
    sync_obligations(phase=phase, today=min(today, phase.starts_on), include_past=True)
    return phase


def _roll(obligation: Obligation) -> int:
    """A stable number 0–99 per obligation, so a second seeding takes the same decisions."""
    key = f"{obligation.agency_id}-{obligation.district_id}-{obligation.document_kind}-{obligation.year}"
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % 100


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _record(obligation: Obligation, state: str, on: date, coordinator, today: date) -> None:
    if obligation.document_kind in DOCUMENT_BACKED_KINDS and obligation.agency_id:
        record_document_progress(
            agency=obligation.agency, kind=obligation.document_kind, year=obligation.year, state=state, at=_at(on)
        )
    elif coordinator is not None:
        mark_fulfilled(
            obligation=obligation,
            step=state if (state != "approved" or obligation.authority_due is None) else "submitted",
            on=on,
            by=coordinator,
            note="Demodaten",
            today=today,
        )


def _history(obligation: Obligation, today: date, coordinator) -> None:
    roll = _roll(obligation)
    history_phase = obligation.district_due < today - timedelta(days=365)
    if roll < (97 if history_phase else 70):
        submitted = obligation.district_due - timedelta(days=1 + roll % 10)
    elif roll < (99 if history_phase else 85):
        submitted = obligation.district_due + timedelta(days=3 + roll % 12)  # late
    else:
        return  # still missing: late
    if submitted >= today:
        return
    steps = [("submitted", submitted)]
    approved = submitted + timedelta(days=1 + roll % 3)
    if approved < today:
        steps.append(("approved", approved))
    forwarded = approved + timedelta(days=1 + roll % 2)
    if obligation.authority_due and forwarded < today:
        steps.append(("forwarded", forwarded))
    if not obligation.is_manual:
        for state, on in steps:
            _record(obligation, state, on, coordinator, today)
    else:
        state, on = steps[-1]
        _record(obligation, state, on, coordinator, today)


@transaction.atomic
def seed(*, today: date) -> None:
    phases = [ensure_phase(name, start, end, today) for name, start, end in phase_bounds(today)]
    coordinators = {
        m.district_id: m.user for m in Membership.objects.filter(role=Role.COORDINATOR).select_related("user")
    }
    untouched = (
        Obligation.objects.filter(rule__phase__in=phases, state=ObligationState.OPEN, district_due__lt=today)
        .exclude(events__action__in=["progress", "fulfilled"])
        .select_related("agency", "district")
        .order_by("pk")
    )
    for obligation in untouched:
        _history(obligation, today, coordinators.get(obligation.district_id))
    record_missed_deadlines(today=today)
