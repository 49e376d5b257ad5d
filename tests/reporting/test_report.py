"""Every aggregate of the report on the hand-computed sample (see conftest.py)."""

from datetime import date
from decimal import Decimal

import pytest

from reporting.services import report as report_service
from reporting.services.stats import percent, round_half_up
from reporting.services.surveys import new_edition
from reporting.templatetags.surveys import pct, pct0
from tests.reporting.factories import answer, launch

pytestmark = pytest.mark.django_db


def one(value: Decimal | None) -> Decimal | None:
    return round_half_up(value, 1)


@pytest.fixture
def report(sample):
    return report_service.compute(sample.survey, named=True)


def test_response_rate_counts_submitted_answers_of_the_snapshot(report):
    assert (report.respondent_count, report.target_count) == (6, 8)
    assert report.rate == Decimal(75)


def test_yes_no_counts_and_percentages(report):
    result = report.by_key()["andere"]
    assert result.base == 6
    assert [(o.key, o.count, one(o.percent)) for o in result.options] == [
        ("ja", 4, Decimal("66.7")),
        ("nein", 2, Decimal("33.3")),
    ]


def test_multiple_choice_base_is_agencies_that_answered_and_percentages_may_exceed_100(report):
    result = report.by_key()["art"]
    assert result.base == 5 and result.mentions == 7
    rows = {o.key: (o.count, one(o.percent), one(o.percent_mentions)) for o in result.options}
    assert rows == {
        "information": (3, Decimal("60.0"), Decimal("42.9")),
        "events": (2, Decimal("40.0"), Decimal("28.6")),
        "area": (1, Decimal("20.0"), Decimal("14.3")),
        "sonstiges": (1, Decimal("20.0"), Decimal("14.3")),
    }
    assert sum(o.percent for o in result.options) == Decimal(140)


def test_other_texts_are_listed_with_the_agency_only_for_the_owner(sample, report):
    assert report.by_key()["art"].other_texts == [("A3", "Netzwerk")]
    anonymous = report_service.compute(sample.survey, named=False)
    assert anonymous.by_key()["art"].other_texts == [(None, "Netzwerk")]


def test_numbers_mean_median_min_max_and_bins(report):
    result = report.by_key()["anzahl"]
    assert result.summary.count == 4
    assert (result.summary.mean, result.summary.median) == (Decimal("3.5"), Decimal("3.5"))
    assert (result.summary.minimum, result.summary.maximum) == (0, 7)
    assert [(b.label, b.count, b.percent) for b in result.bins] == [
        ("0", 1, Decimal(25)),
        ("1–2", 1, Decimal(25)),
        ("3–5", 1, Decimal(25)),
    ]
    assert result.outside_bins == 1


def test_agency_picker_counts_partners_per_agency_with_zero_for_none(report):
    result = report.by_key()["partner"]
    assert result.base == 6
    assert one(result.summary.mean) == Decimal("1.3")
    assert [(b.label, b.count) for b in result.bins] == [
        ("0", 2),
        ("1", 2),
        ("2", 1),
        ("3", 0),
        ("4–6", 1),
        ("7–10", 0),
    ]


def test_agency_picker_places_with_four_or_more_partners_come_first(report):
    places = report.by_key()["partner"].places
    assert [(p["name"], p["agencies"], p["many"], p["max"]) for p in places] == [
        ("Ystadt", 3, 1, 4),
        ("Xstadt", 3, 0, 2),
    ]


def test_agency_picker_becomes_a_network_with_mutual_and_cross_association_links(report):
    graph = report.by_key()["partner"].network
    assert graph.link_count == 6
    assert graph.mutual_count == 2
    assert graph.across_count == 3 and graph.across_percent == Decimal(50)
    rows = {row["node"].name: (row["named"], row["degree"], row["mutual"]) for row in graph.rows()}
    assert rows["B1"] == (4, 5, 1)
    assert rows["A1"] == (2, 2, 2)


def test_conditional_question_counts_only_respondents_it_was_shown_to(report):
    details = report.by_key()["details"]
    assert (details.asked, details.base) == (1, 1)
    assert details.texts == [("A1", "Fortbildung")]
    wish = report.by_key()["wunsch"]
    assert (wish.asked, wish.base) == (6, 2)


def test_filter_by_association_changes_base_and_rate(sample):
    report = report_service.compute(
        sample.survey, filters=report_service.Filters(association=sample.b[0].provider.district.welfare_association_id)
    )
    assert (report.respondent_count, report.target_count) == (3, 4)
    assert [o.count for o in report.by_key()["andere"].options] == [2, 1]


def test_filter_by_municipality(sample):
    report = report_service.compute(
        sample.survey, filters=report_service.Filters(municipality=sample.a[0].municipality_id)
    )
    assert (report.respondent_count, report.target_count) == (3, 4)


def test_percentages_round_half_up_german():
    assert pct0(percent(1, 8)) == "13 %"  # 12.5 → 13, not banker's 12
    assert pct(percent(1, 16)) == "6,3 %"  # 6.25 → 6,3
    assert pct(percent(2, 3)) == "66,7 %"
    assert pct(None) == "–"


def test_comparison_puts_the_earlier_edition_beside_by_stable_keys(sample):

    later = new_edition(
        survey=sample.survey,
        edition="2026",
        opens_on=date(2026, 3, 1),
        closes_on=date(2026, 4, 30),
        by=sample.survey.created_by,
    )
    launch(later)
    answer(later, sample.a[0], {"andere": "nein"})
    current = report_service.compute(later)
    report_service.compare(current, report_service.compute(sample.survey))
    andere = current.by_key()["andere"]
    assert [o.percent for o in andere.options] == [Decimal(0), Decimal(100)]
    assert one(andere.earlier["ja"]) == Decimal("66.7")
    assert andere.earlier["__base"] == 6
    assert current.by_key()["partner"].earlier["0"] is not None
