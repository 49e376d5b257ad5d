import pytest
from django.core.management import call_command

from core.services import section_comments_of, stored_documents_of
from core.workflow import State
from planning.models import ActivityReport, SocialSpaceAnalysis, TaskPlan

pytestmark = pytest.mark.django_db


def test_demo_seeds_documents_in_every_state_and_is_idempotent():
    call_command("seed_demo", force=True)
    call_command("seed_demo", force=True)
    states = (
        set(SocialSpaceAnalysis.objects.values_list("state", flat=True))
        | set(TaskPlan.objects.values_list("state", flat=True))
        | set(ActivityReport.objects.values_list("state", flat=True))
    )
    assert set(State.values) <= states
    assert SocialSpaceAnalysis.objects.values("agency").distinct().count() >= 3
    returned = TaskPlan.objects.get(state=State.RETURNED)
    assert section_comments_of(returned)
    forwarded = TaskPlan.objects.get(state=State.FORWARDED)
    assert stored_documents_of(forwarded).exists()
    assert SocialSpaceAnalysis.objects.count() == 4
