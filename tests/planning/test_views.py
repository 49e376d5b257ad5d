import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from core.services import section_comments_of, transition
from core.workflow import State
from planning.models import Attachment, SocialSpaceAnalysis, SubGoal, TaskPlan
from planning.services import documents
from planning.services.workflow import approve, submit
from tests import factories
from tests.planning import factories as pf

pytestmark = pytest.mark.django_db


def management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def task_post(plan, need, *, version, goal=None):
    data = {
        "version": version,
        "title": "Nachbarschaftsdialog",
        "field_of_action": need.field_of_action_id,
        "needs": [need.pk],
        "rationale": "Aus der Analyse",
        "goal": "Weniger Konflikte",
        **management("teilziele", 1),
        **management("massnahmen", 1),
        "massnahmen-0-description": "Gesprächsrunden",
        "massnahmen-0-start_month": "1",
        "massnahmen-0-end_month": "3",
    }
    data.update(
        goal
        or {
            "teilziele-0-description": "Runden",
            "teilziele-0-indicator": "Termine",
            "teilziele-0-target_value": "10",
            "teilziele-0-unit": "Termine",
        }
    )
    return data


def test_specialist_creates_plan_and_adds_task_through_forms(client, specialist, world, analysis):
    pf.template("task_plan")
    client.force_login(specialist)
    response = client.post(
        reverse("planning:create", args=["aufgabenplanung"]) + f"?agentur={world.agency.pk}", {"year": 2026}
    )
    plan = TaskPlan.objects.get(agency=world.agency)
    assert response.url == plan.get_absolute_url()
    need = analysis.needs.first()
    response = client.post(reverse("planning:add_task", args=[plan.pk]), task_post(plan, need, version=plan.version))
    assert response.status_code == 302
    task = plan.tasks.get()
    assert task.sub_goals.get().target_value == 10
    assert task.measures.get().period_label == "1. Quartal"


