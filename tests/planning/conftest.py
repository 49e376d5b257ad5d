import pytest

from tests.planning import factories as planning_factories


@pytest.fixture
def analysis(world):
    return planning_factories.complete_analysis(world.agency)


@pytest.fixture
def plan(world, analysis):
    return planning_factories.complete_plan(world.agency, analysis=analysis)


@pytest.fixture
def other_plan(world):
    return planning_factories.complete_plan(world.other_agency)
