"""Seeds scratch PostgreSQL databases at two sizes and prints one table of queries and timings side by side.

    python benchmarks/run.py                       # N = 210 and 2,100 agencies, 10 years
    python benchmarks/run.py --sizes 210 --years 3 --runs 10 --zip 40
    python benchmarks/run.py --reuse-seed          # seed once, later runs start from a copy of that seed
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python benchmarks/run.py

The scratch databases are named agenturnetz_bench_<N> and are dropped and recreated on each run. With
--reuse-seed the freshly seeded data is kept as agenturnetz_seed_<N>_<Y>, and a later run copies it (CREATE DATABASE
… TEMPLATE, then migrate) instead of seeding again: the jobs change the data, so every run starts from the same
state. The background
jobs (daily reminder run, weekly digest, survey report) are measured at every size; the PDF and the bulk ZIP,
which do not depend on N, at the first size only. The bulk ZIP starts a Celery worker on CELERY_BROKER_URL
(default: Redis db 8 on 127.0.0.1).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def recreate_database(admin_url: str, name: str, template: str | None = None) -> str:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def database_exists(admin_url: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def run(cmd: list[str], env: dict) -> str:
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def measure_size(
    size: int, years: int, runs: int, admin_url: str, job_args: list[str], reuse_seed: bool = False
) -> tuple[list, list, float | None]:
    name, seed_copy = f"agenturnetz_bench_{size}", f"agenturnetz_seed_{size}_{years}"
    reused = reuse_seed and database_exists(admin_url, seed_copy)
    url = recreate_database(admin_url, name, template=seed_copy if reused else None)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-" + "x" * 50,
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "0",
        "AGENTURNETZ_TESTING": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "MEDIA_ROOT": tempfile.mkdtemp(prefix="agenturnetz-bench-media-"),
        "CELERY_BROKER_URL": os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/8"),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/8"),
    }
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    seeded = None
    if not reused:
        started = time.perf_counter()
        print(run([PYTHON, "manage.py", "seed_scale", "--agencies", str(size), "--years", str(years)], env), end="")
        seeded = time.perf_counter() - started
        if reuse_seed:
            recreate_database(admin_url, seed_copy, template=name)
    pages = json.loads(run([PYTHON, "benchmarks/measure.py", str(runs)], env).strip().splitlines()[-1])
    jobs = json.loads(run([PYTHON, "benchmarks/jobs.py", *job_args], env).strip().splitlines()[-1])
    return pages, jobs, seeded


def print_pages(by_size: dict[int, dict[str, dict]], sizes: list[int]) -> None:
    """×bare: the page's p50 over its bare view's p50 (routed, same middleware and user, minimal template);
    ×layout: over the same bare rows inside the site's layout (what every page pays for its frame);
    ×render: over rendering the same rows with no request at all (the lower floor the first runs used)."""
    labels = ("queries", "p50 ms", "p95 ms", "bare ms", "×bare", "×layout", "×render")
    header = ["page"] + [f"{label} N={size}" for size in sizes for label in labels]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for page in by_size[sizes[0]]:
        cells = [page]
        for size in sizes:
            row = by_size[size][page]
            bare, layout, render = row.get("bare_p50"), row.get("layout_p50"), row.get("render_p50")
            cells += [
                str(row["queries"]),
                f"{row['p50']:.1f}",
                f"{row['p95']:.1f}",
                f"{bare:.1f}" if bare else "–",
                f"{row['p50'] / bare:.1f}" if bare else "–",
                f"{row['p50'] / layout:.1f}" if layout else "–",
                f"{row['p50'] / render:.1f}" if render else "–",
            ]
        print("| " + " | ".join(cells) + " |")


def print_jobs(jobs_by_size: dict[int, list[dict]]) -> None:
    print()
    print("| job | N | time | queries | floor | ×floor | note |")
    print("|---|---|---|---|---|---|---|")
    for size, jobs in jobs_by_size.items():
        for row in jobs:
            floor = row.get("bare_ms")
            cells = [
                row["job"],
                str(size),
                f"{row['ms'] / 1000:.2f} s",
                str(row["queries"]),
                f"{floor / 1000:.2f} s" if floor else "–",
                f"{row['ms'] / floor:.2f}" if floor else "–",
                row["note"],
            ]
            print("| " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[210, 2100])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--zip", type=int, default=210, help="documents in the bulk ZIP (0: skip)")
    parser.add_argument("--reuse-seed", action="store_true", help="keep the seeded data and start later runs from it")
    args = parser.parse_args()
    admin_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")

    by_size, jobs_by_size = {}, {}
    for index, size in enumerate(args.sizes):
        job_args = ["--pdf", "--zip", str(args.zip)] if index == 0 else []
        results, jobs, seeded = measure_size(size, args.years, args.runs, admin_url, job_args, args.reuse_seed)
        by_size[size] = {row["page"]: row for row in results}
        jobs_by_size[size] = jobs
        print(f"N = {size}: " + (f"seeded in {seeded:.1f} s" if seeded else "copied from the kept seed"), flush=True)
        print(json.dumps({"size": size, "pages": results, "jobs": jobs}), file=sys.stderr, flush=True)

    print_pages(by_size, args.sizes)
    print_jobs(jobs_by_size)


if __name__ == "__main__":
    main()
