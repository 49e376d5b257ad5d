"""Bulk data for benchmarks, seeded app by app from the lowest to the highest (`manage.py seed_scale`).

Each scaler is `seed(*, agencies, years, today)` and writes with bulk_create only. Online-Controlling (reporting)
plugs in after the survey scaler: append its `seed` below once its models exist (one report per agency and
finished year, in the state of its obligation – funding.scale already decides the controlling obligations).
"""

from agencies import scale as agencies_scale
from funding import scale as funding_scale
from planning import scale as planning_scale
from reporting import scale as reporting_scale

SCALERS = [
    agencies_scale.seed,
    agencies_scale.seed_staff_changes,
    funding_scale.seed,
    planning_scale.seed,
    reporting_scale.seed,
    # Online-Controlling (reporting) plugs in here: reporting_scale.seed_controlling, see the docstring above.
]
