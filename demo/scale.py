"""Bulk data for benchmarks, seeded app by app from the lowest to the highest."""

from agencies import scale as agencies_scale

SCALERS = [
    agencies_scale.seed,
]