def test_sub_goal_without_target_or_criterion_is_rejected_and_input_kept(client, specialist, world, analysis, plan):
    client.force_login(specialist)
    need = analysis.needs.first()
    data = task_post(plan, need, version=plan.version, goal={"teilziele-0-description": "Mehr Vertrauen"})
    response = client.post(reverse("planning:add_task", args=[plan.pk]), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "nicht überprüfbar" in body
    assert 'value="Nachbarschaftsdialog"' in body
    assert not SubGoal.objects.filter(description="Mehr Vertrauen").exists()


def test_task_without_need_is_rejected_with_clear_message(client, specialist, analysis, plan):
    client.force_login(specialist)
    data = task_post(plan, analysis.needs.first(), version=plan.version)
    data["needs"] = []
    response = client.post(reverse("planning:add_task", args=[plan.pk]), data)
    assert "mindestens einen Handlungsbedarf" in response.content.decode()


def test_later_of_two_editors_is_refused_and_keeps_input(client, specialist, world, analysis):
    colleague = factories.specialist_of(world.agency)
    url = reverse("planning:edit_analysis", args=[analysis.pk])
    base = {
        "version": analysis.version,
        "analysis_type": "social_space",
        "primary_field": analysis.primary_field_id,
        "integration_concept": "",
        "ki_cooperation": "",
        "local_coordination": "",
        **management("daten"),
        **management("bedarfe"),
    }
    client.force_login(colleague)
    assert client.post(url, {**base, "findings": "Erkenntnis der Kollegin"}).status_code == 302
    client.force_login(specialist)
    response = client.post(url, {**base, "findings": "Meine eigene Erkenntnis"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Inzwischen hat jemand anderes gespeichert" in body
    assert "Meine eigene Erkenntnis" in body and "Erkenntnis der Kollegin" in body
    assert SocialSpaceAnalysis.objects.get(pk=analysis.pk).findings == "Erkenntnis der Kollegin"


def test_coordinator_comments_a_section_and_specialist_sees_it(client, specialist, coordinator, plan):
    submit(document=plan, by=specialist)
    task = plan.tasks.first()
    client.force_login(coordinator)
    client.post(
        reverse("planning:comment", args=[plan.URL_KIND, plan.pk]),
        {"section_key": task.section_key, "body": "Zielwert begründen"},
    )
    assert section_comments_of(plan)[task.section_key][0].body == "Zielwert begründen"
    transition(document=plan, to=State.RETURNED, by=coordinator, comment="siehe Anmerkungen")
    client.force_login(specialist)
    assert "Zielwert begründen" in client.get(plan.get_absolute_url()).content.decode()


def test_specialist_cannot_comment(client, specialist, plan):
    submit(document=plan, by=specialist)
    client.force_login(specialist)
    response = client.post(
        reverse("planning:comment", args=[plan.URL_KIND, plan.pk]), {"section_key": "general", "body": "x"}
    )
    assert response.status_code == 404


@pytest.fixture
def report(specialist, coordinator, plan):
    submit(document=plan, by=specialist)
    approve(document=plan, by=coordinator)
    pf.template("activity_report")
    return documents.create_report(agency=plan.agency, year=plan.year, by=specialist)


def test_attachment_upload_and_access_checked_download(client, specialist, other_coordinator, coordinator, report):
    client.force_login(specialist)
    upload = SimpleUploadedFile("liste.pdf", b"%PDF-1.4 Teilnehmendenliste", content_type="application/pdf")
    client.post(reverse("planning:upload_attachment", args=[report.pk]), {"file": upload, "description": "Liste"})
    item = Attachment.objects.get()
    assert item.size == len(b"%PDF-1.4 Teilnehmendenliste")
    client.force_login(coordinator)
    response = client.get(item.get_absolute_url())
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(other_coordinator)
    assert client.get(item.get_absolute_url()).status_code == 404


def test_attachment_with_wrong_type_or_forged_content_is_refused(client, specialist, report):
    client.force_login(specialist)
    url = reverse("planning:upload_attachment", args=[report.pk])
    response = client.post(url, {"file": SimpleUploadedFile("x.exe", b"MZ"), "description": "x"})
    assert "können nicht angehängt werden" in response.content.decode()
    response = client.post(url, {"file": SimpleUploadedFile("x.pdf", b"MZ nothing"), "description": "x"})
    assert "passt nicht zur Endung" in response.content.decode()
    assert not Attachment.objects.exists()


def test_attachment_over_10_mb_is_refused(client, specialist, report):
    client.force_login(specialist)
    big = SimpleUploadedFile("gross.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024 + 1))
    response = client.post(reverse("planning:upload_attachment", args=[report.pk]), {"file": big, "description": "x"})
    assert "höchstens 10 MB" in response.content.decode()


def test_traceability_flags_gaps(client, specialist, world, analysis, plan):
    from planning.models import Need

    lonely = Need.objects.create(analysis=analysis, title="Wohnraum", field_of_action=world.agency.primary_field)
    plan.tasks.create(title="Ohne Bezug", field_of_action=world.agency.primary_field, rationale="r", goal="g")
    client.force_login(specialist)
    response = client.get(reverse("planning:traceability", args=[world.agency.pk, plan.year]))
    chain = response.context["chain"]
    assert chain["gaps"]["needs_without_task"] == [lonely]
    assert [t.title for t in chain["gaps"]["tasks_without_need"]] == ["Ohne Bezug"]
    assert len(chain["gaps"]["goals_without_result"]) == 1  # no report yet


def test_traceability_of_other_agency_is_404(client, specialist, world):
    client.force_login(specialist)
    assert client.get(reverse("planning:traceability", args=[world.other_agency.pk, 2026])).status_code == 404


def test_inbox_filters_by_kind_and_bulk_approves(client, specialist, coordinator, world, analysis, plan):
    submit(document=analysis, by=specialist)
    submit(document=plan, by=specialist)
    client.force_login(coordinator)
    response = client.get(reverse("planning:inbox"), {"kind": "aufgabenplanung", "state": "offen"})
    assert [row["pk"] for row in response.context["page"]] == [plan.pk]
    client.post(
        reverse("planning:bulk_action"),
        {"aktion": "freigeben", "dokument": [f"aufgabenplanung:{plan.pk}", f"sozialraumanalyse:{analysis.pk}"]},
    )
    plan.refresh_from_db()
    analysis.refresh_from_db()
    assert plan.state == analysis.state == State.APPROVED


def test_bulk_approve_skips_documents_of_another_district(client, other_coordinator, specialist, plan):
    submit(document=plan, by=specialist)
    client.force_login(other_coordinator)
    client.post(reverse("planning:bulk_action"), {"aktion": "freigeben", "dokument": [f"aufgabenplanung:{plan.pk}"]})
    plan.refresh_from_db()
    assert plan.state == State.SUBMITTED


def test_specialist_has_no_inbox(client, specialist):
    client.force_login(specialist)
    assert client.get(reverse("planning:inbox")).status_code == 403


def test_authority_lists_only_forwarded_documents(client, authority, specialist, coordinator, plan, analysis):
    submit(document=plan, by=specialist)
    approve(document=plan, by=coordinator)
    transition(document=plan, to=State.FORWARDED, by=coordinator)
    client.force_login(authority)
    rows = list(client.get(reverse("planning:list")).context["page"])
    assert [(r["kind"], r["pk"]) for r in rows] == [("aufgabenplanung", plan.pk)]
    assert client.get(analysis.get_absolute_url()).status_code == 404


def many_documents(world, count):
    for _ in range(count):
        agency = factories.AgencyFactory(provider=world.agency.provider)
        analysis = pf.complete_analysis(agency)
        plan = pf.complete_plan(agency, analysis=analysis, tasks=2)
        SocialSpaceAnalysis.objects.filter(pk=analysis.pk).update(state=State.SUBMITTED)
        TaskPlan.objects.filter(pk=plan.pk).update(state=State.SUBMITTED)


def test_inbox_queries_do_not_grow_with_documents(client, coordinator, world, django_assert_max_num_queries):
    client.force_login(coordinator)
    many_documents(world, 2)
    with django_assert_max_num_queries(8):
        client.get(reverse("planning:inbox"))
    many_documents(world, 30)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("planning:inbox"))
    assert response.context["page"].paginator.count == 64


def test_plan_page_queries_do_not_grow_with_tasks(client, specialist, world, analysis, django_assert_max_num_queries):
    small = pf.complete_plan(world.agency, analysis=analysis, tasks=1)
    big = pf.complete_plan(world.agency, analysis=analysis, tasks=40, year=2025)
    client.force_login(specialist)
    with django_assert_max_num_queries(22):
        client.get(small.get_absolute_url())
    with django_assert_max_num_queries(22):
        client.get(big.get_absolute_url())


def test_dashboard_shows_specialist_documents_and_coordinator_inbox(client, specialist, coordinator, plan):
    client.force_login(specialist)
    assert "fertigstellen und einreichen" in client.get(reverse("reporting:dashboard")).content.decode()
    submit(document=plan, by=specialist)
    client.force_login(coordinator)
    assert "Eingang der Koordination" in client.get(reverse("reporting:dashboard")).content.decode()


def forwarded(plan, specialist, coordinator):
    from planning.services.workflow import forward

    submit(document=plan, by=specialist)
    approve(document=plan, by=coordinator)
    forward(document=plan, by=coordinator)
    return plan


def test_authority_downloads_the_stored_pdf(client, authority, specialist, coordinator, plan):
    from core.services import stored_documents_of

    forwarded(plan, specialist, coordinator)
    stored = stored_documents_of(plan).get()
    client.force_login(authority)
    response = client.get(reverse("planning:stored_pdf", args=[plan.URL_KIND, plan.pk, stored.pk]))
    assert b"".join(response.streaming_content) == stored.file.open("rb").read()


def test_other_districts_coordinator_gets_404_for_stored_pdf(client, other_coordinator, specialist, coordinator, plan):
    from core.services import stored_documents_of

    forwarded(plan, specialist, coordinator)
    stored = stored_documents_of(plan).get()
    client.force_login(other_coordinator)
    assert client.get(reverse("planning:stored_pdf", args=[plan.URL_KIND, plan.pk, stored.pk])).status_code == 404


def test_revision_page_shows_frozen_content(client, specialist, plan):
    submit(document=plan, by=specialist)
    client.force_login(specialist)
    response = client.get(reverse("planning:revision", args=[plan.URL_KIND, plan.pk, 1]))
    assert "Sprachcafés als Treffpunkt" in response.content.decode()


def test_amendment_through_the_view_creates_second_version(client, specialist, coordinator, plan):
    forwarded(plan, specialist, coordinator)
    client.force_login(specialist)
    response = client.post(
        reverse("planning:amend_plan", args=[plan.pk]),
        {"amendment_kind": "fundamental", "amendment_reason": "Neue Zielgruppe im Quartier"},
    )
    amendment = TaskPlan.objects.get(amendment_of=plan)
    assert response.url == amendment.get_absolute_url()
    assert "neuere Fassung" in client.get(plan.get_absolute_url()).content.decode()


def test_continued_analysis_can_be_compared(client, specialist, coordinator, analysis):
    submit(document=analysis, by=specialist)
    client.force_login(specialist)
    response = client.post(reverse("planning:continue_analysis", args=[analysis.pk]), {"year": analysis.year + 1})
    successor = SocialSpaceAnalysis.objects.get(predecessor=analysis)
    assert response.url == reverse("planning:edit_analysis", args=[successor.pk])
    SocialSpaceAnalysis.objects.filter(pk=successor.pk).update(findings="Neue Erkenntnisse 2026")
    body = client.get(reverse("planning:compare_analysis", args=[successor.pk])).content.decode()
    assert "Neue Erkenntnisse 2026" in body


def test_document_list_offers_a_specialist_new_documents_for_their_agency(client, specialist, world):
    client.force_login(specialist)
    html = client.get(reverse("planning:list")).content.decode()
    assert f"Neues Dokument für {escape(world.agency.name)}" in html
    assert f"{reverse('planning:create', args=['sachbericht'])}?agentur={world.agency.pk}" in html


def test_inbox_offers_a_coordinator_no_new_documents(client, coordinator):
    client.force_login(coordinator)
    assert "Neues Dokument für" not in client.get(reverse("planning:inbox")).content.decode()
