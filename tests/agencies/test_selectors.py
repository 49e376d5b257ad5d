from datetime import date
from decimal import Decimal

import pytest

from agencies.models import Agency, Position
from agencies.selectors import (
    Figures,
    active_assignments,
    fields_of_action_by_agency,
    figures_by,
    figures_for,
    staffed_by_agency,
    staffing_in,
    staffing_of,
    with_figures,
)
from tests import factories

pytestmark = pytest.mark.django_db


def test_figures_count_fte_and_heads_on_the_given_day():
    agency = factories.AgencyFactory()
    factories.staff_agency(agency, "1.00", valid_from=date(2020, 1, 1))
    factories.staff_agency(agency, "0.50", valid_from=date(2024, 7, 1))

    before = figures_for(day=date(2024, 6, 30), agency_ids=[agency.pk])
    after = figures_for(day=date(2024, 7, 1), agency_ids=[agency.pk])

    assert (before.staffed_fte, before.head_count) == (Decimal("1.00"), 1)
    assert (after.staffed_fte, after.head_count) == (Decimal("1.50"), 2)


def test_an_ended_assignment_leaves_a_vacant_funded_position():
    agency = factories.AgencyFactory()
    assignment = factories.staff_agency(agency, "0.75")
    assignment.valid_to = date(2025, 3, 31)
    assignment.save()

    figures = figures_for(day=date(2025, 4, 1), agency_ids=[agency.pk])

    assert figures.funded_fte == Decimal("0.75")
    assert figures.staffed_fte == Decimal("0")
    assert figures.head_count == 0


def test_person_in_two_agencies_of_a_district_counts_once():
    first = factories.AgencyFactory()
    second = factories.AgencyFactory(provider=first.provider)
    person = factories.StaffMemberFactory(provider=first.provider)
    for agency in (first, second):
        position = factories.PositionFactory(agency=agency, fte=Decimal("0.50"))
        factories.AssignmentFactory(position=position, staff_member=person)

    figures = figures_for(day=date(2025, 1, 1), district_ids=[first.provider.district_id])

    assert figures.staffed_fte == Decimal("1.00")
    assert figures.head_count == 1


def test_closed_agency_is_not_counted_after_closing():
    agency = factories.AgencyFactory(closed_on=date(2025, 1, 1))
    factories.staff_agency(agency, "1.00")

    assert figures_for(day=date(2024, 12, 31), agency_ids=[agency.pk]).agencies == 1
    assert figures_for(day=date(2025, 1, 1), agency_ids=[agency.pk]).agencies == 0


def test_with_figures_annotates_each_agency_without_multiplying_sums():
    agency = factories.AgencyFactory()
    factories.staff_agency(agency, "1.00")
    factories.staff_agency(agency, "0.25")

    annotated = with_figures(Agency.objects.filter(pk=agency.pk), date(2025, 1, 1)).get()

    assert annotated.funded_fte == Decimal("1.25")
    assert annotated.staffed_fte == Decimal("1.25")
    assert annotated.head_count == 2


def test_staffed_by_agency_gives_what_with_figures_annotates():
    staffed, unstaffed = factories.AgencyFactory(), factories.AgencyFactory()
    factories.staff_agency(staffed, "1.00")
    factories.staff_agency(staffed, "0.25")
    day = date(2025, 1, 1)

    figures = staffed_by_agency([staffed.pk, unstaffed.pk], day=day)

    annotated = with_figures(Agency.objects.filter(pk=staffed.pk), day).get()
    assert figures == {staffed.pk: (annotated.staffed_fte, annotated.head_count)}
    assert figures[staffed.pk] == (Decimal("1.25"), 2)


def test_figures_by_provider_groups_totals(world):
    grouped = figures_by("provider", day=date(2025, 1, 1))

    ours = grouped[world.provider.pk]
    assert ours["agencies"] == 2
    assert ours["staffed_fte"] == Decimal("2.25")
    assert ours["head_count"] == 3


