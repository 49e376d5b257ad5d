"""The staff changes' badge and short-list tags write what the former templates wrote."""

import re
from datetime import timedelta

import pytest
from django.template import engines
from django.utils import timezone

from agencies.models import ChangeKind, StaffChange, StaffChangeDecision
from agencies.templatetags.staff_changes import change_badges, change_item
from core.workflow import State
from tests.agencies.factories import StaffChangeFactory

pytestmark = pytest.mark.django_db

# templates/agencies/staff_changes/_badges.html before {% change_badges %}
BADGES = """{% load i18n agenturnetz staff_changes %}{% state_badge change %}
{% if change.requires_approval %}<span class="badge text-bg-light border">{% translate "zustimmungspflichtig" %}</span>{% else %}<span class="badge text-bg-light border">{% translate "anzeigepflichtig" %}</span>{% endif %}
{% with decision=change.decision_or_none %}{% if decision %}<span class="badge {% if decision.is_approved %}text-bg-success{% else %}text-bg-danger{% endif %}">{{ decision.get_outcome_display }}</span>{% endif %}{% endwith %}
{% if change.applied_at %}<span class="badge text-bg-info">{% translate "wirksam" %}</span>{% endif %}
{% if change|is_overdue:today %}<span class="badge text-bg-danger">{% translate "Datum verstrichen, Entscheidung fehlt" %}</span>{% endif %}
"""  # noqa: E501
# a line of templates/agencies/staff_changes/_short_list.html before {% change_item %}
ITEM = """<li class="list-group-item"><a href="{{ change.get_absolute_url }}">{{ change.get_kind_display }}</a> · {{ change.agency.name }} · {{ change.subject }}<br>
<span class="small">{{ change.effective_label }} {{ change.effective_on|date:"SHORT_DATE_FORMAT" }}</span> BADGES</li>"""  # noqa: E501


def _normalised(html: str) -> str:
    return re.sub(r"\s+", " ", html).replace("> <", "><").strip()


@pytest.fixture
def changes(world, provider_manager):
    today = timezone.localdate()
    world.agency.name = "IA <Brücke> & Co"
    world.agency.save()
    StaffChangeFactory(agency=world.agency, kind=ChangeKind.VACANCY, created_by=provider_manager)
    overdue = StaffChangeFactory(
        agency=world.agency,
        kind=ChangeKind.NEW_HIRE,
        staff_member=None,
        first_name="Ayşe",
        last_name="O'Neil <i>",
        effective_on=today - timedelta(days=3),
        created_by=provider_manager,
    )
    decided = StaffChangeFactory(agency=world.agency, kind=ChangeKind.HOURS_INCREASE, created_by=provider_manager)
    refused = StaffChangeFactory(agency=world.agency, kind=ChangeKind.EXTENSION, created_by=provider_manager)
    StaffChange.objects.filter(pk__in=[overdue.pk, decided.pk, refused.pk]).update(state=State.FORWARDED)
    StaffChange.objects.filter(pk=decided.pk).update(applied_at=timezone.now())
    for change, outcome in ((decided, "APPROVED"), (refused, "REJECTED")):
        StaffChangeDecision.objects.create(
            change=change,
            outcome=getattr(StaffChangeDecision.Outcome, outcome),
            decided_on=today,
            reference=f"AZ {change.pk}",
            recorded_by=provider_manager,
        )
    return list(
        StaffChange.objects.filter(agency=world.agency)
        .select_related("agency", "staff_member", "site", "decision")
        .order_by("pk")
    )


def test_change_badges_write_what_the_template_wrote(changes):
    today = timezone.localdate()
    template = engines["django"].from_string(BADGES)
    rendered = [change_badges(change, today) for change in changes]
    expected = [template.render({"change": change, "today": today}) for change in changes]
    assert [_normalised(html) for html in rendered] == [_normalised(html) for html in expected]
    assert any("text-bg-danger" in html and "fehlt" in html for html in rendered)  # the overdue hire
    assert any("text-bg-success" in html and "wirksam" in html for html in rendered)


def test_change_item_writes_what_the_short_list_wrote(changes):
    today = timezone.localdate()
    item = engines["django"].from_string(ITEM)
    for change in changes:
        expected = item.render({"change": change, "today": today}).replace("BADGES", change_badges(change, today))
        assert _normalised(change_item(change, today)) == _normalised(expected)
    assert "IA &lt;Brücke&gt; &amp; Co" in change_item(changes[0], today)
