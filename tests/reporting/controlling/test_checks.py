"""Plausibility checks: integer figures, breakdowns that must add up, deviations from last year."""

from decimal import Decimal

import pytest

from core.workflow import State
from reporting.models import KeyFigure, KeyFigureValue, ValueStatus
from reporting.services.controlling_checks import breakdown_error, deviation_message, submission_problems, value_errors
from tests.reporting.controlling.factories import report_with

pytestmark = pytest.mark.django_db


def figure(**kwargs) -> KeyFigure:
    return KeyFigure(code="x", label="Veranstaltungen", unit="Anzahl", **kwargs)


def test_an_integer_figure_refuses_decimals():
    assert value_errors(figure(), Decimal("2.5")) == ["„Veranstaltungen“ wird als ganze Zahl angegeben."]


def test_negative_values_are_refused():
    assert value_errors(figure(), Decimal("-1")) == ["Bitte geben Sie keine negative Zahl ein."]


def test_a_breakdown_that_does_not_add_up_is_refused():
    message = breakdown_error(figure(by_field_of_action=True), Decimal(12), {1: Decimal(5), 2: Decimal(6)})
    assert message.startswith("Die Aufteilung nach Handlungsfeldern ergibt 11, die Gesamtzahl ist 12.")


def test_a_breakdown_that_adds_up_passes():
    assert breakdown_error(figure(by_field_of_action=True), Decimal(11), {1: Decimal(5), 2: Decimal(6), 3: None}) == ""


def test_a_value_far_from_last_year_needs_an_explanation():
    message = deviation_message(Decimal(16), Decimal(10), 50)
    assert "mehr als 50 % vom Vorjahreswert (10)" in message


def test_a_value_close_to_last_year_needs_none():
    assert deviation_message(Decimal(15), Decimal(10), 50) == ""


def test_something_after_zero_last_year_needs_an_explanation():
    assert deviation_message(Decimal(3), Decimal(0), 50) != ""


def test_submission_lists_unexplained_deviation_and_unconfirmed_values(world, template):
    report_with(world.agency, 2025, template, {"teilnehmende": 100}, state=State.FORWARDED)
    report = report_with(world.agency, 2026, template, {"teilnehmende": 300, "vzae": "1.5"}, state=State.DRAFT)
    KeyFigureValue.objects.filter(report=report, figure__code="vzae").update(
        status=ValueStatus.PREFILLED, source_label="aus dem Agenturverzeichnis"
    )
    problems = submission_problems(report)
    assert "„Teilnehmende“: Die Abweichung vom Vorjahr braucht eine kurze Erläuterung." in problems
    assert "„Vzae“: Bitte bestätigen oder korrigieren Sie den übernommenen Wert." in problems
    KeyFigureValue.objects.filter(report=report, figure__code="teilnehmende").update(explanation="Neues Sprachcafé.")
    assert "„Teilnehmende“: Die Abweichung vom Vorjahr braucht eine kurze Erläuterung." not in submission_problems(
        report
    )


def test_last_years_draft_is_not_a_reference(world, template):
    report_with(world.agency, 2025, template, {"teilnehmende": 100}, state=State.DRAFT)
    report = report_with(world.agency, 2026, template, {"teilnehmende": 300}, state=State.DRAFT)
    assert not any("Abweichung" in problem for problem in submission_problems(report))
