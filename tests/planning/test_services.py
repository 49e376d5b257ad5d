import pytest
from django.core.exceptions import ValidationError

from core.services import latest_revision, transition
from core.workflow import State
from funding.models import DocumentKind, TemplateVersion
from planning.models import SubGoalResult, Task, TaskPlan
from planning.selectors import effective_plan
from planning.services import documents
from planning.services.workflow import approve, forward, submit
from tests.planning import factories as pf

pytestmark = pytest.mark.django_db


def test_frozen_revision_cannot_change(specialist, plan):
    submit(document=plan, by=specialist)
    revision = latest_revision(plan)
    revision.content = {"sections": []}
    with pytest.raises(ValidationError):
        revision.save()


def test_revision_keeps_submitted_text_after_later_edits(specialist, coordinator, plan):
    submit(document=plan, by=specialist)
    transition(document=plan, to=State.RETURNED, by=coordinator, comment="bitte ändern")
    Task.objects.filter(plan=plan).update(goal="Neues Ziel")
    content = latest_revision(plan).content
    assert "Mehr Begegnung und Sprachpraxis im Stadtteil." in str(content)
    assert "Neues Ziel" not in str(content)


def test_outdated_template_cannot_be_submitted_and_says_why(specialist, plan):
    old = plan.template_version
    old.is_current = False
    old.save()
    TemplateVersion.objects.create(
        phase=old.phase, document_kind=DocumentKind.TASK_PLAN, version="Raster 2026", valid_from=old.valid_from
    )
    plan.refresh_from_db()
    with pytest.raises(ValidationError, match="veralteten Raster"):
        submit(document=plan, by=specialist)
    documents.adopt_current_template(document=plan, expected_version=plan.version, by=specialist)
    plan.refresh_from_db()
    submit(document=plan, by=specialist)
    assert plan.state == State.SUBMITTED


def test_plan_with_task_without_need_cannot_be_submitted(specialist, plan):
    plan.tasks.first().needs.clear()
    with pytest.raises(ValidationError, match="bezieht sich auf keinen Handlungsbedarf"):
        submit(document=plan, by=specialist)


def test_amendment_keeps_the_earlier_version(specialist, coordinator, plan):
    submit(document=plan, by=specialist)
    approve(document=plan, by=coordinator)
    forward(document=plan, by=coordinator)
    amendment = documents.start_amendment(
        plan=plan, kind=TaskPlan.AmendmentKind.FUNDAMENTAL, reason="Neue Zielgruppe", by=specialist
    )
    assert amendment.sequence == 2 and amendment.state == State.DRAFT
    assert amendment.tasks.count() == plan.tasks.count()
    Task.objects.filter(plan=amendment).update(title="Geänderte Aufgabe")
    plan.refresh_from_db()
    assert plan.state == State.FORWARDED
    assert plan.tasks.first().title.startswith("Sprachcafés")
    assert amendment.must_be_forwarded
    submit(document=amendment, by=specialist)
    approve(document=amendment, by=coordinator)
    assert effective_plan(plan.agency, plan.year) == amendment


def test_minor_amendment_is_acknowledged_without_forwarding(specialist, coordinator, plan):
    submit(document=plan, by=specialist)
    approve(document=plan, by=coordinator)
    amendment = documents.start_amendment(
        plan=plan, kind=TaskPlan.AmendmentKind.MINOR, reason="Termin verschoben", by=specialist
    )
    assert not amendment.must_be_forwarded


@pytest.mark.parametrize(
    ("kind", "consequence"),
    [
        (TaskPlan.AmendmentKind.FUNDAMENTAL, "erneut an die Bewilligungsbehörde weitergeleitet"),
        (TaskPlan.AmendmentKind.MINOR, "nimmt die Änderung zur Kenntnis"),
    ],
)
def test_submitted_amendment_mail_says_which_kind_and_what_follows(
    specialist, coordinator, plan, mailoutbox, django_capture_on_commit_callbacks, kind, consequence
):
    submit(document=plan, by=specialist)
    approve(document=plan, by=coordinator)
    amendment = documents.start_amendment(plan=plan, kind=kind, reason="Neue Zielgruppe", by=specialist)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submit(document=amendment, by=specialist)
    body = mailoutbox[-1].body
    assert f"({TaskPlan.AmendmentKind(kind).label})" in body and "Anlass: Neue Zielgruppe" in body
    assert consequence in body


def test_continue_analysis_prefills_from_previous(specialist, analysis):
    successor = documents.continue_analysis(previous=analysis, year=analysis.year + 1, by=specialist)
    assert successor.predecessor == analysis
    assert [n.title for n in successor.needs.all()] == [n.title for n in analysis.needs.all()]
    assert successor.data_points.count() == analysis.data_points.count()


def test_report_is_prefilled_from_the_approved_plan(specialist, coordinator, plan):
    submit(document=plan, by=specialist)
    approve(document=plan, by=coordinator)
    pf.template(DocumentKind.ACTIVITY_REPORT)
    report = documents.create_report(agency=plan.agency, year=plan.year, by=specialist)
    assert report.task_plan == plan
    assert report.measure_reports.count() == 1
    assert report.results.count() == 1
    with pytest.raises(ValidationError, match="fehlt das Ergebnis"):
        submit(document=report, by=specialist)
    SubGoalResult.objects.filter(report=report).update(reached=SubGoalResult.Reached.YES, actual_value=40)
    submit(document=report, by=specialist)


def test_report_needs_an_approved_plan(specialist, plan):
    pf.template(DocumentKind.ACTIVITY_REPORT)
    with pytest.raises(ValidationError, match="keine freigegebene Aufgabenplanung"):
        documents.create_report(agency=plan.agency, year=plan.year, by=specialist)


def test_creating_a_document_without_current_template_is_refused(specialist, world):
    with pytest.raises(ValidationError, match="kein aktuelles Raster"):
        documents.create_plan(agency=world.agency, year=2031, by=specialist)
