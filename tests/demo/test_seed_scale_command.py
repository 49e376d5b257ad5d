"""`manage.py seed_scale` runs every scaler of demo.scale and refuses a database that already holds scale data."""

from datetime import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from demo.scale import SCALERS

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime(2026, 11, 24, 10, 0), tick=False)
def test_seed_scale_command_runs_every_scaler():
    out = StringIO()
    call_command("seed_scale", agencies=14, years=2, stdout=out)
    for scaler in SCALERS:
        assert f"✓ {scaler.__module__}.{scaler.__name__}" in out.getvalue()


@time_machine.travel(datetime(2026, 11, 24, 10, 0), tick=False)
def test_seed_scale_refuses_a_database_that_was_already_seeded():
    call_command("seed_scale", agencies=4, years=1, stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("seed_scale", agencies=4, years=1, stdout=StringIO())
