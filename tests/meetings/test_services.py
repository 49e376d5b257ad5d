from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.calendar import events_for
from meetings.models import Attendance, Meeting, Notice, ProposalStatus, Protocol, Response
from meetings.selectors import active_members_with_agencies, meetings_of_group
from meetings.services import groups as group_services
from meetings.services import notices, rotation
from meetings.services.participation import Decision, decide_proposal, propose_item, respond, volunteer
from meetings.services.protocols import ProtocolError, publish_protocol
from tests import factories
from tests.meetings.factories import (
    AgendaItemFactory,
    MeetingFactory,
    action_item,
    published_protocol,
    staff_member_of,
)

pytestmark = pytest.mark.django_db


# --- rotation -------------------------------------------------------------------------------------------------


def _agency(group, name):
    return factories.AgencyFactory(name=name, provider__district=group.owner_district)


def test_rotation_proposes_agencies_that_never_presented_before_those_that_did(circle):
    group = circle.group
    never = _agency(group, "Zeta nie")
    staff_member_of(group, agency=never)
    MeetingFactory(group=group, date=timezone.localdate() - timedelta(days=60), presenting_agency=circle.member.agency)
    ranked = rotation.candidates(group, circle.meeting)
    assert [c.agency.name for c in ranked] == ["Zeta nie", circle.member.agency.name]
    assert "noch nie" in ranked[0].explanation


def test_rotation_orders_by_longest_ago_and_explains_the_date(circle):
    group = circle.group
    a, b = _agency(group, "A-Stadt"), _agency(group, "B-Stadt")
    for agency in (a, b):
        staff_member_of(group, agency=agency)
    today = timezone.localdate()
    MeetingFactory(group=group, date=today - timedelta(days=100), presenting_agency=b)
    MeetingFactory(group=group, date=today - timedelta(days=200), presenting_agency=a)
    MeetingFactory(group=group, date=today - timedelta(days=10), presenting_agency=circle.member.agency)
    ranked = [c.agency for c in rotation.candidates(group, circle.meeting)]
    assert ranked == [a, b, circle.member.agency]
    first = rotation.candidates(group, circle.meeting)[0]
    assert (today - timedelta(days=200)).strftime("%d.%m.%Y") in first.explanation


def test_rotation_skips_closed_agencies_and_those_booked_for_a_later_meeting(circle):
    group = circle.group
    closed = _agency(group, "Geschlossen")
    closed.closed_on = timezone.localdate()
    closed.save()
    staff_member_of(group, agency=closed)
    booked = _agency(group, "Gebucht")
    staff_member_of(group, agency=booked)
    MeetingFactory(group=group, date=circle.meeting.date + timedelta(days=60), presenting_agency=booked)
    names = [c.agency.name for c in rotation.candidates(group, circle.meeting)]
    assert names == [circle.member.agency.name]


def test_rotation_from_the_group_pages_rows_ranks_as_from_its_own_queries(circle):
    """`candidates_among` (the group page's reads) and `candidates` agree: closed and booked agencies skipped, a
    second member of one agency and a guest without agency counted once or not at all, cancelled meetings ignored,
    volunteers first."""
    group, today = circle.group, timezone.localdate()
    closed, booked, never, cancelled_only = (_agency(group, name) for name in ("Zu", "Gebucht", "Nie", "Abgesagt"))
    closed.closed_on = today
    closed.save()
    for agency in (closed, booked, never, cancelled_only, circle.member.agency):
        staff_member_of(group, agency=agency)
    MeetingFactory(group=group, date=circle.meeting.date + timedelta(days=60), presenting_agency=booked)
    MeetingFactory(group=group, date=today - timedelta(days=40), presenting_agency=circle.member.agency)
    MeetingFactory(group=group, date=today - timedelta(days=400), presenting_agency=circle.member.agency)
    MeetingFactory(
        group=group, date=today - timedelta(days=5), presenting_agency=cancelled_only, cancelled_at=timezone.now()
    )
    volunteer(group=group, member=circle.member, agency=never, topic="Sprachcafé")
    members = active_members_with_agencies(group)
    among = rotation.candidates_among(
        group,
        circle.meeting,
        member_agencies=[m.agency for m in members],
        group_meetings=meetings_of_group(group),
    )
    expected = rotation.candidates(group, circle.meeting)
    assert [(c.agency.pk, c.last_presented, c.volunteered) for c in among] == [
        (c.agency.pk, c.last_presented, c.volunteered) for c in expected
    ]
    assert [c.agency.name for c in among] == ["Nie", "Abgesagt", circle.member.agency.name]


