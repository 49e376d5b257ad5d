"""Every page of the benchmark needs the same number of SQL queries at two data sizes, so an N+1 cannot return
unnoticed. The two data sets come from the real bulk seeders (`seed_scale`) at a small and a larger size: one
district with 4 and then 20 agencies (district pages see five times the rows), two and then three years of history
(more documents, obligations, staff changes and survey editions). Not timed."""

from datetime import date, datetime

import time_machine
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benchmarks.pages import PAGES, context
from demo.scale import SCALERS

TODAY = date(2026, 11, 24)
SIZES = {"small": (4, 2), "large": (20, 3)}


def _count_queries(agencies: int, years: int) -> dict[str, int]:
    """Seeds, opens every page once to warm per-process caches, then counts the queries of a second request;
    everything is rolled back afterwards."""
    counts = {}
    with transaction.atomic():
        for scaler in SCALERS:
            scaler(agencies=agencies, years=years, today=TODAY)
        ctx = context()
        clients = {}
        for page in PAGES:
            client = clients.get(page.role)
            if client is None:
                client = clients[page.role] = Client()
                client.force_login(ctx["users"][page.role])
            url = page.url(ctx)
            assert client.get(url).status_code == 200, page.name
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, page.name
            counts[page.name] = len(queries)
            assert page.bare is not None and page.bare(ctx).strip(), f"{page.name}: it has no floor to compare with"
        counts["agencies visible to the coordinator"] = ctx["district"].providers.values("agencies").count()
        transaction.set_rollback(True)
    return counts


@time_machine.travel(datetime(2026, 11, 24, 10, 0), tick=False)
def test_every_benchmarked_page_needs_the_same_queries_at_both_sizes(db):
    small, large = (_count_queries(*size) for size in SIZES.values())
    rows = "agencies visible to the coordinator"
    assert small.pop(rows) < large.pop(rows)  # the larger seed really shows the coordinator more rows
    differing = {page: (small[page], large[page]) for page in small if small[page] != large[page]}
    assert not differing, f"queries (4 agencies / 2 years, 20 agencies / 3 years): {differing}"
    assert set(small) == {page.name for page in PAGES}
