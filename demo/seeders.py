"""The demo data, seeded app by app from the lowest to the highest. Each seeder is idempotent."""

from agencies import demo as agencies_demo
from reporting import demo as reporting_demo

SEEDERS = [
    agencies_demo.seed,
    reporting_demo.seed,
]
