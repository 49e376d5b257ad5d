"""Bulk data for benchmarks, seeded app by app from the lowest to the highest (`manage.py seed_scale`).

Each scaler is `seed(*, agencies, years, today)` and writes with bulk_create only. Documents follow the obligations
funding.scale decided (planning documents, controlling reports, money documents).
"""

from agencies import scale as agencies_scale
from finance import scale as finance_scale
from funding import scale as funding_scale
from meetings import scale as meetings_scale
from planning import scale as planning_scale
from reporting import scale as reporting_scale

SCALERS = [
    agencies_scale.seed,
    agencies_scale.seed_staff_changes,
    funding_scale.seed,
    planning_scale.seed,
    finance_scale.seed,
    meetings_scale.seed,
    reporting_scale.seed,
    reporting_scale.seed_controlling,
]