def test_a_volunteer_comes_first_and_its_offer_is_used_on_confirmation(circle, coordinator):
    group = circle.group
    never = _agency(group, "AAA nie")
    staff_member_of(group, agency=never)
    MeetingFactory(group=group, date=timezone.localdate() - timedelta(days=30), presenting_agency=circle.member.agency)
    volunteer(group=group, member=circle.member, agency=circle.member.agency, topic="Sprachcafé")
    proposal = rotation.proposal_for(group, circle.meeting)
    assert proposal.agency == circle.member.agency
    assert "freiwillig" in proposal.explanation
    rotation.confirm_presenter(meeting=circle.meeting, agency=circle.member.agency, by=coordinator)
    assert (
        rotation.proposal_for(group, MeetingFactory(group=group, date=circle.meeting.date + timedelta(days=90))).agency
        == never
    )


def test_owner_overriding_the_rotation_must_give_a_reason(circle, coordinator):
    other = _agency(circle.group, "ZZZ")
    staff_member_of(circle.group, agency=other)
    with pytest.raises(ValidationError) as error:
        rotation.confirm_presenter(meeting=circle.meeting, agency=other, by=coordinator)
    assert "reason" in error.value.message_dict
    rotation.confirm_presenter(meeting=circle.meeting, agency=other, by=coordinator, reason="Jubiläum der Agentur")
    circle.meeting.refresh_from_db()
    assert circle.meeting.presenting_agency == other
    assert circle.meeting.presenting_reason == "Jubiläum der Agentur"
    assert circle.meeting.log_entries.filter(action="presenter_confirmed").exists()


# --- annual plan and minimum ---------------------------------------------------------------------------------


