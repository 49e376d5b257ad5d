"""Phases, their deadline rules and the obligations generated from them."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agencies.models import Agency, DistrictAssociation
from funding.models import (
    DeadlineRule,
    DeadlineRuleChange,
    Debtor,
    FundingPhase,
    FundingYear,
    Obligation,
    ObligationEvent,
    ObligationState,
)
from funding.tabelle3 import RULE_FIELDS, default_rule_values


@dataclass
class SyncResult:
    created: int = 0
    moved: int = 0
    cancelled: int = 0
    restored: int = 0
    obligations: list = field(default_factory=list, repr=False)


def agency_owes(agency: dict, reference_year: int, district_due: date) -> bool:
    """An agency owes what falls in its time: the funding year overlaps its active period, and the date is not
    before it opened (a new agency owes no task plan that was due before it existed)."""
    active_since, closed_on = agency["active_since"], agency["closed_on"]
    year_start, year_end = date(reference_year, 1, 1), date(reference_year, 12, 31)
    if active_since and (active_since > year_end or district_due < active_since):
        return False
    return not (closed_on and closed_on <= year_start)


@transaction.atomic
def create_phase(*, name: str, starts_on: date, ends_on: date, by=None) -> FundingPhase:
    """Creates a phase with its funding years, gives every district association its deadline rules (copied from
    its previous phase, else Tabelle 3) and generates all obligations, including those already due."""
    phase = FundingPhase(name=name, starts_on=starts_on, ends_on=ends_on)
    phase.full_clean()
    taken = set(FundingYear.objects.filter(year__in=phase.years).values_list("year", flat=True))
    if taken:
        raise ValidationError(
            {"starts_on": _("Für %(years)s gibt es schon eine Förderphase.") % {"years": ", ".join(map(str, taken))}}
        )
    phase.save()
    FundingYear.objects.bulk_create(
        FundingYear(phase=phase, year=year, number=number) for number, year in enumerate(phase.years, start=1)
    )
    ensure_rules(phase=phase)
    sync_obligations(phase=phase, today=starts_on, include_past=True)
    return phase


def ensure_rules(*, phase: FundingPhase, districts=None) -> int:
    """Gives each district association without rules in `phase` the rules of its latest earlier phase, or
    Tabelle 3. Returns the number of rules created."""
    districts = list(districts if districts is not None else DistrictAssociation.objects.all())
    having = set(DeadlineRule.objects.filter(phase=phase).values_list("district_id", flat=True).distinct())
    created = []
    for district in districts:
        if district.pk in having:
            continue
        previous = list(
            DeadlineRule.objects.filter(district=district, phase__starts_on__lt=phase.starts_on)
            .order_by("-phase__starts_on")
            .values("phase_id", *RULE_FIELDS)
        )
        if previous:
            latest_phase = previous[0]["phase_id"]
            values = [
                {k: v for k, v in row.items() if k != "phase_id"} for row in previous if row["phase_id"] == latest_phase
            ]
        else:
            values = default_rule_values()
        created += [DeadlineRule(phase=phase, district=district, **row) for row in values]
    DeadlineRule.objects.bulk_create(created)
    return len(created)


@transaction.atomic
def sync_obligations(
    *, phase: FundingPhase, today: date, rules=None, include_past: bool = False, by=None
) -> SyncResult:
    """Brings the obligations of `phase` (or of `rules` only) in line with its rules and the agencies' active
    periods. Side effects, all in one transaction, each with an ObligationEvent row:
    - creates missing obligations (with `include_past` also those already due – only when a phase is created);
    - moves the due dates of open obligations that are still ahead when their rule changed;
    - cancels open obligations still ahead that are no longer owed (agency closed, rule switched off) and
      restores cancelled ones that are owed again.
    Obligations whose district date has passed are never changed: the past stays as it was."""
    result = SyncResult()
    rules = list(rules if rules is not None else DeadlineRule.objects.filter(phase=phase))
    years = phase.years
    district_ids = {rule.district_id for rule in rules}
    agencies_by_district: dict[int, list[dict]] = {}
    for agency in Agency.objects.filter(provider__district_id__in=district_ids).values(
        "pk", "provider__district_id", "active_since", "closed_on"
    ):
        agencies_by_district.setdefault(agency["provider__district_id"], []).append(agency)

    desired: dict[tuple, tuple] = {}
    for rule in rules:
        if not rule.is_active:
            continue
        for year in rule.reference_years(years):
            district_due, authority_due = rule.due_dates(year)
            if rule.debtor == Debtor.DISTRICT:
                desired[(rule.pk, None, year)] = (rule, district_due, authority_due)
                continue
            for agency in agencies_by_district.get(rule.district_id, []):
                if agency_owes(agency, year, district_due):
                    desired[(rule.pk, agency["pk"], year)] = (rule, district_due, authority_due)

    # Only the fields compared and written below: a phase of 2,100 agencies has 20,000 obligations, and loading
    # their timestamps and dates of progress would double the time of the daily run's sync.
    locked = Obligation.objects.filter(rule__in=rules).select_for_update()
    existing = {
        (o.rule_id, o.agency_id, o.year): o
        for o in locked.only("rule", "agency", "year", "state", "district_due", "authority_due", "cancelled_on")
    }
    new, events, changed = [], [], []
    for key, (rule, district_due, authority_due) in desired.items():
        obligation = existing.get(key)
        if obligation is None:
            if district_due < today and not include_past:
                continue
            new.append(
                Obligation(
                    rule=rule,
                    district_id=rule.district_id,
                    agency_id=key[1],
                    document_kind=rule.document_kind,
                    year=key[2],
                    district_due=district_due,
                    authority_due=authority_due,
                )
            )
            continue
        if obligation.district_due < today:
            continue  # already due: history, never rewritten
        if obligation.cancelled_on:
            obligation.cancelled_on = None
            events.append(ObligationEvent(obligation=obligation, action=ObligationEvent.Action.RESTORED, by=by))
            result.restored += 1
            changed.append(obligation)
        if (obligation.district_due, obligation.authority_due) != (district_due, authority_due):
            events.append(
                ObligationEvent(
                    obligation=obligation,
                    action=ObligationEvent.Action.DUE_CHANGED,
                    effective_on=district_due,
                    note=_("vorher %(old)s") % {"old": obligation.district_due.strftime("%d.%m.%Y")},
                    by=by,
                )
            )
            obligation.district_due, obligation.authority_due = district_due, authority_due
            result.moved += 1
            changed.append(obligation)
    for key, obligation in existing.items():
        if key in desired or obligation.cancelled_on or obligation.district_due < today:
            continue
        if obligation.state != ObligationState.OPEN:
            continue  # a document is on its way: keep the obligation it fulfils
        obligation.cancelled_on = today
        events.append(ObligationEvent(obligation=obligation, action=ObligationEvent.Action.CANCELLED, by=by))
        result.cancelled += 1
        changed.append(obligation)

    Obligation.objects.bulk_create(new)
    events += [ObligationEvent(obligation=o, action=ObligationEvent.Action.CREATED, by=by) for o in new]
    if changed:
        Obligation.objects.bulk_update(set(changed), ["district_due", "authority_due", "cancelled_on"])
    ObligationEvent.objects.bulk_create(events)
    result.created = len(new)
    result.obligations = new
    return result


def sync_all_phases(*, today: date) -> SyncResult:
    """The daily run: catches agencies that opened or closed since yesterday, for every phase not yet over."""
    total = SyncResult()
    for phase in FundingPhase.objects.filter(ends_on__gte=today):
        ensure_rules(phase=phase)
        result = sync_obligations(phase=phase, today=today)
        total.created += result.created
        total.moved += result.moved
        total.cancelled += result.cancelled
        total.restored += result.restored
    return total


@transaction.atomic
def update_rule(*, rule: DeadlineRule, values: dict, by, today: date, reason: str = "") -> DeadlineRuleChange:
    """Saves a coordinator's edit of a rule. Side effects: a DeadlineRuleChange audit row (who, when, old → new,
    why); obligations still ahead move to the new dates, are created or cancelled; obligations already due stay."""
    rule = DeadlineRule.objects.select_for_update().get(pk=rule.pk)
    changes = {}
    for name, value in values.items():
        if name not in RULE_FIELDS or name == "document_kind":
            continue
        if getattr(rule, name) != value:
            changes[name] = [getattr(rule, name), value]
            setattr(rule, name, value)
    rule.full_clean()
    rule.save()
    result = sync_obligations(phase=rule.phase, today=today, rules=[rule], by=by)
    return DeadlineRuleChange.objects.create(
        rule=rule,
        by=by,
        changes=changes,
        reason=reason,
        moved_obligations=result.moved + result.created + result.cancelled + result.restored,
    )


@transaction.atomic
def create_rule(*, phase: FundingPhase, district: DistrictAssociation, values: dict, by, today: date) -> DeadlineRule:
    """Adds a rule for a document kind the district has no rule for yet; generates its obligations still ahead."""
    rule = DeadlineRule(phase=phase, district=district, **{k: v for k, v in values.items() if k in RULE_FIELDS})
    rule.full_clean()
    rule.save()
    sync_obligations(phase=phase, today=today, rules=[rule], by=by)
    DeadlineRuleChange.objects.create(rule=rule, by=by, changes={"created": True}, reason="")
    return rule
