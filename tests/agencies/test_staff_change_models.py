"""Validation of each kind of staff change and the rule that approval cannot be retroactive."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from agencies.models import Site, StaffChange
from agencies.models.staff_changes import APPROVAL_REQUIRED, KIND_REQUIRED, ChangeKind
from agencies.staff_changes.apply import check_against_registry
from tests import factories

pytestmark = pytest.mark.django_db


def _change(world, kind, **fields):
    return StaffChange(
        agency=world.agency,
        kind=kind,
        effective_on=timezone.localdate() + timedelta(weeks=8),
        created_by=factories.UserFactory(),
        **fields,
    )


def _errors(change) -> dict:
    with pytest.raises(ValidationError) as info:
        change.full_clean()
    return info.value.message_dict


@pytest.mark.parametrize("kind", [k for k in ChangeKind if KIND_REQUIRED[k]])
def test_each_kind_names_its_missing_required_fields(world, kind):
    errors = _errors(_change(world, kind))
    assert set(KIND_REQUIRED[kind]) <= set(errors)


def test_agency_change_needs_at_least_one_new_value(world):
    assert "street" in _errors(_change(world, ChangeKind.AGENCY_CHANGE))


def test_agency_change_rejects_a_four_digit_postcode(world):
    assert "postcode" in _errors(_change(world, ChangeKind.AGENCY_CHANGE, postcode="4512"))


def test_personal_change_needs_what_changes(world):
    staff = world.agency.positions.first().assignments.first().staff_member
    assert "last_name" in _errors(_change(world, ChangeKind.PERSONAL_CHANGE, staff_member=staff))


def test_increase_of_hours_requires_a_written_justification(world):
    staff = world.agency.positions.get(fte="0.50").assignments.get().staff_member
    errors = _errors(_change(world, ChangeKind.HOURS_INCREASE, staff_member=staff, new_fte=Decimal("0.75")))
    assert list(errors) == ["justification"]


def test_deviating_qualification_requires_justification(world):
    change = _change(
        world,
        ChangeKind.DEVIATING_QUALIFICATION,
        first_name="A",
        last_name="B",
        qualification="M. A.",
        new_fte=Decimal("0.5"),
    )
    assert list(_errors(change)) == ["justification"]


def test_staff_member_of_another_provider_is_refused(world):
    foreign = world.other_agency.positions.first().assignments.first().staff_member
    errors = _errors(_change(world, ChangeKind.VACANCY, staff_member=foreign, vacancy_reason="maternity"))
    assert "staff_member" in errors


def test_site_of_another_agency_is_refused(world):
    site = Site.objects.create(agency=world.other_agency, street="Weg 1", postcode="47051", city="Duisburg")
    assert "site" in _errors(_change(world, ChangeKind.SITE_CLOSING, site=site))


def test_vacancy_end_before_start_is_refused(world):
    staff = world.agency.positions.first().assignments.first().staff_member
    change = _change(world, ChangeKind.VACANCY, staff_member=staff, vacancy_reason="illness")
    change.end_on = change.effective_on - timedelta(days=1)
    assert "end_on" in _errors(change)


def test_extension_of_an_open_ended_employment_is_refused(world):
    staff = world.agency.positions.first().assignments.first().staff_member
    assert "staff_member" in _errors(_change(world, ChangeKind.EXTENSION, staff_member=staff))


def test_reduction_must_lower_the_share(world):
    staff = world.agency.positions.get(fte="0.50").assignments.get().staff_member
    change = _change(world, ChangeKind.HOURS_REDUCTION, staff_member=staff, new_fte=Decimal("0.50"))
    with pytest.raises(ValidationError) as info:
        check_against_registry(change)
    assert "new_fte" in info.value.message_dict


def test_increase_beyond_a_full_position_is_refused(world):
    staff = world.agency.positions.get(fte="1.00").assignments.get().staff_member
    change = _change(world, ChangeKind.HOURS_INCREASE, staff_member=staff, new_fte=Decimal("1.00"))
    with pytest.raises(ValidationError):
        check_against_registry(change)


def test_hours_change_for_someone_without_share_on_that_day_is_refused(world):
    staff = factories.StaffMemberFactory(provider=world.provider)
    change = _change(world, ChangeKind.HOURS_REDUCTION, staff_member=staff, new_fte=Decimal("0.25"))
    with pytest.raises(ValidationError) as info:
        check_against_registry(change)
    assert "staff_member" in info.value.message_dict


def test_every_approval_requiring_kind_is_marked():
    assert {k.value for k in APPROVAL_REQUIRED} == {
        "new_hire",
        "extension",
        "deviating_qualification",
        "site_opening",
        "site_closing",
        "hours_increase",
    }


# --- no retroactive approval: the boundary is the day itself -----------------------------------------------------

TODAY = date(2027, 3, 15)


@pytest.mark.parametrize(
    ("effective_on", "allowed"),
    [(TODAY - timedelta(days=1), False), (TODAY, False), (TODAY + timedelta(days=1), True)],
)
def test_approval_requiring_change_can_be_filed_only_before_its_date(world, effective_on, allowed):
    change = _change(world, ChangeKind.SITE_OPENING, site_kind="branch", street="Weg 2", postcode="47169", city="X")
    change.effective_on = effective_on
    if allowed:
        change.validate_filing(TODAY)
    else:
        with pytest.raises(ValidationError) as info:
            change.validate_filing(TODAY)
        assert "nachträgliche Zustimmung" in info.value.message_dict["effective_on"][0]


def test_notifiable_change_may_be_filed_after_its_date(world):
    staff = world.agency.positions.first().assignments.first().staff_member
    change = _change(world, ChangeKind.VACANCY, staff_member=staff, vacancy_reason="illness")
    change.effective_on = TODAY - timedelta(days=10)
    change.validate_filing(TODAY)


@pytest.mark.parametrize(("weeks_ahead", "short"), [(5, True), (6, False), (7, False)])
def test_lead_time_is_short_under_six_weeks(world, weeks_ahead, short):
    change = _change(world, ChangeKind.SITE_CLOSING)
    change.effective_on = TODAY + timedelta(weeks=weeks_ahead)
    assert change.lead_time_short(TODAY) is short


def test_lead_time_weeks_are_a_setting(world, settings):
    settings.AGENTURNETZ_STAFF_CHANGE_LEAD_WEEKS = 10
    change = _change(world, ChangeKind.SITE_CLOSING)
    change.effective_on = TODAY + timedelta(weeks=8)
    assert change.lead_time_short(TODAY)
