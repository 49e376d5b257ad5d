"""The demo data, seeded app by app from the lowest to the highest. Each seeder is idempotent."""

from agencies import demo as agencies_demo
from finance import demo as finance_demo

SEEDERS = [
    agencies_demo.seed,
    finance_demo.seed,
]
