"""Measures every page of benchmarks/pages.py against the database in DATABASE_URL; prints JSON.

Run by benchmarks/run.py in a fresh process per data size. Times are wall-clock milliseconds per request
through Django's test client (full middleware stack, no network), after warm-up runs.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.conf import settings  # noqa: E402

settings.ROOT_URLCONF = "benchmarks.urls"  # the site plus the bare views; set before the first request resolves

from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from benchmarks.pages import PAGES, context  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def timed(calls: dict, runs: int) -> dict[str, list[float]]:
    """Times each of `calls` `runs` times, taking turns (a page, then its floors, then the page again …), so that a
    machine which slows down or speeds up during the run (other processes on the same cores) affects all of them
    alike and the ratios stay fair."""
    for _ in range(3):
        for call in calls.values():
            call()
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(runs):
        for name, call in calls.items():
            started = time.perf_counter()
            call()
            samples[name].append((time.perf_counter() - started) * 1000)
    return samples


def main(runs: int) -> None:
    ctx = context()
    results = []
    clients = {}
    for index, page in enumerate(PAGES):
        user = ctx["users"][page.role]
        client = clients.get(page.role)
        if client is None:
            client = clients[page.role] = Client()
            client.force_login(user)
        url = page.url(ctx)
        reset_queries()  # each request clears the query log; start from an empty one so the count is right
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        query_count = len(queries)  # read now: the next request empties the log the context reads from
        if response.status_code != 200:
            raise SystemExit(f"{page.name}: HTTP {response.status_code} for {url}")
        calls = {"page": lambda url=url, client=client: client.get(url)}
        if page.bare is not None:
            bare_url, layout_url = f"/_bare/{index}/", f"/_layout/{index}/"
            client.get(bare_url)  # the first bare request reads the shared context: not part of the floor's count
            reset_queries()
            with CaptureQueriesContext(connection) as bare_queries:
                bare_response = client.get(bare_url)
            bare_query_count = len(bare_queries)
            if bare_response.status_code != 200:
                raise SystemExit(f"{page.name}: bare view HTTP {bare_response.status_code}")
            if client.get(layout_url).status_code != 200:
                raise SystemExit(f"{page.name}: layout view failed")
            calls.update(
                {
                    "bare": lambda bare_url=bare_url, client=client: client.get(bare_url),
                    "layout": lambda layout_url=layout_url, client=client: client.get(layout_url),
                    "render": lambda page=page: page.bare(ctx),
                }
            )
        samples = timed(calls, runs)
        row = {
            "page": page.name,
            "queries": query_count,
            "p50": statistics.median(samples["page"]),
            "p95": percentile(samples["page"], 0.95),
        }
        if page.bare is not None:
            row.update(
                {
                    "bare_queries": bare_query_count,
                    "bare_p50": statistics.median(samples["bare"]),
                    "layout_p50": statistics.median(samples["layout"]),
                    "render_p50": statistics.median(samples["render"]),
                }
            )
        results.append(row)
    print(json.dumps(results))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