@pytest.mark.parametrize(
    "day", [date(2024, 6, 30), date(2024, 7, 1), date(2025, 1, 1), date(2025, 3, 31), date(2025, 4, 1)]
)
def test_staffing_of_an_agency_counts_what_figures_for_counts(day):
    agency = factories.AgencyFactory(closed_on=date(2025, 4, 1))
    first = factories.staff_agency(agency, "1.00", valid_from=date(2020, 1, 1))
    factories.staff_agency(agency, "0.50", valid_from=date(2024, 7, 1))
    factories.staff_agency(agency, "0.25", valid_from=date(2020, 1, 1), valid_to=date(2024, 6, 30))
    second_position = factories.PositionFactory(agency=agency, fte=Decimal("0.25"), valid_from=date(2025, 1, 1))
    factories.AssignmentFactory(position=second_position, staff_member=first.staff_member)  # one head, two posts
    leaver = factories.StaffMemberFactory(provider=agency.provider, employed_to=date(2025, 2, 28))
    factories.AssignmentFactory(position=second_position, staff_member=leaver, fte=Decimal("0.50"))
    staffing = staffing_of(agency, day)

    assert staffing.figures == figures_for(day=day, agency_ids=[agency.pk])
    assert staffing.figures == figures_of_loaded(with_figures(Agency.objects.filter(pk=agency.pk), day).get(), day)
    on_the_day = active_assignments(day).filter(position__agency=agency)
    assert {a.pk for a in staffing.assignments} == set(on_the_day.values_list("pk", flat=True))
    names = [a.staff_member.last_name for a in staffing.assignments]
    assert names == sorted(names)
    assert staffing.positions == list(Position.objects.filter(agency=agency).order_by("-valid_from", "pk"))


def figures_of_loaded(agency, day):
    """What the detail page showed from `with_figures` before it counted the rows it lists."""
    if not agency.is_active_on(day):
        return Figures(agencies=0, funded_fte=Decimal("0"), staffed_fte=Decimal("0"), head_count=0)
    return Figures(1, agency.funded_fte, agency.staffed_fte, agency.head_count)


def test_staffing_in_counts_a_person_once_per_provider_and_once_in_all(world):
    day = date(2025, 1, 1)
    person = world.agency.positions.first().assignments.first().staff_member
    factories.AssignmentFactory(
        position=factories.PositionFactory(agency=world.sibling_agency, fte=Decimal("0.25")), staff_member=person
    )

    staffing = staffing_in(Agency.objects.filter(provider__district=world.district).order_by("pk"), day=day)

    assert staffing.heads_by_provider[world.provider.pk] == 3  # two in the agency, one in its sibling, the person once
    assert staffing.head_count == 3
    assert world.other_district.pk not in {agency.provider.district_id for agency in staffing.agencies}


def test_staffing_in_gives_each_agency_the_figures_with_figures_annotates(world):
    day = date(2025, 1, 1)
    factories.AgencyFactory(provider=world.provider)  # nobody works there: zero fte, no heads
    agencies = Agency.objects.filter(provider__district=world.district).order_by("name", "pk")

    staffing = staffing_in(agencies, day=day)

    expected = [(a.pk, a.funded_fte, a.staffed_fte, a.head_count) for a in with_figures(agencies, day)]
    assert [(a.pk, a.funded_fte, a.staffed_fte, a.head_count) for a in staffing.agencies] == expected


def test_fields_of_action_by_agency_lists_each_agencys_fields_in_catalogue_order():
    first = factories.field_of_action("interkulturelle-oeffnung")
    second = factories.field_of_action("antidiskriminierungsarbeit")
    ordered = sorted([first, second], key=lambda field: (field.position, field.name))
    agency = factories.AgencyFactory(fields_of_action=[second, first])
    without = factories.AgencyFactory()
    without.fields_of_action.clear()

    fields = fields_of_action_by_agency([agency.pk, without.pk])

    assert fields == {agency.pk: [(field.pk, field.short_name) for field in ordered]}
