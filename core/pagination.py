"""Pages of a list with the number of all rows, read in one statement.

Django's Paginator asks the database twice per page: once for the number of rows (to know the number of pages) and
once for the rows of the page. Both statements are built and compiled from the same query set; for the documents'
UNION over three tables that is most of what a list page costs. `page_of` reads the page's rows and the total in one
statement (`COUNT(*) OVER ()`, a window over all rows that the database computes before LIMIT) and hands both to an
ordinary Paginator, so templates see the usual `Page`.

A page past the end (an old link, a list that shrank) and a page number below 1 take Django's own way and get what
`Paginator.get_page` gives: the last page. So do lists the window cannot count (see `page_of`).
"""

import re
from collections.abc import Sequence

from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import Count, QuerySet, Window
from django.db.models.query import ModelIterable, ValuesIterable

TOTAL = "_rows_in_all"
# A UNION's ORDER BY as Django writes it: by column position, after the last part.
_POSITIONAL_ORDER = re.compile(r" ORDER BY ((?:\d+ (?:ASC|DESC)(?:, )?)+)$")


class _CountedRows(Sequence):
    """The rows of one page standing in for the whole list: its length is the total, slicing gives the page."""

    def __init__(self, rows: list, total: int, offset: int, source: QuerySet):
        self.rows, self.total, self.offset, self.source = rows, total, offset, source

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        if isinstance(index, slice) and (index.start or 0) == self.offset and index.step is None:
            return self.rows[: max(0, (index.stop or self.total) - self.offset)]
        return self.source[index]  # not asked for by Paginator; kept correct all the same


def _page_number(number) -> int:
    try:
        return int(number) if number is not None else 1
    except (TypeError, ValueError):
        return 1  # what get_page does with "abc": the first page


def _union_window(rows: QuerySet, offset: int, limit: int) -> tuple[list, int] | None:
    compiler = rows.query.get_compiler(using=rows.db)
    sql, params = compiler.as_sql()
    match = _POSITIONAL_ORDER.search(sql)
    if match is None:
        return None  # an unordered UNION: no page is well defined, Paginator warns about it
    # The outer query orders by the same positions: SELECT * keeps the UNION's columns in their order.
    sql = (
        f"SELECT *, COUNT(*) OVER () FROM ({sql[: match.start()]}) AS page_rows "
        f"ORDER BY {match.group(1)} LIMIT %s OFFSET %s"
    )
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, (*params, limit, offset))
        fetched = cursor.fetchall()
    total = fetched[0][-1] if fetched else 0
    columns = compiler.select[: compiler.col_count]
    converters = compiler.get_converters([expression for expression, _sql, _alias in columns])
    values = [row[:-1] for row in fetched]
    if converters:
        values = list(compiler.apply_converters(values, converters))
    query = rows.query
    names = [*query.extra_select, *query.values_select, *query.annotation_select]
    return [dict(zip(names, row, strict=True)) for row in values], total


def _window(rows: QuerySet, offset: int, limit: int) -> tuple[list, int] | None:
    if rows.query.combinator:
        return _union_window(rows, offset, limit)
    fetched = list(rows.annotate(**{TOTAL: Window(Count("*"))})[offset : offset + limit])
    if not fetched:
        return [], 0
    first = fetched[0]
    return fetched, first[TOTAL] if isinstance(first, dict) else getattr(first, TOTAL)


def page_of(rows: QuerySet, number, per_page: int) -> Page:
    """`Paginator(rows, per_page).get_page(number)`, with one statement instead of two for any page that exists.

    `rows` should be ordered. Anything else takes Django's own way: lists, DISTINCT query sets (the window would
    count the rows before DISTINCT removes the duplicates), values_list() rows (a tuple has no place for the total),
    UNIONs of model instances and unordered UNIONs."""
    wanted = _page_number(number)
    if wanted >= 1 and _one_statement_possible(rows):
        offset = (wanted - 1) * per_page
        window = _window(rows, offset, per_page)
        if window is not None and (window[0] or wanted == 1):
            fetched, total = window
            return Paginator(_CountedRows(fetched, total, offset, rows), per_page).get_page(wanted)
    return Paginator(rows, per_page).get_page(number)


def _one_statement_possible(rows) -> bool:
    if not isinstance(rows, QuerySet) or rows.query.distinct or rows.query.is_sliced:
        return False
    if rows.query.combinator:  # read as plain SQL: rows must be dicts, which need no model to be built
        return rows._iterable_class is ValuesIterable
    return rows._iterable_class in (ModelIterable, ValuesIterable)  # a tuple has no place for the total