def test_publishing_the_plan_tells_every_member_once_and_shows_dates_in_their_calendar(
    circle, coordinator, specialist, django_capture_on_commit_callbacks
):
    year = timezone.localdate().year + 2  # the circle's own meeting (a month ahead) never falls into it
    first = group_services.create_meeting(
        group=circle.group,
        by=coordinator,
        date=date(year, 3, 4),
        location="Essen",
        start_time=circle.meeting.start_time,
        end_time=circle.meeting.end_time,
    )
    assert first.published_at is None
    assert events_for(specialist, date(year, 1, 1), date(year, 12, 31)) == []
    with django_capture_on_commit_callbacks(execute=True):
        group_services.publish_plan(group=circle.group, year=year, by=coordinator)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([specialist.email, "tarek@jmd.example"])
    events = events_for(specialist, date(year, 1, 1), date(year, 12, 31))
    assert [e.uid for e in events] == [f"meeting-{first.pk}@agenturnetz"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        group_services.publish_plan(group=circle.group, year=year, by=coordinator)
    assert mail.outbox == []


def test_a_date_added_after_publication_is_published_at_once(circle, coordinator):
    year = timezone.localdate().year + 1
    group_services.create_meeting(group=circle.group, by=coordinator, date=date(year, 3, 4), location="Essen")
    group_services.publish_plan(group=circle.group, year=year, by=coordinator)
    later = group_services.create_meeting(group=circle.group, by=coordinator, date=date(year, 9, 4), location="Essen")
    assert later.is_published


def test_publishing_an_empty_plan_is_refused(circle, coordinator):
    with pytest.raises(group_services.PlanError):
        group_services.publish_plan(group=circle.group, year=2099, by=coordinator)


def test_calendar_source_hides_cancelled_and_unpublished_meetings_and_foreign_groups(circle, specialist, foreign_group):
    today = timezone.localdate()
    MeetingFactory(group=circle.group, published_at=None, date=today + timedelta(days=10))
    MeetingFactory(group=circle.group, cancelled_at=timezone.now(), date=today + timedelta(days=11))
    events = events_for(specialist, today, today + timedelta(days=60))
    assert [e.uid for e in events if e.uid.startswith("meeting-")] == [f"meeting-{circle.meeting.pk}@agenturnetz"]


def test_calendar_source_shows_the_owners_meetings_to_coordinators_and_nothing_to_outsiders(
    circle, coordinator, other_coordinator, provider_manager
):
    today = timezone.localdate()
    assert len(events_for(coordinator, today, today + timedelta(days=60))) == 1
    assert events_for(other_coordinator, today, today + timedelta(days=60)) == []
    assert events_for(provider_manager, today, today + timedelta(days=60)) == []


# --- invitations ---------------------------------------------------------------------------------------------


def test_invitations_go_out_once_per_member_with_agenda_pdf_and_calendar_entry(
    circle, django_capture_on_commit_callbacks
):
    AgendaItemFactory(meeting=circle.meeting, title="Austausch Sozialraumanalysen")
    with time_machine.travel(circle.meeting.date - timedelta(weeks=3), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert notices.send_due_invitations(today=timezone.localdate()) == 2
        with django_capture_on_commit_callbacks(execute=True):
            assert notices.send_due_invitations(today=timezone.localdate()) == 0
    assert len(mail.outbox) == 2
    message = next(m for m in mail.outbox if m.to == ["tarek@jmd.example"])
    names = [name for name, _content, _type in message.attachments]
    assert names[0].endswith(".pdf") and names[1].endswith(".ics")
    assert "Austausch Sozialraumanalysen" in message.body
    token = Attendance.objects.get(meeting=circle.meeting, member=circle.guest).token
    assert token in message.body
    assert Notice.objects.filter(kind=Notice.Kind.INVITATION).count() == 2


def test_invitations_are_not_sent_before_the_configured_weeks(circle):
    with time_machine.travel(circle.meeting.date - timedelta(weeks=3, days=1), tick=False):
        assert notices.send_due_invitations(today=timezone.localdate()) == 0


def test_a_member_who_joins_later_is_invited_by_the_next_run(circle, world, django_capture_on_commit_callbacks):
    with time_machine.travel(circle.meeting.date - timedelta(days=10), tick=False):
        notices.send_due_invitations(today=timezone.localdate())
        newcomer = staff_member_of(circle.group, agency=world.sibling_agency)
        with django_capture_on_commit_callbacks(execute=True):
            assert notices.send_due_invitations(today=timezone.localdate()) == 1
    assert mail.outbox[-1].to == [newcomer.contact_email]


def test_cancelled_or_unpublished_meetings_get_no_invitations(circle):
    Meeting.objects.filter(pk=circle.meeting.pk).update(published_at=None)
    assert notices.send_invitations(meeting=circle.meeting) == 0


# --- action item reminders -----------------------------------------------------------------------------------


def test_action_item_reminder_is_sent_once_in_the_reminder_window(circle, django_capture_on_commit_callbacks):
    past = MeetingFactory(group=circle.group, date=timezone.localdate() - timedelta(days=20))
    item = AgendaItemFactory(meeting=past)
    published_protocol(past)
    action = action_item(item, circle.member, due_in_days=10)
    assert notices.send_due_action_reminders(today=timezone.localdate()) == 0  # 10 days > 7 days ahead
    with (
        time_machine.travel(action.due_date - timedelta(days=7), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert notices.send_due_action_reminders(today=timezone.localdate()) == 1
        assert notices.send_due_action_reminders(today=timezone.localdate()) == 0
    assert mail.outbox[0].to == [circle.member.contact_email]
    assert "Materialien verschicken" in mail.outbox[0].body


def test_done_action_items_and_draft_protocols_are_not_reminded(circle):
    past = MeetingFactory(group=circle.group, date=timezone.localdate() - timedelta(days=20))
    item = AgendaItemFactory(meeting=past)
    action_item(item, circle.member, due_in_days=2)  # protocol still a draft
    assert notices.send_due_action_reminders(today=timezone.localdate()) == 0


# --- proposals, RSVP, protocols --------------------------------------------------------------------------------


def test_accepting_a_proposal_puts_it_on_the_agenda_and_tells_the_proposer(
    circle, coordinator, django_capture_on_commit_callbacks
):
    proposal = propose_item(group=circle.group, member=circle.member, title="Ehrenamt stärken", minutes=25)
    with django_capture_on_commit_callbacks(execute=True):
        decide_proposal(proposal=proposal, decision=Decision.ACCEPT, meeting=circle.meeting, by=coordinator)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert proposal.agenda_item.meeting == circle.meeting
    assert proposal.agenda_item.minutes == 25
    assert mail.outbox[0].to == [circle.member.contact_email]
    assert "Tagesordnung" in mail.outbox[0].body


def test_declining_a_proposal_needs_a_reason(circle, coordinator):
    proposal = propose_item(group=circle.group, member=circle.member, title="Thema")
    with pytest.raises(ValidationError):
        decide_proposal(proposal=proposal, decision=Decision.DECLINE, by=coordinator)
    decide_proposal(
        proposal=proposal, decision=Decision.DECLINE, by=coordinator, reason="Gehört in die Trägerkonferenz"
    )
    with pytest.raises(ValidationError):
        decide_proposal(proposal=proposal, decision=Decision.DEFER, by=coordinator, reason="doppelt")


def test_rsvp_keeps_the_last_answer_and_refuses_past_meetings(circle):
    respond(meeting=circle.meeting, member=circle.member, response=Response.MAYBE)
    respond(meeting=circle.meeting, member=circle.member, response=Response.NO, substitute="Kollegin Aydın")
    attendance = Attendance.objects.get(meeting=circle.meeting, member=circle.member)
    assert (attendance.response, attendance.substitute) == (Response.NO, "Kollegin Aydın")
    past = MeetingFactory(group=circle.group, date=timezone.localdate() - timedelta(days=1))
    with pytest.raises(ValidationError):
        respond(meeting=past, member=circle.member, response=Response.YES)


def test_publishing_a_protocol_freezes_it_stores_the_pdf_and_mails_members_once(
    circle, coordinator, django_capture_on_commit_callbacks
):
    from core.services import stored_documents_of

    past = MeetingFactory(group=circle.group, date=timezone.localdate() - timedelta(days=2))
    AgendaItemFactory(meeting=past, title="Bericht", discussion="Wir sprachen über Wohnraum.")
    with django_capture_on_commit_callbacks(execute=True):
        protocol = publish_protocol(meeting=past, by=coordinator)
    assert protocol.status == Protocol.Status.PUBLISHED
    assert "Wohnraum" in protocol.search_text
    assert stored_documents_of(protocol).count() == 1
    assert len(mail.outbox) == 2
    assert mail.outbox[0].attachments[0][0].endswith(".pdf")
    with pytest.raises(ProtocolError):
        publish_protocol(meeting=past, by=coordinator)


def test_a_protocol_cannot_be_published_before_the_meeting(circle, coordinator):
    with pytest.raises(ProtocolError):
        publish_protocol(meeting=circle.meeting, by=coordinator)


def test_cancelling_a_published_meeting_mails_members_and_needs_a_reason(
    circle, coordinator, django_capture_on_commit_callbacks
):
    with pytest.raises(ValidationError):
        group_services.cancel_meeting(meeting=circle.meeting, by=coordinator, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        group_services.cancel_meeting(meeting=circle.meeting, by=coordinator, reason="Krankheit")
    assert len(mail.outbox) == 2 and "Krankheit" in mail.outbox[0].body
