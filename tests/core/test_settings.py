import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    base_env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="x" * 64 + "production-secret-for-the-check",
        ALLOWED_HOSTS="agenturnetz.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_secret_key():
    env = {"DEBUG": "0", "ALLOWED_HOSTS": "agenturnetz.example.org", "SECRET_KEY": ""}
    result = _manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_seed_demo_refuses_without_debug():
    result = _manage(
        "seed_demo",
        DEBUG="0",
        SECRET_KEY="y" * 64,
        ALLOWED_HOSTS="x.example",
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode != 0
    assert "DEBUG" in result.stderr
