import pytest

from tests.reporting.controlling.factories import published_template


@pytest.fixture
def template(db):
    return published_template()
