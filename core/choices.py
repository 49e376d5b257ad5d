"""Options of several small tables for a filter bar, read in one statement.

A ModelChoiceField reads its options with a query of its own, and every query costs Django far more to build and
compile (about half a millisecond) than the database needs to answer it. A filter bar with three organisation
selects paid more for those three queries than for its figures. `labelled_choices` reads the (pk, label) pairs of
several models with one UNION ALL statement: only table and column names (quoted by the backend) are written into
it; the numbers that tell the lists apart are parameters. It runs on SQLite and PostgreSQL alike.
"""

from functools import cache

from django import forms
from django.db import connections, router
from django.db.models import Model


def labelled_choices(*sources: tuple[type[Model], str]) -> list[list[tuple[int, str]]]:
    """Per (model, label field): its rows as (pk, label), ordered by label and then pk — the options a
    ModelChoiceField offers for a model whose `__str__` is that field and whose `Meta.ordering` is by it."""
    if not sources:
        return []
    connection = connections[router.db_for_read(sources[0][0])]
    quote = connection.ops.quote_name
    parts = [
        f"SELECT CAST(%s AS INTEGER) AS source, {quote(model._meta.pk.column)} AS pk, "
        f"{quote(model._meta.get_field(label).column)} AS label FROM {quote(model._meta.db_table)}"
        for model, label in sources
    ]
    lists: list[list[tuple[int, str]]] = [[] for _source in sources]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts) + " ORDER BY 1, 3, 2", list(range(len(sources))))
        for source, pk, label in cursor.fetchall():
            lists[source].append((pk, label))
    return lists


def offer_labelled_choices(fields: dict[str, forms.ModelChoiceField], sources: dict[str, tuple[type[Model], str]]):
    """Sets the options of the fields named in `sources` (name: (model, label field)) from one `labelled_choices`
    statement, read when the first of the selects is written: a form that is only validated (an export) reads
    nothing. Each field keeps its queryset to look a submitted value up."""
    options = cache(lambda: labelled_choices(*sources.values()))
    for index, name in enumerate(sources):
        field = fields[name]
        field.choices = lambda index=index, field=field: [("", field.empty_label), *options()[index]]
