"""Creating and saving controlling reports: the prefill from plan, Sachbericht, registry and network, and the
confirm/correct semantics."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.services import StaleEditError
from reporting.models import ControllingReport, Cooperation, KeyFigureValue, ValueStatus
from reporting.services import controlling as service
from reporting.services.controlling import AnswerInput, FigureInput
from tests import factories
from tests.planning.factories import complete_plan, complete_report

pytestmark = pytest.mark.django_db
YEAR = 2026


def totals(report) -> dict:
    return {
        v.figure.code: v
        for v in KeyFigureValue.objects.filter(report=report, field_of_action__isnull=True).select_related("figure")
    }


@pytest.fixture
def prefilled(world, specialist, template):
    plan = complete_plan(world.agency, tasks=2)
    complete_report(plan)
    user = factories.UserFactory()
    Cooperation.objects.create(agency=world.agency, partner_agency=world.sibling_agency, updated_by=user)
    Cooperation.objects.create(agency=world.agency, partner_name="Moscheeverein Marxloh", updated_by=user)
    return service.create_report(agency=world.agency, year=YEAR, by=specialist, today=date(2027, 3, 1))


def test_prefill_takes_tasks_and_fields_of_action_from_the_plan(prefilled, world):
    value = totals(prefilled)["aufgaben"]
    assert value.value == 2
    assert value.source_label == "aus der Aufgabenplanung 2026"
    assert value.status == ValueStatus.PREFILLED
    primary = KeyFigureValue.objects.get(
        report=prefilled, figure__code="aufgaben", field_of_action=world.agency.primary_field
    )
    assert primary.value == 2
    assert (
        KeyFigureValue.objects.filter(report=prefilled, figure__code="aufgaben", field_of_action__isnull=False).count()
        == 4
    )


def test_prefill_takes_sub_goal_results_from_the_activity_report(prefilled):
    values = totals(prefilled)
    assert (values["erreicht"].value, values["teilweise"].value, values["nicht"].value) == (2, 0, 0)
    assert values["erreicht"].source_label == "aus dem Sachbericht 2026"


def test_prefill_takes_fte_and_head_count_from_the_registry_at_the_end_of_the_year(prefilled):
    values = totals(prefilled)
    assert values["vzae"].value == Decimal("1.50")
    assert values["koepfe"].value == 2
    assert values["vzae"].source_label == "aus dem Agenturverzeichnis (Stand 31.12.2026)"


def test_prefill_counts_cooperation_partners_from_the_network(prefilled):
    assert totals(prefilled)["partner"].value == 2
    assert totals(prefilled)["partner"].source_label == "aus dem Kooperationsnetz"


def test_prefill_answers_the_task_title_question_from_the_plan(prefilled):
    answer = prefilled.answers.get(question__code="titel")
    assert "Sprachcafés" in answer.text
    assert answer.status == ValueStatus.PREFILLED


def test_a_figure_without_source_starts_empty(prefilled):
    value = totals(prefilled)["teilnehmende"]
    assert value.value is None and value.source_label == "" and value.status == ValueStatus.ENTERED


def test_a_second_create_returns_the_same_report(prefilled, world, specialist):
    again = service.create_report(agency=world.agency, year=YEAR, by=specialist)
    assert again.pk == prefilled.pk
    assert ControllingReport.objects.filter(agency=world.agency, year=YEAR).count() == 1


def test_create_without_published_template_is_refused(world, specialist):
    with pytest.raises(ValidationError):
        service.create_report(agency=world.agency, year=YEAR, by=specialist)


def test_specialist_cannot_create_a_report_for_another_agency(world, specialist, template):
    with pytest.raises(PermissionDenied):
        service.create_report(agency=world.other_agency, year=YEAR, by=specialist)


def _inputs(report, **overrides):
    figures = {}
    for value in KeyFigureValue.objects.filter(report=report).select_related("figure"):
        item = figures.setdefault(value.figure_id, FigureInput(total=None))
        if value.is_total:
            item.total = overrides.get(value.figure.code, value.value)
        else:
            item.parts[value.field_of_action_id] = value.value
    return figures


def test_keeping_a_prefilled_value_and_confirming_it_marks_it_confirmed(prefilled, specialist):
    figures = _inputs(prefilled)
    for item in figures.values():
        item.confirmed = True
    service.save_report(
        report=prefilled, expected_version=prefilled.version, figures=figures, answers={}, by=specialist
    )
    assert totals(prefilled)["vzae"].status == ValueStatus.CONFIRMED


def test_changing_a_prefilled_value_marks_it_corrected_and_keeps_the_prefilled_one(prefilled, specialist):
    figures = _inputs(prefilled, partner=Decimal(5))
    service.save_report(
        report=prefilled, expected_version=prefilled.version, figures=figures, answers={}, by=specialist
    )
    value = totals(prefilled)["partner"]
    assert (value.value, value.prefilled_value, value.status) == (5, 2, ValueStatus.CORRECTED)


def test_a_stale_save_is_refused(prefilled, specialist):
    service.save_report(report=prefilled, expected_version=prefilled.version, figures={}, answers={}, by=specialist)
    with pytest.raises(StaleEditError):
        service.save_report(report=prefilled, expected_version=1, figures={}, answers={}, by=specialist)


def test_confirming_a_prefilled_answer(prefilled, specialist):
    answer = prefilled.answers.get(question__code="titel")
    service.save_report(
        report=prefilled,
        expected_version=prefilled.version,
        figures={},
        answers={answer.question_id: AnswerInput(text=answer.text, confirmed=True)},
        by=specialist,
    )
    answer.refresh_from_db()
    assert answer.status == ValueStatus.CONFIRMED


def test_new_template_version_copies_the_codes_of_the_previous(template, state_level):
    new = service.create_template(phase=template.phase, by=state_level)
    assert new.version == 2 and not new.is_published
    assert list(new.key_figures.values_list("code", flat=True)) == list(
        template.key_figures.values_list("code", flat=True)
    )


def test_coordinator_without_state_level_rights_cannot_edit_templates(template, coordinator):
    with pytest.raises(PermissionDenied):
        service.create_template(phase=template.phase, by=coordinator)


def test_a_published_template_cannot_be_changed(template, state_level):
    figure = template.key_figures.first()
    figure.label = "Neu"
    with pytest.raises(ValidationError):
        service.save_template_item(item=figure, by=state_level)


def test_publishing_needs_a_key_figure(template, state_level):
    draft = service.create_template(phase=template.phase, by=state_level)
    draft.key_figures.all().delete()
    with pytest.raises(ValidationError):
        service.publish_template(template=draft, by=state_level)
