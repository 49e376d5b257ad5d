"""Staff-change pages as each role uses them: filing through the forms, checking, forwarding, the decision, the
PDF and the exports – including the refused cases and bounded query counts."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from agencies.models import StaffChange
from agencies.staff_changes import services
from core.services import stored_documents_of
from core.workflow import State
from tests import factories
from tests.agencies.factories import StaffChangeFactory

pytestmark = pytest.mark.django_db


def _date(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_provider_manager_files_an_increase_through_the_forms(
    client, world, provider_manager, coordinator, authority_org, django_capture_on_commit_callbacks
):
    holder = world.agency.positions.get(fte="0.50").assignments.get().staff_member
    client.force_login(provider_manager)
    start = client.get(reverse("agencies:staff_change_start"), {"agency": world.agency.pk, "kind": "hours_increase"})
    assert start.status_code == 302
    url = start["Location"]
    response = client.post(
        url,
        {"effective_on": _date(70), "staff_member": holder.pk, "new_fte": "0,75", "justification": "Mehr Quartier."},
    )
    change = StaffChange.objects.get()
    assert response["Location"] == change.get_absolute_url()
    assert str(change.new_fte) == "0.75"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("agencies:staff_change_submit", args=[change.pk]), {"comment": ""})
    change.refresh_from_db()
    assert change.state == State.SUBMITTED
    assert mail.outbox[0].to == [coordinator.email]


def test_missing_justification_is_shown_at_the_field_and_input_kept(client, world, provider_manager, authority_org):
    holder = world.agency.positions.get(fte="0.50").assignments.get().staff_member
    client.force_login(provider_manager)
    url = reverse("agencies:staff_change_create", args=[world.agency.pk, "hours_increase"])
    response = client.post(url, {"effective_on": _date(70), "staff_member": holder.pk, "new_fte": "0,75"})
    assert response.status_code == 200
    assert "justification" in response.context["form"].errors
    assert 'value="0,75"' in response.content.decode()
    assert 'href="#id_justification"' in response.content.decode()
    assert not StaffChange.objects.exists()


def test_short_lead_time_warns_but_saves(client, world, provider_manager, authority_org):
    holder = world.agency.positions.get(fte="0.50").assignments.get().staff_member
    client.force_login(provider_manager)
    url = reverse("agencies:staff_change_create", args=[world.agency.pk, "hours_increase"])
    response = client.post(
        url,
        {"effective_on": _date(20), "staff_member": holder.pk, "new_fte": "0,75", "justification": "x"},
        follow=True,
    )
    assert "weniger als 6 Wochen" in response.content.decode()
    assert StaffChange.objects.count() == 1


def test_filing_a_past_approval_requiring_change_shows_an_error(client, increase, provider_manager):
    StaffChange.objects.filter(pk=increase.pk).update(effective_on=timezone.localdate() - timedelta(days=1))
    client.force_login(provider_manager)
    response = client.post(reverse("agencies:staff_change_submit", args=[increase.pk]), follow=True)
    assert "nachträgliche Zustimmung" in response.content.decode()
    increase.refresh_from_db()
    assert increase.state == State.DRAFT


def test_provider_manager_cannot_file_for_another_providers_agency(client, world, provider_manager):
    client.force_login(provider_manager)
    url = reverse("agencies:staff_change_create", args=[world.other_agency.pk, "vacancy"])
    assert client.get(url).status_code == 404


def test_unknown_kind_answers_404(client, world, provider_manager):
    client.force_login(provider_manager)
    assert client.get(reverse("agencies:staff_change_create", args=[world.agency.pk, "promotion"])).status_code == 404


def test_another_providers_change_by_url_answers_404(client, provider_manager, other_change):
    client.force_login(provider_manager)
    assert client.get(other_change.get_absolute_url()).status_code == 404
    assert client.post(reverse("agencies:staff_change_submit", args=[other_change.pk])).status_code == 404


def test_specialist_gets_no_staff_change_pages(client, specialist, forwarded):
    client.force_login(specialist)
    assert client.get(reverse("agencies:staff_changes")).status_code == 403
    assert client.get(forwarded.get_absolute_url()).status_code == 404


def test_coordinator_returns_with_reason_and_provider_resubmits(client, increase, provider_manager, coordinator):
    services.submit_staff_change(change=increase, by=provider_manager)
    client.force_login(coordinator)
    url = reverse("agencies:staff_change_review", args=[increase.pk])
    response = client.post(url, {"action": "return", "comment": ""}, follow=True)
    assert "begründen Sie die Rückgabe" in response.content.decode()
    client.post(url, {"action": "return", "comment": "Bitte Stundenplan beilegen."})
    increase.refresh_from_db()
    assert increase.state == State.RETURNED
    client.force_login(provider_manager)
    edit = reverse("agencies:staff_change_edit", args=[increase.pk])
    client.post(
        edit,
        {
            "effective_on": increase.effective_on.isoformat(),
            "staff_member": increase.staff_member_id,
            "new_fte": "1,00",
            "justification": "Mit Stundenplan.",
            "version": increase.version,
        },
    )
    client.post(reverse("agencies:staff_change_submit", args=[increase.pk]))
    increase.refresh_from_db()
    assert (increase.state, increase.justification) == (State.SUBMITTED, "Mit Stundenplan.")


def test_stale_edit_keeps_the_users_input(client, increase, provider_manager):
    client.force_login(provider_manager)
    services.update_staff_change(change=increase, expected_version=1, data={"note": "anders"}, by=provider_manager)
    response = client.post(
        reverse("agencies:staff_change_edit", args=[increase.pk]),
        {
            "effective_on": increase.effective_on.isoformat(),
            "staff_member": increase.staff_member_id,
            "new_fte": "1,00",
            "justification": "Meine Fassung",
            "version": 1,
        },
    )
    assert response.status_code == 200
    assert "Meine Fassung" in response.content.decode()
    assert "jemand anderem gespeichert" in response.content.decode()


def test_other_coordinator_cannot_review_by_url(client, increase, provider_manager, other_coordinator):
    services.submit_staff_change(change=increase, by=provider_manager)
    client.force_login(other_coordinator)
    url = reverse("agencies:staff_change_review", args=[increase.pk])
    assert client.post(url, {"action": "release"}).status_code == 404


def test_coordinator_forwards_and_authority_records_approval(
    client, increase, provider_manager, coordinator, authority
):
    services.submit_staff_change(change=increase, by=provider_manager)
    client.force_login(coordinator)
    client.post(reverse("agencies:staff_change_review", args=[increase.pk]), {"action": "release", "comment": ""})
    client.post(reverse("agencies:staff_change_forward", args=[increase.pk]), {"comment": "Mit Bitte um Zustimmung."})
    increase.refresh_from_db()
    assert increase.state == State.FORWARDED
    client.force_login(authority)
    url = reverse("agencies:staff_change_decide", args=[increase.pk])
    response = client.post(url, {"outcome": "approved", "decided_on": "", "reference": ""})
    assert {"decided_on", "reference"} <= set(response.context["form"].errors)
    client.post(url, {"outcome": "approved", "decided_on": timezone.localdate().isoformat(), "reference": "Az 7"})
    assert StaffChange.objects.get(pk=increase.pk).decision.reference == "Az 7"


def test_forwarded_pdf_is_served_as_stored(client, forwarded, coordinator, authority):
    stored = stored_documents_of(forwarded).get()
    url = reverse("agencies:staff_change_pdf", args=[forwarded.pk, stored.pk])
    for user in (coordinator, authority):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == stored.file.open("rb").read()


def test_another_districts_pdf_answers_404(client, forwarded, other_change, coordinator, authority):
    stored = stored_documents_of(other_change).get()
    for user in (coordinator, authority):
        client.force_login(user)
        assert client.get(reverse("agencies:staff_change_pdf", args=[other_change.pk, stored.pk])).status_code == 404
        # a foreign document id under one's own change is not served either
        assert client.get(reverse("agencies:staff_change_pdf", args=[forwarded.pk, stored.pk])).status_code == 404


def test_authority_list_shows_only_forwarded(client, increase, forwarded, authority):
    draft = StaffChangeFactory(agency=increase.agency, created_by=increase.created_by)
    client.force_login(authority)
    response = client.get(reverse("agencies:staff_changes"))
    assert [c.pk for c in response.context["page"]] == [forwarded.pk]
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_list_filters_by_urgency(client, forwarded, coordinator):
    StaffChange.objects.filter(pk=forwarded.pk).update(effective_on=timezone.localdate() - timedelta(days=1))
    client.force_login(coordinator)
    response = client.get(reverse("agencies:staff_changes"), {"urgency": "overdue"})
    assert [c.pk for c in response.context["page"]] == [forwarded.pk]
    assert "Datum verstrichen" in response.content.decode()
    response = client.get(reverse("agencies:staff_changes"), {"urgency": "soon"})
    assert list(response.context["page"]) == []


def test_district_overview_and_exports_for_the_coordinator(client, forwarded, coordinator, world):
    client.force_login(coordinator)
    response = client.get(reverse("agencies:staff_overview", args=[world.district.pk]))
    assert response.status_code == 200
    assert response.context["history"]["agencies"][0].label == "Duisburg-Laar"
    staff = client.get(reverse("agencies:staff_list_xlsx", args=[world.district.pk]))
    rows = list(load_workbook(BytesIO(staff.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1 + 3  # header + three staff members of the district
    log = client.get(reverse("agencies:change_log_xlsx", args=[world.district.pk]))
    rows = list(load_workbook(BytesIO(log.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == forwarded.pk and rows[1][7] == "Weitergeleitet"


def test_district_overview_and_exports_refuse_another_district(client, other_coordinator, provider_manager, world):
    for user in (other_coordinator, provider_manager):
        client.force_login(user)
        for name in ("agencies:staff_overview", "agencies:staff_list_xlsx", "agencies:change_log_xlsx"):
            assert client.get(reverse(name, args=[world.district.pk])).status_code == 404


def test_contact_data_form_completes_a_new_hire(client, world, provider_manager, coordinator, authority_org):
    hire = factories.StaffMemberFactory(provider=world.provider, phone="", email="")
    StaffChangeFactory(agency=world.agency, created_by=provider_manager, kind="new_hire", hired_staff_member=hire)
    client.force_login(provider_manager)
    url = reverse("agencies:contact_data", args=[hire.pk])
    response = client.post(url, {"email": "kein-mail", "phone": "", "qualification": "B. A."})
    assert "email" in response.context["form"].errors and "phone" in response.context["form"].errors
    client.post(url, {"email": "neu@example.org", "phone": "0203 5", "qualification": "B. A."})
    hire.refresh_from_db()
    assert hire.contact_complete
    assert client.get(url).status_code == 404  # complete: nothing due any more


def test_contact_data_of_another_provider_answers_404(client, world, provider_manager):
    other = factories.StaffMemberFactory(provider=world.other_agency.provider, phone="")
    StaffChangeFactory(agency=world.other_agency, kind="new_hire", hired_staff_member=other)
    client.force_login(provider_manager)
    assert client.get(reverse("agencies:contact_data", args=[other.pk])).status_code == 404


# --- bounded queries -----------------------------------------------------------------------------------------------


@pytest.fixture
def many_changes(world, provider_manager, authority_org):
    def make(count: int):
        staff = world.agency.positions.get(fte="0.50").assignments.get().staff_member
        for index in range(count):
            change = StaffChangeFactory(
                agency=world.agency,
                staff_member=staff,
                created_by=provider_manager,
                effective_on=timezone.localdate() + timedelta(days=10 + index),
            )
            StaffChange.objects.filter(pk=change.pk).update(state=[State.SUBMITTED, State.FORWARDED][index % 2])

    return make


@pytest.mark.parametrize("count", [3, 120])
def test_change_list_queries_do_not_grow(client, coordinator, many_changes, django_assert_max_num_queries, count):
    many_changes(count)
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("agencies:staff_changes"))
    assert len(response.context["page"]) == min(count, 25)


@pytest.mark.parametrize("count", [3, 120])
def test_dashboards_with_change_panels_stay_bounded(
    client, coordinator, provider_manager, authority, many_changes, django_assert_max_num_queries, count
):
    many_changes(count)
    for user in (coordinator, provider_manager, authority):
        client.force_login(user)
        with django_assert_max_num_queries(25):
            assert client.get(reverse("reporting:dashboard")).status_code == 200


@pytest.mark.parametrize("count", [3, 120])
def test_district_overview_queries_do_not_grow(
    client, coordinator, world, many_changes, django_assert_max_num_queries, count
):
    many_changes(count)
    client.force_login(coordinator)
    with django_assert_max_num_queries(15):
        client.get(reverse("agencies:staff_overview", args=[world.district.pk]))


def test_detail_shows_history_and_decision_actions(client, forwarded, authority):
    client.force_login(authority)
    response = client.get(forwarded.get_absolute_url())
    content = response.content.decode()
    assert "Entscheidung der Behörde erfassen" in content
    assert "Eingereicht → Freigegeben" in content


def test_agency_page_links_the_provider_to_a_preselected_start(client, world, provider_manager):
    client.force_login(provider_manager)
    assert "Personal- oder Stellenveränderung melden" in client.get(world.agency.get_absolute_url()).content.decode()
    response = client.get(reverse("agencies:staff_change_start"), {"agency": world.agency.pk})
    assert response.status_code == 200
    assert not response.context["form"].errors
    assert f'value="{world.agency.pk}" selected' in response.content.decode()


@pytest.mark.parametrize("count", [1, 6])
def test_short_lists_name_closing_sites_without_a_query_per_change(
    client, coordinator, world, provider_manager, django_assert_num_queries, count
):
    from agencies.models import ChangeKind, Site

    for index in range(count):
        site = Site.objects.create(agency=world.agency, street=f"Weg {index}", postcode="47169", city="Duisburg")
        change = StaffChangeFactory(
            agency=world.agency,
            kind=ChangeKind.SITE_CLOSING,
            site=site,
            staff_member=None,
            created_by=provider_manager,
            effective_on=timezone.localdate() + timedelta(days=30),
        )
        StaffChange.objects.filter(pk=change.pk).update(state=State.SUBMITTED)
    client.force_login(coordinator)
    client.get(reverse("agencies:staff_overview", args=[world.district.pk]))  # warm the session
    with django_assert_num_queries(10):
        response = client.get(reverse("agencies:staff_overview", args=[world.district.pk]))
    assert response.content.decode().count("Weg ") == count
