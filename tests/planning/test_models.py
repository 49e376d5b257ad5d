import pytest
from django.core.exceptions import ValidationError

from planning.models import Measure, SubGoal, SubGoalResult


def test_sub_goal_without_target_or_criterion_is_rejected_with_its_name():
    goal = SubGoal(description="Mehr Begegnung")
    with pytest.raises(ValidationError, match=r"Mehr Begegnung.*nicht überprüfbar"):
        goal.clean()


def test_sub_goal_with_indicator_but_no_target_names_the_missing_fields():
    goal = SubGoal(description="Teilnahme", indicator="Teilnehmende")
    with pytest.raises(ValidationError) as error:
        goal.clean()
    assert set(error.value.message_dict) == {"target_value", "unit"}


def test_sub_goal_with_qualitative_criterion_is_valid():
    SubGoal(description="Öffnung", qualitative_criterion="Alle Teams haben ein Angebot angepasst").clean()


def test_measure_may_not_end_before_it_starts():
    with pytest.raises(ValidationError):
        Measure(description="x", start_month=5, end_month=2).clean()


def test_measure_shows_a_quarter_as_quarter():
    assert Measure(description="x", start_month=4, end_month=6).period_label == "2. Quartal"


def test_partly_reached_result_needs_reasons():
    with pytest.raises(ValidationError):
        SubGoalResult(reached=SubGoalResult.Reached.PARTLY).clean()
