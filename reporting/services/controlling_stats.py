"""Aggregates of the controlling key figures for the dashboards, the briefing pack and the open-data export.

Only approved or forwarded reports count (the coordination has checked them). Everything is read in a fixed number
of queries and aggregated in Python, so 200 agencies × 10 years cost the same number of queries as two. The pages
use `figure_stats_in_cache`: the figures are kept in the cache under a key made of a fingerprint of the counted reports,
the agencies the viewer reaches (with their organisation) and what the viewer may see, so a cached figure is never
older than the data and never shared with a viewer who sees less.

Small groups: an aggregate over fewer than `settings.AGENTURNETZ_CONTROLLING_MIN_GROUP` agencies (default 3) is
suppressed unless the viewer may see every agency of the group in detail anyway (their own district's
coordination, an administrator). When exactly one part of a shown total is hidden, the smallest other part is
hidden too (secondary suppression), so the hidden one cannot be worked out by subtraction. So the state level can
never identify a single agency's figures. Quartiles use
the inclusive method (as QUARTILE.INC in spreadsheets).
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import quantiles

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router
from django.db.models import Q, Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from agencies.access import Scope
from agencies.models import Agency, DistrictAssociation, FieldOfAction, Municipality, Role, WelfareAssociation
from core.workflow import State
from reporting.models import ControllingReport, KeyFigure, KeyFigureValue, Source
from reporting.models.controlling import ACHIEVEMENT_SOURCES

COUNTED_STATES = (State.APPROVED, State.FORWARDED)
# A viewer who reaches every agency and sees none in detail: the open-data export is computed for them, so every
# small group is suppressed.
OUTSIDER = Scope(user_id=None, roles=frozenset({Role.STATE_LEVEL}))


def min_group() -> int:
    return int(getattr(settings, "AGENTURNETZ_CONTROLLING_MIN_GROUP", 3))


@dataclass(frozen=True)
class Filters:
    association_id: int | None = None
    district_id: int | None = None
    municipality_id: int | None = None
    field_id: int | None = None

    def agency_q(self, prefix: str = "") -> Q:
        q = Q()
        if self.association_id:
            q &= Q(**{f"{prefix}provider__district__welfare_association_id": self.association_id})
        if self.district_id:
            q &= Q(**{f"{prefix}provider__district_id": self.district_id})
        if self.municipality_id:
            q &= Q(**{f"{prefix}municipality_id": self.municipality_id})
        if self.field_id:
            q &= Q(**{f"{prefix}pk__in": Agency.objects.filter(fields_of_action=self.field_id).values("pk")})
        return q


@dataclass(frozen=True)
class AgencyInfo:
    provider_id: int
    district_id: int
    association_id: int
    municipality_id: int
    primary_field_id: int


@dataclass(frozen=True)
class Cell:
    """An aggregate over `n` agencies; `suppressed` hides every figure of it."""

    n: int
    total: Decimal | None = None
    mean: Decimal | None = None
    q1: Decimal | None = None
    median: Decimal | None = None
    q3: Decimal | None = None
    suppressed: bool = False
    complement: bool = False  # hidden only so that a small neighbouring group cannot be derived by subtraction

    @property
    def shown(self) -> bool:
        return self.n > 0 and not self.suppressed


def reach_q(scope: Scope) -> Q:
    """Which agencies a viewer's dashboards may cover: agencies and providers their own district(s) only;
    coordinators, the state level, the authority and administrators every agency."""
    if scope.is_administrator or scope.is_state_level or scope.is_funding_authority or scope.district_ids:
        return Q()
    own = Agency.objects.filter(scope.agency_q()).values("provider__district_id")
    return Q(provider__district_id__in=own)


def sees_all(scope: Scope, agency_ids, frame: dict[int, AgencyInfo]) -> bool:
    """True when the viewer may see every agency of the group in detail (then nothing is suppressed for them)."""
    if scope.is_administrator:
        return True
    return all(
        agency_id in scope.agency_ids
        or frame[agency_id].provider_id in scope.provider_ids
        or frame[agency_id].district_id in scope.district_ids
        for agency_id in agency_ids
    )


def aggregate(values: dict[int, Decimal], *, scope: Scope, frame: dict[int, AgencyInfo]) -> Cell:
    """Sum, mean and quartiles of one value per agency; suppressed for outsiders below the minimum group size."""
    n = len(values)
    if n == 0:
        return Cell(0)
    if n < min_group() and not sees_all(scope, values.keys(), frame):
        return Cell(n, suppressed=True)
    numbers = sorted(Decimal(v) for v in values.values())
    if n == 1:
        q1 = median = q3 = numbers[0]
    else:
        q1, median, q3 = quantiles(numbers, n=4, method="inclusive")
    total = sum(numbers, Decimal(0))
    return Cell(n, total=total, mean=total / n, q1=Decimal(q1), median=Decimal(median), q3=Decimal(q3))


def protect_complements(cells: list[Cell]) -> list[Cell]:
    """Secondary suppression for cells that together make up a shown total (groups of a level, fields of
    action): if exactly one of them is hidden, its figures would follow from the total minus the others, so the
    smallest shown cell is hidden as well."""
    hidden = [index for index, cell in enumerate(cells) if cell.suppressed]
    shown = [index for index, cell in enumerate(cells) if cell.shown]
    if len(hidden) != 1 or not shown:
        return cells
    companion = min(shown, key=lambda index: (cells[index].n, index))
    protected = list(cells)
    protected[companion] = Cell(cells[companion].n, suppressed=True, complement=True)
    return protected


def frame_rows(filters: Filters, scope: Scope) -> list[tuple]:
    """The agencies in the viewer's reach that match the filters, as plain rows (agency, then the AgencyInfo fields)
    ordered by agency: what the cache key is made of (see stats_cache_key)."""
    return list(
        Agency.objects.filter(reach_q(scope))
        .filter(filters.agency_q())
        .order_by("pk")  # not by name, the model's order: only the key needs an order, and any fixed one will do
        .values_list(
            "pk",
            "provider_id",
            "provider__district_id",
            "provider__district__welfare_association_id",
            "municipality_id",
            "primary_field_id",
        )
    )


def frame_of(rows: list[tuple]) -> dict[int, AgencyInfo]:
    return {row[0]: AgencyInfo(*row[1:]) for row in rows}


def load_frame(filters: Filters, scope: Scope) -> dict[int, AgencyInfo]:
    return frame_of(frame_rows(filters, scope))


def _values(frame: dict[int, AgencyInfo], **figure_filter) -> list[tuple]:
    """(agency, year, field of action or None, value) of counted reports for the agencies of `frame`."""
    if not frame:
        return []
    return list(
        KeyFigureValue.objects.filter(
            report__state__in=COUNTED_STATES, report__agency_id__in=list(frame), value__isnull=False, **figure_filter
        ).values_list("report__agency_id", "report__year", "field_of_action_id", "value")
    )


@dataclass
class FigureStats:
    """Everything the dashboard shows for one key figure in one scope."""

    figure: KeyFigure
    years: list[int]
    year: int | None
    over_years: list[tuple[int, Cell]] = field(default_factory=list)
    by_field: list[tuple[FieldOfAction, Cell]] = field(default_factory=list)
    by_field_uses_breakdown: bool = False
    by_field_per_year: dict[int, list[tuple[FieldOfAction, Cell]]] = field(default_factory=dict)
    groups_label: str = ""
    groups: list[tuple[str, Cell]] = field(default_factory=list)
    achievement: list[tuple[int, dict]] = field(default_factory=list)
    per_fte: list[tuple[int, Cell, Decimal | None]] = field(default_factory=list)
    # The key these figures are cached under (empty when computed uncached); the page caches its rendered tables
    # and charts under the same key, so they change exactly when the figures do.
    cache_key: str = ""


def _group_level(filters: Filters) -> tuple[str, str]:
    if filters.district_id:
        return "municipality_id", _("Kommune")
    if filters.association_id:
        return "district_id", _("Bezirksverband")
    return "association_id", _("Spitzenverband")


def _group_names(attribute: str, ids) -> dict[int, str]:
    model = {
        "municipality_id": (Municipality, "name"),
        "district_id": (DistrictAssociation, "name"),
        "association_id": (WelfareAssociation, "short_name"),
    }[attribute]
    return dict(model[0].objects.filter(pk__in=ids).values_list("pk", model[1]))


def figure_stats(
    *,
    figure: KeyFigure,
    filters: Filters,
    scope: Scope,
    year: int | None = None,
    fields: list | None = None,
    frame: dict[int, AgencyInfo] | None = None,
) -> FigureStats:
    """The dashboard's figures for `figure` (matched by its stable code across template versions). `frame` is
    `load_frame(filters, scope)` when the caller has read it already."""
    if frame is None:
        frame = load_frame(filters, scope)
    rows = _values(frame, figure__code=figure.code)
    totals: dict[int, dict[int, Decimal]] = {}
    parts: dict[tuple[int, int], dict[int, Decimal]] = {}
    for agency_id, row_year, field_id, value in rows:
        if field_id is None:
            totals.setdefault(row_year, {})[agency_id] = value
        elif value > 0:
            parts.setdefault((row_year, field_id), {})[agency_id] = value
    years = sorted(totals)
    if year is None or year not in totals:
        year = years[-1] if years else None
    stats = FigureStats(figure=figure, years=years, year=year)
    stats.over_years = [(y, aggregate(totals[y], scope=scope, frame=frame)) for y in years]
    current = totals.get(year, {})
    fields = fields if fields is not None else list(FieldOfAction.objects.order_by("position", "pk"))
    stats.by_field_uses_breakdown = bool(parts)
    for each_year in years:
        row = []
        for field_of_action in fields:
            if parts:
                values = parts.get((each_year, field_of_action.pk), {})
            else:
                values = {a: v for a, v in totals[each_year].items() if frame[a].primary_field_id == field_of_action.pk}
            row.append((field_of_action, aggregate(values, scope=scope, frame=frame)))
        cells = protect_complements([cell for _field, cell in row])
        stats.by_field_per_year[each_year] = [(f, cell) for (f, _old), cell in zip(row, cells, strict=True)]
    stats.by_field = stats.by_field_per_year.get(year, [(f, Cell(0)) for f in fields])
    attribute, stats.groups_label = _group_level(filters)
    grouped: dict[int, dict[int, Decimal]] = {}
    for agency_id, value in current.items():
        grouped.setdefault(getattr(frame[agency_id], attribute), {})[agency_id] = value
    names = _group_names(attribute, grouped)
    groups = sorted(
        ((names.get(key, "–"), aggregate(values, scope=scope, frame=frame)) for key, values in grouped.items()),
        key=lambda item: item[0],
    )
    cells = protect_complements([cell for _name, cell in groups])
    stats.groups = [(name, cell) for (name, _old), cell in zip(groups, cells, strict=True)]
    stats.achievement = achievement_rates(frame=frame, scope=scope)
    stats.per_fte = output_per_fte(frame=frame, scope=scope, totals=totals)
    return stats


def achievement_rates(*, frame: dict[int, AgencyInfo], scope: Scope) -> list[tuple[int, dict]]:
    """Per year: sub-goals reached / partly / not (sums over agencies) and their shares in %, from the figures
    prefilled from the Sachbericht (matched by source, whatever their code)."""
    per_year: dict[int, dict[int, list[Decimal]]] = {}
    # One row per agency and year with the three sums (the database adds up what the Python loop did before).
    by_source = {
        f"s{index}": Sum("value", filter=Q(figure__source=source)) for index, source in enumerate(ACHIEVEMENT_SOURCES)
    }
    rows = (
        KeyFigureValue.objects.filter(
            report__state__in=COUNTED_STATES,
            report__agency_id__in=list(frame),
            field_of_action__isnull=True,
            value__isnull=False,
            figure__source__in=ACHIEVEMENT_SOURCES,
        )
        .values_list("report__agency_id", "report__year")
        .annotate(**by_source)
        .order_by()
        if frame
        else []
    )
    for agency_id, row_year, *values in rows:
        per_year.setdefault(row_year, {})[agency_id] = [value or Decimal(0) for value in values]
    result = []
    for row_year in sorted(per_year):
        agencies = per_year[row_year]
        cell = aggregate({a: sum(v) for a, v in agencies.items()}, scope=scope, frame=frame)
        sums = [sum((v[i] for v in agencies.values()), Decimal(0)) for i in range(3)]
        whole = sum(sums)
        shares = [value * 100 / whole if whole else None for value in sums]
        result.append(
            (
                row_year,
                {
                    "cell": cell,
                    "counts": sums if cell.shown else None,
                    "shares": shares if cell.shown else None,
                    "rows": list(zip(sums, shares, strict=True)) if cell.shown else None,
                },
            )
        )
    return result


def output_per_fte(
    *, frame: dict[int, AgencyInfo], scope: Scope, totals: dict[int, dict[int, Decimal]]
) -> list[tuple[int, Cell, Decimal | None]]:
    """Per year: the key figure per staffed VZÄ — the distribution of the agencies' ratios and the ratio of the
    sums — for agencies that reported both the figure and their fte."""
    fte: dict[tuple[int, int], Decimal] = {
        (agency_id, row_year): value
        for agency_id, row_year, _field, value in _values(
            frame, figure__source=Source.REGISTRY_FTE, field_of_action__isnull=True
        )
    }
    result = []
    for row_year in sorted(totals):
        ratios, outputs, ftes = {}, Decimal(0), Decimal(0)
        for agency_id, value in totals[row_year].items():
            staffed = fte.get((agency_id, row_year))
            if staffed:
                ratios[agency_id] = value / staffed
                outputs += value
                ftes += staffed
        cell = aggregate(ratios, scope=scope, frame=frame)
        result.append((row_year, cell, outputs / ftes if cell.shown and ftes else None))
    return result


STATS_CACHE_SECONDS = 15 * 60


def counted_reports() -> list[tuple]:
    """Per year with counted reports, newest first: the year, the number of counted reports, the sum of their ids,
    their latest approval, forwarding and change, and the highest value id. The dashboard offers these years, and the
    rows are the fingerprint of its figures: approving or forwarding sets a new timestamp, a counted report that is
    added or removed changes its year's count and sum of ids, a content save bumps `updated_at`, and a new value row
    raises the highest value id. Values of counted reports cannot be edited (the workflow freezes them), so that is all
    that can move a figure. One query and one pass over the reports; the values come as the database gives them
    (SQLite: timestamps as text), which is all a fingerprint needs."""
    # Written as SQL: every dashboard request reads this, and Django needs about a millisecond to build the grouped
    # query with its subquery, several times what the statement costs the database. Only table names (from the models,
    # quoted) are written into it; the states are parameters.
    connection = connections[router.db_for_read(ControllingReport)]
    reports = connection.ops.quote_name(ControllingReport._meta.db_table)
    values = connection.ops.quote_name(KeyFigureValue._meta.db_table)
    states = ", ".join(["%s"] * len(COUNTED_STATES))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT year, COUNT(id), SUM(id), MAX(approved_at), MAX(forwarded_at), MAX(updated_at), "
            f"(SELECT MAX(id) FROM {values}) FROM {reports} WHERE state IN ({states}) GROUP BY year ORDER BY year DESC",
            [state.value for state in COUNTED_STATES],
        )
        return cursor.fetchall()


def _viewer(scope: Scope) -> tuple:
    """The parts of a scope that decide suppression (`sees_all`); which agencies it reaches is in the frame."""
    return (
        scope.is_administrator,
        tuple(sorted(scope.agency_ids)),
        tuple(sorted(scope.provider_ids)),
        tuple(sorted(scope.district_ids)),
    )


def stats_cache_key(
    *,
    figure: KeyFigure,
    filters: Filters,
    scope: Scope,
    year: int | None,
    fields: list,
    frame: list[tuple],
    reports: list[tuple],
) -> str:
    """A key that changes with the counted reports (`reports`: see counted_reports), with the agencies the viewer
    reaches and their organisation (`frame`: the rows of frame_rows, so a moved agency regroups at once) and with
    what the viewer may see."""
    parts = (
        reports,
        frame,
        figure.pk,
        figure.code,
        filters,
        year,
        [(each.pk, each.name) for each in fields],
        _viewer(scope),
        min_group(),
        get_language(),
    )
    return "controlling-stats:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def figure_stats_in_cache(
    *,
    figure: KeyFigure,
    filters: Filters,
    scope: Scope,
    year: int | None = None,
    fields: list | None = None,
    reports: list[tuple] | None = None,
) -> tuple[str, Callable[[], FigureStats]]:
    """The key `figure`'s stats are cached under, and a function that returns them: from the cache, or computed and
    kept until a counted report changes. The key costs two cheap queries (the frame and the fingerprint,
    `counted_reports()`; one when the caller passes the `reports` it has read for the years it offers) instead of
    reading every value. A page that keeps its rendered tables under the same key reads the figures only when those
    are missing. Names of groups may lag a renaming by at most STATS_CACHE_SECONDS; the figures and the suppression
    never lag."""
    fields = fields if fields is not None else list(FieldOfAction.objects.order_by("position", "pk"))
    rows = frame_rows(filters, scope)
    reports = reports if reports is not None else counted_reports()
    key = stats_cache_key(
        figure=figure, filters=filters, scope=scope, year=year, fields=fields, frame=rows, reports=reports
    )

    def load() -> FigureStats:
        stats = cache.get(key)
        if stats is None:
            frame = frame_of(rows)
            stats = figure_stats(figure=figure, filters=filters, scope=scope, year=year, fields=fields, frame=frame)
            stats.cache_key = key
            cache.set(key, stats, STATS_CACHE_SECONDS)
        return stats

    return key, load


def cached_figure_stats(**arguments) -> FigureStats:
    """`figure_stats`, kept in the cache until a counted report changes (see figure_stats_in_cache, same arguments)."""
    _key, load = figure_stats_in_cache(**arguments)
    return load()
