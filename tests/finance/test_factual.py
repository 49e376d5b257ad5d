"""The proof of use finds the Sachbericht of each agency and year as its factual part."""

import pytest

from finance.factual import factual_reports_for
from tests.planning import factories as planning

pytestmark = pytest.mark.django_db


def test_factual_report_is_found_by_agency_and_year(world):
    report = planning.complete_report(planning.complete_plan(world.agency))
    found = factual_reports_for(agency_ids=[world.agency.pk, world.sibling_agency.pk], years=[report.year])
    assert list(found) == [(world.agency.pk, report.year)]
    assert found[(world.agency.pk, report.year)].url == report.get_absolute_url()


def test_factual_reports_of_other_years_are_not_returned(world):
    report = planning.complete_report(planning.complete_plan(world.agency))
    assert factual_reports_for(agency_ids=[world.agency.pk], years=[report.year + 1]) == {}


def test_factual_reports_are_read_in_one_query(world, django_assert_num_queries):
    for agency in (world.agency, world.sibling_agency):
        planning.complete_report(planning.complete_plan(agency))
    with django_assert_num_queries(1):
        factual_reports_for(agency_ids=[world.agency.pk, world.sibling_agency.pk], years=[planning.YEAR])
