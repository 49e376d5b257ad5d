"""Small statistics helpers for reports: half-up percentages, mean/median, bins."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from statistics import median


def percent(part: int | float, whole: int | float) -> Decimal | None:
    """Exact percentage as Decimal (rounded half-up to one decimal only when displayed)."""
    if not whole:
        return None
    return Decimal(part) * 100 / Decimal(whole)


def round_half_up(value: Decimal | None, places: int = 0) -> Decimal | None:
    if value is None:
        return None
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Bin:
    low: int
    high: int
    count: int
    percent: Decimal | None

    @property
    def label(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


def bin_counts(values: list[Decimal | int], ranges: list[tuple[int, int]]) -> tuple[list[Bin], int]:
    """Counts per bin (inclusive bounds) and the number of values outside every bin."""
    counts = [0] * len(ranges)
    outside = 0
    for value in values:
        for index, (low, high) in enumerate(ranges):
            if low <= value <= high:
                counts[index] += 1
                break
        else:
            outside += 1
    total = len(values)
    return [Bin(low, high, count, percent(count, total)) for (low, high), count in zip(ranges, counts, strict=True)], (
        outside
    )


@dataclass(frozen=True)
class Summary:
    count: int
    mean: Decimal | None
    median: Decimal | None
    minimum: Decimal | None
    maximum: Decimal | None


def summarise(values: list[Decimal | int]) -> Summary:
    if not values:
        return Summary(0, None, None, None, None)
    numbers = [Decimal(value) for value in values]
    return Summary(
        count=len(numbers),
        mean=sum(numbers) / len(numbers),
        median=Decimal(median(numbers)),
        minimum=min(numbers),
        maximum=max(numbers),
    )
