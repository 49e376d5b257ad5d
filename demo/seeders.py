"""The demo data, seeded app by app from the lowest to the highest. Each seeder is idempotent."""

from agencies import demo as agencies_demo
from meetings import demo as meetings_demo

SEEDERS = [
    agencies_demo.seed,
    meetings_demo.seed,
]
