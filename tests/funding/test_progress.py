"""An obligation follows its document; the coordination marks the others fulfilled; late-marking."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from funding.models import DocumentKind, Obligation, ObligationEvent, ObligationState
from funding.services import record_document_progress
from funding.services.progress import mark_fulfilled, record_missed_deadlines

pytestmark = pytest.mark.django_db


def at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10))


def report(world, year=2025):
    return Obligation.objects.get(agency=world.agency, document_kind=DocumentKind.ACTIVITY_REPORT, year=year)


def test_obligation_follows_its_document_to_forwarded(world, phase):
    for state, day in (
        ("submitted", date(2026, 4, 20)),
        ("approved", date(2026, 5, 2)),
        ("forwarded", date(2026, 6, 1)),
    ):
        record_document_progress(
            agency=world.agency, kind=DocumentKind.ACTIVITY_REPORT, year=2025, state=state, at=at(day)
        )
    obligation = report(world)
    assert obligation.state == ObligationState.FORWARDED
    assert (obligation.submitted_on, obligation.approved_on, obligation.forwarded_on) == (
        date(2026, 4, 20),
        date(2026, 5, 2),
        date(2026, 6, 1),
    )
    assert obligation.is_fulfilled
    assert obligation.events.filter(action=ObligationEvent.Action.PROGRESS).count() == 3


def test_returned_document_keeps_the_first_submission_date(world, phase):
    for state, day in (
        ("submitted", date(2026, 4, 20)),
        ("returned", date(2026, 4, 25)),
        ("submitted", date(2026, 5, 5)),
    ):
        record_document_progress(
            agency=world.agency, kind=DocumentKind.ACTIVITY_REPORT, year=2025, state=state, at=at(day)
        )
    obligation = report(world)
    assert obligation.state == ObligationState.SUBMITTED
    assert obligation.submitted_on == date(2026, 4, 20)
    assert obligation.overdue_tier(date(2026, 5, 10)) == ""


def test_progress_without_obligation_changes_nothing_and_does_not_raise(world, phase):
    record_document_progress(
        agency=world.agency, kind=DocumentKind.ACTIVITY_REPORT, year=2031, state="submitted", at=at(date(2031, 1, 2))
    )
    assert not Obligation.objects.exclude(state=ObligationState.OPEN).exists()


def test_analysis_submitted_for_second_year_fulfils_the_phase_obligation(world, phase):
    record_document_progress(
        agency=world.agency,
        kind=DocumentKind.SOCIAL_SPACE_ANALYSIS,
        year=2026,
        state="submitted",
        at=at(date(2024, 11, 1)),
    )
    analysis = Obligation.objects.get(agency=world.agency, document_kind=DocumentKind.SOCIAL_SPACE_ANALYSIS)
    assert analysis.state == ObligationState.SUBMITTED


def test_draft_state_is_ignored(world, phase):
    record_document_progress(
        agency=world.agency, kind=DocumentKind.ACTIVITY_REPORT, year=2025, state="draft", at=at(date(2026, 1, 2))
    )
    assert report(world).state == ObligationState.OPEN


def pdf(name="VN.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


def test_coordination_marks_final_statement_forwarded_with_date_and_attachment(world, phase, coordinator):
    statement = Obligation.objects.get(district=world.district, document_kind=DocumentKind.FINAL_STATEMENT)
    event = mark_fulfilled(
        obligation=statement,
        step="forwarded",
        on=date(2027, 6, 20),
        by=coordinator,
        attachment=pdf(),
        note="per Post",
        today=date(2027, 6, 21),
    )
    statement.refresh_from_db()
    assert statement.is_fulfilled and statement.forwarded_on == date(2027, 6, 20)
    assert event.by == coordinator and event.attachment_name == "VN.pdf"


def test_document_backed_obligations_cannot_be_marked_by_hand(world, phase, coordinator):
    with pytest.raises(ValidationError):
        mark_fulfilled(
            obligation=report(world), step="forwarded", on=date(2026, 5, 1), by=coordinator, today=date(2026, 5, 2)
        )


def test_fulfilment_date_may_not_lie_in_the_future(world, phase, coordinator):
    statement = Obligation.objects.get(district=world.district, document_kind=DocumentKind.FINAL_STATEMENT)
    with pytest.raises(ValidationError):
        mark_fulfilled(
            obligation=statement, step="submitted", on=date(2027, 5, 2), by=coordinator, today=date(2027, 5, 1)
        )


def test_missed_deadlines_are_recorded_once_per_tier(world, phase):
    first = record_missed_deadlines(today=date(2026, 5, 1))
    again = record_missed_deadlines(today=date(2026, 5, 1))
    assert first > 0 and again == 0
    obligation = report(world)
    assert list(obligation.events.filter(action="missed").values_list("tier", flat=True)) == ["district"]


def test_fulfilled_obligation_is_not_marked_late(world, phase):
    for state in ("submitted", "approved", "forwarded"):
        record_document_progress(
            agency=world.agency, kind=DocumentKind.ACTIVITY_REPORT, year=2025, state=state, at=at(date(2026, 4, 1))
        )
    record_missed_deadlines(today=date(2026, 7, 1))
    assert not report(world).events.filter(action="missed").exists()


def test_district_document_moves_the_districts_obligation_not_its_agencies(world, phase):
    record_document_progress(
        district=world.district,
        kind=DocumentKind.INTERIM_STATEMENT,
        year=2025,
        state="submitted",
        at=at(date(2026, 4, 28)),
    )
    interim = Obligation.objects.get(district=world.district, document_kind=DocumentKind.INTERIM_STATEMENT)
    assert (interim.state, interim.submitted_on) == (ObligationState.SUBMITTED, date(2026, 4, 28))
    assert not Obligation.objects.exclude(pk=interim.pk).exclude(state=ObligationState.OPEN).exists()


def test_progress_needs_exactly_one_debtor(world, phase):
    with pytest.raises(TypeError):
        record_document_progress(
            agency=world.agency,
            district=world.district,
            kind=DocumentKind.ACTIVITY_REPORT,
            year=2025,
            state="submitted",
            at=at(date(2026, 4, 20)),
        )


@pytest.mark.parametrize("kind", [DocumentKind.CONTROLLING_REPORT, DocumentKind.SPENDING_FORECAST])
def test_obligations_of_agency_documents_written_in_agenturnetz_are_not_marked_by_hand(world, phase, coordinator, kind):
    owed = Obligation.objects.get(agency=world.agency, document_kind=kind, year=2025)
    assert not owed.is_manual
    with pytest.raises(ValidationError):
        mark_fulfilled(obligation=owed, step="submitted", on=date(2026, 4, 2), by=coordinator, today=date(2026, 4, 3))
