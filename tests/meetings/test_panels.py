"""The owners' panel of the working groups on the dashboard."""

import pytest
from django.urls import reverse

from meetings.models import ProposalStatus
from tests.meetings.factories import AgendaProposalFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def test_owner_panel_counts_the_open_proposals_of_all_own_groups_only(client, world, coordinator):
    first = WorkingGroupFactory(owner_district=world.district)
    second = WorkingGroupFactory(owner_district=world.district)
    WorkingGroupFactory(owner_district=world.district)  # none proposed
    AgendaProposalFactory.create_batch(2, group=first)
    AgendaProposalFactory(group=second)
    AgendaProposalFactory(group=second, status=ProposalStatus.ACCEPTED)
    AgendaProposalFactory(group=WorkingGroupFactory(owner_district=world.other_district))

    client.force_login(coordinator)
    content = client.get(reverse("reporting:dashboard")).content.decode()

    assert "3 offene Vorschläge für Tagesordnungen" in content


def test_owner_panel_without_open_proposals_has_no_proposal_line(client, world, coordinator):
    AgendaProposalFactory(group=WorkingGroupFactory(owner_district=world.district), status=ProposalStatus.ACCEPTED)

    client.force_login(coordinator)
    content = client.get(reverse("reporting:dashboard")).content.decode()

    assert "Vorschläge für Tagesordnungen" not in content
    assert "Vorschlag für Tagesordnungen" not in content
