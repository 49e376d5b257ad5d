"""The staff-change services: workflow through core.transition, the authority's decision, applying changes to the
registry with history kept, and the daily warnings and reminders."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from agencies.models import Assignment, Site, StaffChange, StaffChangeDecision, StaffChangeEvent, StaffMember
from agencies.models.staff_changes import ChangeKind
from agencies.selectors import figures_for
from agencies.staff_changes import services
from agencies.staff_changes.apply import apply_due_changes
from agencies.staff_changes.reminders import remind_missing_contact_data, run_daily, warn_undecided
from core.services import TransitionError, history_of, stored_documents_of
from core.workflow import State
from tests import factories

pytestmark = pytest.mark.django_db

APPROVED = StaffChangeDecision.Outcome.APPROVED


def _approve(change, by, *, days_before=7):
    return services.record_decision(
        change=change, outcome=APPROVED, decided_on=timezone.localdate(), reference="KfI 51.2-1/27", by=by
    )


def test_filing_freezes_a_revision_and_mails_the_coordination(
    increase, provider_manager, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        step = services.submit_staff_change(change=increase, by=provider_manager)
    assert increase.state == State.SUBMITTED
    assert step.revision.content["new_fte"] == "1.00"
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "Aufstockung" in mail.outbox[0].subject


def test_approval_requiring_change_with_todays_date_cannot_be_filed(increase, provider_manager):
    increase.effective_on = timezone.localdate()
    increase.save()
    with pytest.raises(ValidationError):
        services.submit_staff_change(change=increase, by=provider_manager)
    increase.refresh_from_db()
    assert increase.state == State.DRAFT


def test_return_needs_a_reason_and_mails_the_filer(
    increase, provider_manager, coordinator, django_capture_on_commit_callbacks
):
    services.submit_staff_change(change=increase, by=provider_manager)
    with pytest.raises(TransitionError):
        services.return_staff_change(change=increase, by=coordinator, comment=" ")
    with django_capture_on_commit_callbacks(execute=True):
        services.return_staff_change(change=increase, by=coordinator, comment="Bitte Begründung schärfen.")
    assert increase.state == State.RETURNED
    assert mail.outbox[-1].to == [provider_manager.email]


def test_forwarding_stores_the_pdf_as_rendered(forwarded):
    pdf = stored_documents_of(forwarded).get()
    assert pdf.file.read().startswith(b"%PDF")
    assert [t.to_state for t in history_of(forwarded)] == [State.SUBMITTED, State.APPROVED, State.FORWARDED]


def test_forwarding_without_an_authority_is_refused(increase, provider_manager, coordinator, world):
    world.district.funding_authority = None
    world.district.save()
    increase.refresh_from_db()
    services.submit_staff_change(change=increase, by=provider_manager)
    services.release_staff_change(change=increase, by=coordinator)
    increase = StaffChange.objects.select_related("agency__provider__district").get(pk=increase.pk)
    with pytest.raises(TransitionError):
        services.forward_staff_change(change=increase, by=coordinator)


def test_decision_is_recorded_once_with_an_event(forwarded, authority, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        decision = _approve(forwarded, authority)
    assert decision.reference == "KfI 51.2-1/27"
    assert forwarded.events.filter(kind=StaffChangeEvent.Kind.DECIDED).count() == 1
    assert "Zugestimmt" in mail.outbox[-1].subject
    forwarded = StaffChange.objects.get(pk=forwarded.pk)
    with pytest.raises(ValidationError):
        _approve(forwarded, authority)


def test_approval_dated_after_the_start_needs_a_later_start(forwarded, authority):
    forwarded.effective_on = timezone.localdate() - timedelta(days=1)
    with pytest.raises(ValidationError) as info:
        _approve(forwarded, authority)
    assert "effective_from" in info.value.message_dict
    decision = services.record_decision(
        change=forwarded,
        outcome=APPROVED,
        decided_on=timezone.localdate(),
        reference="Az 1",
        effective_from=timezone.localdate() + timedelta(days=1),
        by=authority,
    )
    assert decision.start == timezone.localdate() + timedelta(days=1)


def test_decision_in_the_future_is_refused(forwarded, authority):
    with pytest.raises(ValidationError) as info:
        services.record_decision(
            change=forwarded,
            outcome=APPROVED,
            decided_on=timezone.localdate() + timedelta(days=1),
            reference="Az",
            by=authority,
        )
    assert "decided_on" in info.value.message_dict


# --- applying to the registry ------------------------------------------------------------------------------------


def test_approved_increase_changes_fte_from_its_date_and_keeps_the_past(forwarded, authority, world):
    _approve(forwarded, authority)
    start = forwarded.effective_on
    before, on = start - timedelta(days=1), start
    assert apply_due_changes(today=before) == 0
    assert apply_due_changes(today=on) == 1
    assert apply_due_changes(today=on) == 0  # exactly once
    assert figures_for(day=before, agency_ids=[world.agency.pk]).staffed_fte == Decimal("1.50")
    assert figures_for(day=on, agency_ids=[world.agency.pk]).staffed_fte == Decimal("2.00")
    assert figures_for(day=on, agency_ids=[world.agency.pk]).funded_fte == Decimal("2.00")
    assert figures_for(day=on, agency_ids=[world.agency.pk]).head_count == 2
    assert StaffChange.objects.get(pk=forwarded.pk).events.filter(kind="applied").exists()


def test_undecided_approval_requiring_change_is_not_applied(forwarded):
    assert apply_due_changes(today=forwarded.effective_on + timedelta(days=5)) == 0


def test_rejected_change_is_never_applied(forwarded, coordinator):
    services.record_decision(
        change=forwarded,
        outcome=StaffChangeDecision.Outcome.REJECTED,
        decided_on=timezone.localdate(),
        reference="Az 2",
        by=coordinator,
    )
    assert apply_due_changes(today=forwarded.effective_on + timedelta(days=5)) == 0


def _notifiable(world, provider_manager, coordinator, kind, **data):
    change = services.create_staff_change(agency=world.agency, kind=kind, data=data, by=provider_manager)
    services.submit_staff_change(change=change, by=provider_manager)
    services.release_staff_change(change=change, by=coordinator)
    return change


def test_checked_vacancy_lowers_head_count_only_during_the_leave(world, provider_manager, coordinator, authority_org):
    holder = world.agency.positions.get(fte="1.00").assignments.get().staff_member
    start = timezone.localdate() + timedelta(days=10)
    end = start + timedelta(days=100)
    _notifiable(
        world,
        provider_manager,
        coordinator,
        ChangeKind.VACANCY,
        effective_on=start,
        end_on=end,
        staff_member=holder,
        vacancy_reason="parental_leave",
    )
    apply_due_changes(today=start)
    figures = {
        day: figures_for(day=day, agency_ids=[world.agency.pk])
        for day in (start - timedelta(1), start, end + timedelta(1))
    }
    assert [f.head_count for f in figures.values()] == [2, 1, 2]
    assert [f.funded_fte for f in figures.values()] == [Decimal("1.50")] * 3


def test_end_of_employment_ends_the_staff_member_and_keeps_the_position(
    world, provider_manager, coordinator, authority_org
):
    holder = world.agency.positions.get(fte="0.50").assignments.get().staff_member
    last_day = timezone.localdate() + timedelta(days=3)
    _notifiable(
        world,
        provider_manager,
        coordinator,
        ChangeKind.END_OF_EMPLOYMENT,
        effective_on=last_day,
        staff_member=holder,
        end_reason="retirement",
    )
    apply_due_changes(today=last_day)
    holder.refresh_from_db()
    assert holder.employed_to == last_day
    assert figures_for(day=last_day, agency_ids=[world.agency.pk]).head_count == 2
    after = figures_for(day=last_day + timedelta(days=1), agency_ids=[world.agency.pk])
    assert (after.head_count, after.staffed_fte, after.funded_fte) == (1, Decimal("1.00"), Decimal("1.50"))


def test_reduction_keeps_the_old_share_for_earlier_days(world, provider_manager, coordinator, authority_org):
    holder = world.agency.positions.get(fte="1.00").assignments.get().staff_member
    start = timezone.localdate() + timedelta(days=1)
    _notifiable(
        world,
        provider_manager,
        coordinator,
        ChangeKind.HOURS_REDUCTION,
        effective_on=start,
        staff_member=holder,
        new_fte=Decimal("0.75"),
    )
    apply_due_changes(today=start)
    assert figures_for(day=start - timedelta(1), agency_ids=[world.agency.pk]).staffed_fte == Decimal("1.50")
    assert figures_for(day=start, agency_ids=[world.agency.pk]).staffed_fte == Decimal("1.25")
    assert Assignment.objects.filter(staff_member=holder).count() == 2


def test_personal_and_agency_changes_update_and_log_old_values(world, provider_manager, coordinator, authority_org):
    holder = world.agency.positions.get(fte="1.00").assignments.get().staff_member
    old_name = holder.last_name
    day = timezone.localdate()
    name = _notifiable(
        world,
        provider_manager,
        coordinator,
        ChangeKind.PERSONAL_CHANGE,
        effective_on=day,
        staff_member=holder,
        last_name="Neumann-Yilmaz",
    )
    _notifiable(world, provider_manager, coordinator, ChangeKind.AGENCY_CHANGE, effective_on=day, phone="0203 999")
    assert apply_due_changes(today=day) == 2
    holder.refresh_from_db()
    world.agency.refresh_from_db()
    assert holder.last_name == "Neumann-Yilmaz" and world.agency.phone == "0203 999"
    assert old_name in name.events.get(kind="applied").message


def _approved(world, provider_manager, coordinator, kind, **data):
    change = _notifiable(world, provider_manager, coordinator, kind, **data)
    services.forward_staff_change(change=change, by=coordinator)
    change = StaffChange.objects.get(pk=change.pk)
    _approve(change, coordinator)
    return change


def test_approved_hire_creates_staff_position_and_asks_for_contact_data(
    world, provider_manager, coordinator, authority_org, django_capture_on_commit_callbacks
):
    start = timezone.localdate() + timedelta(days=1)
    change = _approved(
        world,
        provider_manager,
        coordinator,
        ChangeKind.NEW_HIRE,
        effective_on=start,
        first_name="Mara",
        last_name="Ostendorf",
        qualification="B. A. Soziale Arbeit",
        new_fte=Decimal("0.50"),
    )
    apply_due_changes(today=start)
    hired = StaffChange.objects.get(pk=change.pk).hired_staff_member
    assert hired.employed_from == start and not hired.contact_complete
    assert figures_for(day=start, agency_ids=[world.agency.pk]).head_count == 3
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_missing_contact_data(today=start) == 1
    assert remind_missing_contact_data(today=start) == 0  # once a week
    assert provider_manager.email in mail.outbox[-1].to
    assert "Kontaktdaten" in mail.outbox[-1].subject
    services.complete_contact_data(
        staff_member=hired, email="m.ostendorf@example.org", phone="0203 1", qualification="B. A.", by=provider_manager
    )
    assert remind_missing_contact_data(today=start + timedelta(days=7)) == 0


def test_approved_site_opening_and_closing(world, provider_manager, coordinator, authority_org):
    start = timezone.localdate() + timedelta(days=1)
    _approved(
        world,
        provider_manager,
        coordinator,
        ChangeKind.SITE_OPENING,
        effective_on=start,
        site_kind="branch",
        street="Kaiser-Wilhelm-Str. 1",
        postcode="47169",
        city="Duisburg",
    )
    old = Site.objects.create(agency=world.agency, street="Alte Str. 1", postcode="47169", city="Duisburg")
    _approved(world, provider_manager, coordinator, ChangeKind.SITE_CLOSING, effective_on=start, site=old)
    assert apply_due_changes(today=start) == 2
    old.refresh_from_db()
    assert old.closed_on == start
    assert Site.objects.get(street="Kaiser-Wilhelm-Str. 1").opened_on == start


def test_approved_extension_prolongs_employment_and_assignment(world, provider_manager, coordinator, authority_org):
    end = timezone.localdate() + timedelta(days=30)
    assignment = world.agency.positions.get(fte="0.50").assignments.get()
    holder = assignment.staff_member
    StaffMember.objects.filter(pk=holder.pk).update(employed_to=end)
    Assignment.objects.filter(pk=assignment.pk).update(valid_to=end)
    holder.refresh_from_db()
    new_end = end + timedelta(days=365)
    _approved(
        world,
        provider_manager,
        coordinator,
        ChangeKind.EXTENSION,
        effective_on=end + timedelta(days=1),
        staff_member=holder,
        end_on=new_end,
    )
    apply_due_changes(today=end + timedelta(days=1))
    assert figures_for(day=new_end, agency_ids=[world.agency.pk]).head_count == 2
    assert figures_for(day=new_end + timedelta(1), agency_ids=[world.agency.pk]).head_count == 1  # the other one


def test_change_that_no_longer_fits_is_logged_and_stays_due(world, provider_manager, coordinator, authority_org):
    holder = world.agency.positions.get(fte="1.00").assignments.get()
    start = timezone.localdate() + timedelta(days=5)
    change = _notifiable(
        world,
        provider_manager,
        coordinator,
        ChangeKind.HOURS_REDUCTION,
        effective_on=start,
        staff_member=holder.staff_member,
        new_fte=Decimal("0.50"),
    )
    Assignment.objects.filter(pk=holder.pk).update(valid_to=start - timedelta(days=1))
    assert apply_due_changes(today=start) == 0
    assert apply_due_changes(today=start) == 0
    assert change.events.filter(kind="apply_failed").count() == 1
    assert StaffChange.objects.get(pk=change.pk).applied_at is None


# --- the daily warnings --------------------------------------------------------------------------------------------


def test_undecided_change_is_warned_two_weeks_ahead_once_and_flagged_after_its_date(
    forwarded, provider_manager, coordinator, django_capture_on_commit_callbacks
):
    day = forwarded.effective_on
    with django_capture_on_commit_callbacks(execute=True):
        assert warn_undecided(today=day - timedelta(days=15)) == (0, 0)
        assert warn_undecided(today=day - timedelta(days=14)) == (1, 0)
        assert warn_undecided(today=day - timedelta(days=13)) == (0, 0)
        assert warn_undecided(today=day) == (0, 1)
        assert warn_undecided(today=day + timedelta(days=1)) == (0, 0)
    assert {tuple(sorted(m.to)) for m in mail.outbox} == {tuple(sorted([provider_manager.email, coordinator.email]))}
    assert "verstrichen" in mail.outbox[-1].subject
    assert StaffChange.objects.get(pk=forwarded.pk).is_overdue(day)


def test_run_daily_reports_what_it_did(forwarded, authority):
    _approve(forwarded, authority)
    with time_machine.travel(forwarded.effective_on):
        result = run_daily(today=forwarded.effective_on)
    assert (result.applied, result.warned, result.overdue) == (1, 0, 0)


def test_only_drafts_can_be_deleted(increase, provider_manager):
    services.submit_staff_change(change=increase, by=provider_manager)
    with pytest.raises(TransitionError):
        services.delete_draft(change=increase, by=provider_manager)


def test_stale_edit_is_refused(increase, provider_manager):
    from core.services import StaleEditError

    services.update_staff_change(change=increase, expected_version=1, data={"justification": "A"}, by=provider_manager)
    with pytest.raises(StaleEditError):
        services.update_staff_change(
            change=StaffChange.objects.get(pk=increase.pk),
            expected_version=1,
            data={"justification": "B"},
            by=provider_manager,
        )
    assert StaffChange.objects.get(pk=increase.pk).justification == "A"


def test_other_districts_coordinator_is_not_mailed(
    increase, provider_manager, coordinator, world, django_capture_on_commit_callbacks
):
    other = factories.coordinator_of(world.other_district)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_staff_change(change=increase, by=provider_manager)
    assert mail.outbox[0].to == [coordinator.email]
    assert other.email not in mail.outbox[0].to


def test_open_changes_appear_in_the_calendar_of_who_may_see_them(forwarded, coordinator, other_coordinator):
    from core.calendar import events_for

    def ours(user):  # other apps contribute their own events to the same feed
        day = forwarded.effective_on
        return [e.uid for e in events_for(user, day, day) if e.uid.startswith("staff-change-")]

    assert ours(coordinator) == [f"staff-change-{forwarded.pk}@agenturnetz"]
    assert ours(other_coordinator) == []
