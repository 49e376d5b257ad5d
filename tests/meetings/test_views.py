"""The meetings pages through the Django test client, as each role uses them."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meetings.models import (
    AgendaItem,
    AgendaProposal,
    AnnualPlan,
    Attendance,
    Meeting,
    Member,
    ProposalStatus,
    Protocol,
)
from tests import factories
from tests.meetings.factories import (
    AgendaItemFactory,
    AgendaProposalFactory,
    MeetingFactory,
    WorkingGroupFactory,
    action_item,
    guest_of,
    published_protocol,
    staff_member_of,
)

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"meetings:{name}", args=args)


# --- access per role ------------------------------------------------------------------------------------------


def test_member_sees_group_and_meeting(client, circle, specialist):
    client.force_login(specialist)
    assert client.get(url("group", circle.group.pk)).status_code == 200
    response = client.get(url("meeting", circle.meeting.pk))
    assert response.status_code == 200
    assert "Ihre Rückmeldung" in response.content.decode()


@pytest.mark.parametrize("role", ["other_coordinator", "provider_manager", "state_level", "authority"])
def test_outsiders_get_404_for_group_meeting_pdf_and_ics(client, circle, request, role):
    client.force_login(request.getfixturevalue(role))
    for address in (
        url("group", circle.group.pk),
        url("meeting", circle.meeting.pk),
        url("agenda_pdf", circle.meeting.pk),
        url("meeting_ics", circle.meeting.pk),
        url("propose", circle.group.pk),
    ):
        assert client.get(address).status_code == 404, address


def test_member_cannot_open_the_owners_pages(client, circle, specialist):
    client.force_login(specialist)
    year = circle.meeting.date.year
    for address in (
        url("members", circle.group.pk),
        url("plan", circle.group.pk, year),
        url("group_edit", circle.group.pk),
        url("meeting_edit", circle.meeting.pk),
        url("presenter", circle.meeting.pk),
        url("protocol_edit", circle.meeting.pk),
        url("attendance", circle.meeting.pk),
    ):
        assert client.get(address).status_code == 404, address
    assert client.post(url("plan_publish", circle.group.pk, year)).status_code == 404


def test_coordinator_of_another_district_cannot_open_this_districts_protocol_pdf(client, circle, other_coordinator):
    past = MeetingFactory(group=circle.group, date=timezone.localdate() - timedelta(days=3))
    published_protocol(past)
    client.force_login(other_coordinator)
    assert client.get(url("protocol_pdf", past.pk)).status_code == 404
    assert client.get(url("protocol", past.pk)).status_code == 404


def test_member_does_not_see_a_draft_protocol(client, circle, specialist):
    past = MeetingFactory(group=circle.group, date=timezone.localdate() - timedelta(days=3))
    Protocol.objects.create(meeting=past)
    client.force_login(specialist)
    assert client.get(url("protocol", past.pk)).status_code == 404


def test_member_does_not_see_unpublished_dates(client, circle, specialist):
    draft = MeetingFactory(group=circle.group, published_at=None)
    client.force_login(specialist)
    assert client.get(url("meeting", draft.pk)).status_code == 404


def test_group_list_shows_only_own_groups(client, circle, foreign_group, specialist):
    client.force_login(specialist)
    text = client.get(url("list")).content.decode()
    assert circle.group.name in text and foreign_group.name not in text


# --- owner workflow -------------------------------------------------------------------------------------------


def test_coordinator_creates_a_group_for_their_district(client, coordinator, world):
    client.force_login(coordinator)
    response = client.post(
        url("group_create"),
        {
            "name": "Facharbeitskreis Süd",
            "kind": "facharbeitskreis",
            "owner_district": world.district.pk,
            "yearly_minimum": 3,
            "invitation_weeks": 3,
            "reminder_days": 7,
            "uses_rotation": "on",
        },
    )
    assert response.status_code == 302
    assert world.district.working_groups.get().name == "Facharbeitskreis Süd"


def test_coordinator_cannot_create_a_group_for_another_district(client, coordinator, world):
    client.force_login(coordinator)
    response = client.post(
        url("group_create"),
        {
            "name": "Fremd",
            "kind": "facharbeitskreis",
            "owner_district": world.other_district.pk,
            "yearly_minimum": 3,
            "invitation_weeks": 3,
            "reminder_days": 7,
        },
    )
    assert response.status_code == 200
    assert "owner_district" in response.context["form"].errors


def test_owner_adds_agency_staff_and_a_guest(client, circle, coordinator, world):
    colleague = factories.specialist_of(world.sibling_agency)
    client.force_login(coordinator)
    client.post(url("members", circle.group.pk), {"action": "agency", "agentur-agency": world.sibling_agency.pk})
    assert Member.objects.get(group=circle.group, user=colleague).agency == world.sibling_agency
    client.post(
        url("members", circle.group.pk),
        {"action": "guest", "gast-name": "Sofia Gast", "gast-email": "sofia@jmd.example", "gast-organisation": "JMD"},
    )
    assert Member.objects.filter(group=circle.group, email="sofia@jmd.example", user=None).exists()


def test_owner_cannot_add_agencies_of_another_district(client, circle, coordinator, world):
    client.force_login(coordinator)
    response = client.post(
        url("members", circle.group.pk), {"action": "agency", "agentur-agency": world.other_agency.pk}
    )
    assert response.status_code == 200
    assert "agency" in response.context["staff_form"].errors


def test_invalid_date_keeps_input_and_shows_the_error_at_the_field(client, circle, coordinator):
    client.force_login(coordinator)
    year = timezone.localdate().year + 1
    response = client.post(
        url("plan", circle.group.pk, year),
        {
            "title": "Sondersitzung",
            "date": f"{year}-05-06",
            "start_time": "14:00",
            "end_time": "12:00",
            "location": "Essen",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "end_time" in form.errors
    assert 'value="Sondersitzung"' in response.content.decode()


def test_invalid_time_keeps_input_and_shows_a_german_error_at_the_field(client, circle, coordinator):
    client.force_login(coordinator)
    year = timezone.localdate().year + 1
    response = client.post(
        url("plan", circle.group.pk, year),
        {"title": "Sondersitzung", "date": f"06.05.{year}", "start_time": "25:00", "end_time": "1300"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["start_time"] == [
        "Bitte geben Sie eine gültige Uhrzeit im Format HH:MM ein, zum Beispiel 14:30."
    ]
    html = response.content.decode()
    assert 'value="25:00"' in html and 'placeholder="HH:MM"' in html and 'type="time"' not in html
    assert not Meeting.objects.filter(group=circle.group, title="Sondersitzung").exists()


def test_times_typed_without_colon_are_saved(client, circle, coordinator):
    client.force_login(coordinator)
    year = timezone.localdate().year + 1
    client.post(
        url("plan", circle.group.pk, year),
        {
            "title": "Sondersitzung",
            "date": f"06.05.{year}",
            "start_time": "930",
            "end_time": "13.15",
            "location": "Essen",
        },
    )
    meeting = Meeting.objects.get(group=circle.group, title="Sondersitzung")
    assert (meeting.start_time, meeting.end_time) == (time(9, 30), time(13, 15))


def test_plan_page_warns_below_the_yearly_minimum(client, circle, coordinator):
    client.force_login(coordinator)
    year = timezone.localdate().year + 1
    client.post(
        url("plan", circle.group.pk, year),
        {"date": f"{year}-02-03", "start_time": "10:00", "end_time": "13:00", "location": "Essen"},
    )
    response = client.get(url("plan", circle.group.pk, year))
    assert response.context["below_minimum"] is True
    assert "vorgesehen sind mindestens 3" in response.content.decode()


def test_owner_publishes_the_plan(client, circle, coordinator, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    year = timezone.localdate().year + 1
    MeetingFactory(group=circle.group, date=date(year, 2, 3), published_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("plan_publish", circle.group.pk, year))
    assert not Meeting.objects.filter(group=circle.group, date__year=year, published_at__isnull=True).exists()
    assert len(mail.outbox) == 2


def test_owner_adds_and_reorders_agenda_items_and_uploads_an_attachment(client, circle, coordinator, specialist):
    client.force_login(coordinator)
    for title in ("Begrüßung", "Bericht"):
        client.post(url("item_add", circle.meeting.pk), {"title": title, "minutes": 10})
    second = AgendaItem.objects.get(title="Bericht")
    client.post(url("item_move", second.pk), {"richtung": "hoch"})
    assert list(circle.meeting.agenda_items.order_by("position").values_list("title", flat=True)) == [
        "Bericht",
        "Begrüßung",
    ]
    upload = SimpleUploadedFile("Handout.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    client.post(url("attachment_upload", second.pk), {"file": upload})
    attachment = second.attachments.get()
    client.force_login(specialist)
    assert client.get(attachment.get_absolute_url()).status_code == 200


def test_attachment_of_a_foreign_group_answers_404(client, circle, coordinator, other_coordinator):
    client.force_login(coordinator)
    item = AgendaItemFactory(meeting=circle.meeting)
    client.post(url("attachment_upload", item.pk), {"file": SimpleUploadedFile("a.pdf", b"%PDF")})
    client.force_login(other_coordinator)
    assert client.get(item.attachments.get().get_absolute_url()).status_code == 404


def test_attachment_with_a_wrong_type_is_refused_at_the_field(client, circle, coordinator):
    client.force_login(coordinator)
    item = AgendaItemFactory(meeting=circle.meeting)
    response = client.post(url("attachment_upload", item.pk), {"file": SimpleUploadedFile("a.exe", b"MZ")})
    assert "file" in response.context["attachment_form"].errors


def test_presenter_override_without_reason_shows_the_error_at_the_field(client, circle, coordinator, world):
    staff_member_of(circle.group, agency=world.sibling_agency)
    client.force_login(coordinator)
    ranked = client.get(url("presenter", circle.meeting.pk)).context["candidates"]
    other = ranked[1].agency
    response = client.post(url("presenter", circle.meeting.pk), {"agency": other.pk, "reason": ""})
    assert "reason" in response.context["form"].errors
    client.post(url("presenter", circle.meeting.pk), {"agency": other.pk, "reason": "Möchte neues Projekt zeigen"})
    circle.meeting.refresh_from_db()
    assert circle.meeting.presenting_agency == other


# --- members: propose, RSVP, guests --------------------------------------------------------------------------


def test_member_proposes_and_owner_accepts(client, circle, specialist, coordinator, django_capture_on_commit_callbacks):
    client.force_login(specialist)
    client.post(
        url("propose", circle.group.pk), {"title": "Sprachmittlung", "minutes": 20, "wished_meeting": circle.meeting.pk}
    )
    proposal = AgendaProposal.objects.get()
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("decide", proposal.pk), {"decision": "accept", "meeting": circle.meeting.pk})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert circle.meeting.agenda_items.filter(title="Sprachmittlung").exists()
    assert mail.outbox[0].to == [specialist.email]


def test_declining_without_reason_keeps_the_form_with_an_error(client, circle, coordinator):
    proposal = AgendaProposalFactory(group=circle.group)
    client.force_login(coordinator)
    response = client.post(url("decide", proposal.pk), {"decision": "decline", "reason": ""})
    assert "reason" in response.context["form"].errors


def test_member_cannot_decide_proposals(client, circle, specialist):
    proposal = AgendaProposalFactory(group=circle.group)
    client.force_login(specialist)
    assert client.get(url("decide", proposal.pk)).status_code == 404


def test_member_rsvps(client, circle, specialist):
    client.force_login(specialist)
    client.post(url("rsvp", circle.meeting.pk), {"response": "no", "substitute": "Kollege Demir"})
    attendance = Attendance.objects.get(member=circle.member)
    assert (attendance.response, attendance.substitute) == ("no", "Kollege Demir")


def test_rsvp_without_answer_shows_the_error_at_the_field(client, circle, specialist):
    client.force_login(specialist)
    response = client.post(url("rsvp", circle.meeting.pk), {"response": ""})
    assert response.status_code == 400
    assert "response" in response.context["rsvp_form"].errors


def test_guest_answers_through_the_personal_link_without_login(client, circle):
    attendance = Attendance.objects.create(meeting=circle.meeting, member=circle.guest)
    response = client.post(attendance.get_rsvp_url(), {"response": "yes"})
    assert response.status_code == 302
    attendance.refresh_from_db()
    assert attendance.response == "yes"
    assert client.get(url("guest_ics", circle.meeting.pk, attendance.token)).status_code == 200


def test_rsvp_link_cannot_be_used_for_another_meeting(client, circle):
    attendance = Attendance.objects.create(meeting=circle.meeting, member=circle.guest)
    other = MeetingFactory(group=circle.group, date=circle.meeting.date + timedelta(days=30))
    assert client.get(url("guest_rsvp", other.pk, attendance.token)).status_code == 404
    assert client.post(url("guest_rsvp", other.pk, attendance.token), {"response": "yes"}).status_code == 404
    assert client.get(url("guest_ics", other.pk, attendance.token)).status_code == 404


def test_meeting_ics_contains_one_event_with_a_stable_uid(client, circle, specialist):
    client.force_login(specialist)
    response = client.get(url("meeting_ics", circle.meeting.pk))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.count("BEGIN:VEVENT") == 1
    assert f"UID:meeting-{circle.meeting.pk}@agenturnetz" in body


def test_agenda_pdf_is_a_pdf(client, circle, specialist):
    AgendaItemFactory(meeting=circle.meeting)
    client.force_login(specialist)
    response = client.get(url("agenda_pdf", circle.meeting.pk))
    assert response.content.startswith(b"%PDF")


def test_member_volunteers_their_agency(client, circle, specialist):
    client.force_login(specialist)
    client.post(url("volunteer", circle.group.pk), {"agency": circle.member.agency.pk, "topic": "Sprachcafé"})
    assert circle.group.volunteers.get().agency == circle.member.agency


# --- protocols and action items ------------------------------------------------------------------------------


def test_owner_writes_and_publishes_a_protocol_and_the_member_sees_their_action_item(
    client, circle, coordinator, specialist, django_capture_on_commit_callbacks
):
    past = MeetingFactory(group=circle.group, date=timezone.localdate() - timedelta(days=1))
    item = AgendaItemFactory(meeting=past, title="Sozialraumanalysen")
    client.force_login(coordinator)
    response = client.get(url("protocol_edit", past.pk))
    version = response.context["protocol"].version
    client.post(
        url("protocol_edit", past.pk),
        {
            "version": version,
            "summary": "Begrüßung",
            "recorded_by": "K. Koordination",
            f"discussion_{item.pk}": "Datenquellen der Kommunen verglichen",
            f"decisions_{item.pk}": "Vorlage wird erstellt",
        },
    )
    client.post(
        url("action_item_add", past.pk),
        {
            "aufgabe-agenda_item": item.pk,
            "aufgabe-description": "Vorlage entwerfen",
            "aufgabe-responsible": circle.member.pk,
            "aufgabe-due_date": (timezone.localdate() + timedelta(days=14)).isoformat(),
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("protocol_publish", past.pk))
    assert Protocol.objects.get(meeting=past).is_published
    assert len(mail.outbox) == 2
    client.force_login(specialist)
    assert "Datenquellen der Kommunen" in client.get(url("protocol", past.pk)).content.decode()
    dashboard = client.get(reverse("reporting:dashboard")).content.decode()
    assert "Vorlage entwerfen" in dashboard


def test_stale_protocol_save_keeps_the_input_and_reports_the_conflict(client, circle, coordinator):
    past = MeetingFactory(group=circle.group, date=timezone.localdate() - timedelta(days=1))
    client.force_login(coordinator)
    client.get(url("protocol_edit", past.pk))
    Protocol.objects.filter(meeting=past).update(version=5)
    response = client.post(url("protocol_edit", past.pk), {"version": 1, "summary": "Mein Text", "recorded_by": ""})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "Mein Text" in response.content.decode()


def test_action_item_due_date_in_the_past_is_refused(client, circle, coordinator):
    past = MeetingFactory(group=circle.group, date=timezone.localdate() - timedelta(days=1))
    item = AgendaItemFactory(meeting=past)
    client.force_login(coordinator)
    response = client.post(
        url("action_item_add", past.pk),
        {
            "aufgabe-agenda_item": item.pk,
            "aufgabe-description": "x",
            "aufgabe-responsible": circle.member.pk,
            "aufgabe-due_date": "2000-01-01",
        },
    )
    assert "due_date" in response.context["form"].errors


def test_responsible_member_marks_their_action_item_done_but_others_cannot(client, circle, specialist, world):
    past = MeetingFactory(group=circle.group, date=timezone.localdate() - timedelta(days=3))
    published_protocol(past)
    action = action_item(AgendaItemFactory(meeting=past), circle.member)
    other = staff_member_of(circle.group, agency=world.sibling_agency)
    client.force_login(other.user)
    assert client.post(url("action_item_done", action.pk)).status_code == 404
    client.force_login(specialist)
    client.post(url("action_item_done", action.pk))
    action.refresh_from_db()
    assert action.is_done


def test_archive_finds_a_protocol_by_a_word_of_its_discussion(client, circle, specialist, foreign_group):
    past = MeetingFactory(group=circle.group, date=timezone.localdate() - timedelta(days=3))
    published_protocol(past, search_text="Wir sprachen über Wohnungslosigkeit und Sprachmittlung")
    foreign = MeetingFactory(group=foreign_group, date=timezone.localdate() - timedelta(days=3))
    published_protocol(foreign, search_text="Wohnungslosigkeit im Caritas-Kreis")
    client.force_login(specialist)
    page = client.get(url("archive"), {"q": "Wohnungslosigkeit"}).context["page"]
    assert [p.meeting_id for p in page] == [past.pk]
    assert list(client.get(url("archive"), {"q": "Klimaschutz"}).context["page"]) == []


@pytest.mark.postgres
def test_archive_uses_german_full_text_search_on_postgres(client, circle, specialist, requires_postgres):
    past = MeetingFactory(group=circle.group, date=timezone.localdate() - timedelta(days=3))
    published_protocol(past, search_text="Die Beratungsstellen berichteten über lange Wartezeiten.")
    client.force_login(specialist)
    page = client.get(url("archive"), {"q": "Beratungsstelle Wartezeit"}).context["page"]
    assert [p.meeting_id for p in page] == [past.pk]


# --- dashboard -----------------------------------------------------------------------------------------------


def test_dashboard_shows_members_their_next_meeting(client, circle, specialist):
    client.force_login(specialist)
    assert "Ihre nächsten Sitzungen" in client.get(reverse("reporting:dashboard")).content.decode()


def test_dashboard_warns_the_owner_about_a_thin_plan_for_next_year(client, circle, coordinator):
    # The circle's own meeting is a month ahead, which in December is already next year: move it to today.
    Meeting.objects.filter(pk=circle.meeting.pk).update(date=timezone.localdate())
    MeetingFactory(group=circle.group, date=date(timezone.localdate().year + 1, 3, 3))
    client.force_login(coordinator)
    text = client.get(reverse("reporting:dashboard")).content.decode()
    assert "hat 1 Termin, vorgesehen sind mindestens 3" in text


def test_dashboard_of_outsiders_has_no_meetings_panel(client, circle, other_coordinator):
    client.force_login(other_coordinator)
    text = client.get(reverse("reporting:dashboard")).content.decode()
    assert circle.group.name not in text


# --- query counts --------------------------------------------------------------------------------------------


def _many_groups(world, specialist, n):
    for _ in range(n):
        group = WorkingGroupFactory(owner_district=world.district)
        Member.objects.create(group=group, user=specialist, kind="staff", agency=world.agency)
        MeetingFactory(group=group)
        AgendaProposalFactory(group=group)


@pytest.mark.parametrize("role", ["specialist", "coordinator"])
def test_group_list_queries_do_not_grow_with_groups(client, world, request, role, django_assert_max_num_queries):
    user = request.getfixturevalue(role)
    specialist = request.getfixturevalue("specialist")
    _many_groups(world, specialist, 2)
    client.force_login(user)
    with django_assert_max_num_queries(8):
        client.get(url("list"))
    _many_groups(world, specialist, 40)
    with django_assert_max_num_queries(8):
        assert client.get(url("list")).context["page"].paginator.count == 42


def _fill_meeting(meeting, n):
    for _ in range(n):
        item = AgendaItemFactory(meeting=meeting)
        member = staff_member_of(meeting.group)
        Attendance.objects.create(meeting=meeting, member=member, response="yes")
        guest_of(meeting.group)
        AgendaProposalFactory(group=meeting.group)
        item.attachments.create(filename="a.pdf", file="x/a.pdf", size=1)


@pytest.mark.parametrize("role", ["specialist", "coordinator"])
def test_meeting_page_queries_do_not_grow_with_items_and_members(
    client, circle, request, role, django_assert_max_num_queries
):
    client.force_login(request.getfixturevalue(role))
    _fill_meeting(circle.meeting, 2)
    with django_assert_max_num_queries(22):
        client.get(url("meeting", circle.meeting.pk))
    _fill_meeting(circle.meeting, 40)
    with django_assert_max_num_queries(22):
        assert client.get(url("meeting", circle.meeting.pk)).status_code == 200


def test_annual_plan_queries_do_not_grow_with_meetings(client, circle, coordinator, django_assert_max_num_queries):
    year = timezone.localdate().year + 1
    client.force_login(coordinator)

    def add(n):
        for i in range(n):
            meeting = MeetingFactory(
                group=circle.group, date=date(year, 1, 1) + timedelta(days=i * 3 + Meeting.objects.count())
            )
            AgendaItemFactory(meeting=meeting)

    add(3)
    with django_assert_max_num_queries(10):
        client.get(url("plan", circle.group.pk, year))
    add(60)
    with django_assert_max_num_queries(10):
        client.get(url("plan", circle.group.pk, year))


def test_group_page_queries_do_not_grow(client, circle, coordinator, django_assert_max_num_queries):
    client.force_login(coordinator)
    _fill_meeting(circle.meeting, 2)
    with django_assert_max_num_queries(9):
        client.get(url("group", circle.group.pk))
    _fill_meeting(circle.meeting, 30)
    for i in range(20):
        MeetingFactory(
            group=circle.group,
            date=timezone.localdate() - timedelta(days=10 + i),
            presenting_agency=circle.member.agency,
        )
    with django_assert_max_num_queries(9):
        client.get(url("group", circle.group.pk))


def test_my_action_items_queries_do_not_grow(client, circle, specialist, django_assert_max_num_queries):
    past = MeetingFactory(group=circle.group, date=timezone.localdate() - timedelta(days=3))
    published_protocol(past)
    item = AgendaItemFactory(meeting=past)
    client.force_login(specialist)
    action_item(item, circle.member)
    with django_assert_max_num_queries(8):
        client.get(url("action_items"))
    for _ in range(40):
        action_item(item, circle.member)
    with django_assert_max_num_queries(8):
        client.get(url("action_items"))


@time_machine.travel(datetime(2026, 6, 10, 9, 0), tick=False)
def test_group_page_shows_what_its_owner_needs(client, world, circle, coordinator, specialist):
    """Meetings with their time and presenter, protocols, the annual plans with their counts, proposals with who made
    them, the rotation's proposal and who presented: each read with the columns the page shows."""
    group = circle.group
    circle.meeting.date = date(2026, 7, 1)
    circle.meeting.end_date = date(2026, 7, 2)
    circle.meeting.save()
    MeetingFactory(group=group, date=date(2026, 9, 3), presenting_agency=world.other_agency, title="Herbsttreffen")
    with_protocol = MeetingFactory(group=group, date=date(2026, 3, 4), title="Frühjahr")
    published_protocol(with_protocol)
    MeetingFactory(group=group, date=date(2026, 2, 4), title="Winter", presenting_agency=circle.member.agency)
    MeetingFactory(group=group, date=date(2026, 5, 5), cancelled_at=timezone.now())
    AnnualPlan.objects.create(group=group, year=2026, published_at=timezone.now())
    AgendaProposalFactory(group=group, proposed_by=circle.member, title="Sprachmittlung", reason="dringend")
    AgendaProposalFactory(group=group, proposed_by=circle.guest, title="Jugendmigrationsdienst")
    client.force_login(coordinator)
    body = client.get(url("group", group.pk)).content.decode()
    assert "Mittwoch, 1. Juli 2026 – Donnerstag, 2. Juli 2026, 10:00–13:00 Uhr</a>" in body
    assert f"Es stellt vor: {world.other_agency.name}" in body
    assert "Herbsttreffen" in body
    assert f'href="{url("protocol", with_protocol.pk)}">Protokoll</a>' in body
    assert "04.02.2026 – Winter" in body and "Protokoll fehlt noch" in body
    assert "Jahresplan 2026</a>:\n      4 Termine" in body  # the cancelled meeting does not count
    assert "Jahresplan 2027</a>:\n      0 Termine" in body
    assert body.count("veröffentlicht</span>") == 2  # 2026 published, 2027 "noch nicht veröffentlicht"
    assert "weniger als 3 Termine" in body  # 2027 only
    assert body.count("weniger als 3 Termine") == 1
    assert f"{specialist.get_full_name()}, {circle.member.agency.name}" in body and "· dringend" in body
    assert "Tarek Gast" in body and "Jugendmigrationsdienst" in body
    assert f"04.02.2026: {circle.member.agency.name}" in body  # who presented
    agency = circle.member.agency.name
    assert f"Vorschlag für den 01.07.2026: <strong>{agency}</strong> (hat zuletzt am 04.02.2026 vorgestellt)" in body
