"""The demo data, seeded app by app from the lowest to the highest. Each seeder is idempotent."""

from agencies import demo as agencies_demo
from finance import demo as finance_demo
from funding import demo as funding_demo
from meetings import demo as meetings_demo
from planning import demo as planning_demo
from reporting import demo as reporting_demo
from reporting import demo_controlling as controlling_demo

SEEDERS = [
    agencies_demo.seed,
    funding_demo.seed,
    planning_demo.seed,
    finance_demo.seed,
    meetings_demo.seed,
    reporting_demo.seed,
    controlling_demo.seed,
]
