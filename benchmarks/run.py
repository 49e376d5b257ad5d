"""Seeds scratch PostgreSQL databases at two sizes and prints one table of queries and timings side by side.

    python benchmarks/run.py                       # N = 210 and 2,100 agencies, 10 years
    python benchmarks/run.py --sizes 210 --years 3 --runs 10
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python benchmarks/run.py

The scratch databases are named agenturnetz_bench_<N> and are dropped and recreated on each run.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def recreate_database(admin_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def run(cmd: list[str], env: dict) -> str:
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def measure_size(size: int, years: int, runs: int, admin_url: str) -> tuple[list[dict], float]:
    url = recreate_database(admin_url, f"agenturnetz_bench_{size}")
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-" + "x" * 50,
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "0",
        "AGENTURNETZ_TESTING": "1",
    }
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    started = time.perf_counter()
    print(run([PYTHON, "manage.py", "seed_scale", "--agencies", str(size), "--years", str(years)], env), end="")
    seeded = time.perf_counter() - started
    return json.loads(run([PYTHON, "benchmarks/measure.py", str(runs)], env).strip().splitlines()[-1]), seeded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[210, 2100])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    admin_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")

    by_size = {}
    for size in args.sizes:
        results, seeded = measure_size(size, args.years, args.runs, admin_url)
        by_size[size] = {row["page"]: row for row in results}
        print(f"N = {size}: seeded in {seeded:.1f} s")

    sizes = args.sizes
    header = ["page"] + [f"{label} N={s}" for s in sizes for label in ("queries", "p50 ms", "p95 ms", "×bare")]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for page in by_size[sizes[0]]:
        cells = [page]
        for size in sizes:
            row = by_size[size][page]
            ratio = f"{row['p50'] / row['bare_p50']:.1f}" if row.get("bare_p50") else "–"
            cells += [str(row["queries"]), f"{row['p50']:.1f}", f"{row['p95']:.1f}", ratio]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
