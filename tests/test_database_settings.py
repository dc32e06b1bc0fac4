"""SQLite gets its concurrency settings however it is chosen (issue 20, finding 10)."""

import os
import subprocess
import sys

import pytest

from editorial.settings.base import BASE_DIR, database_from_environment


@pytest.mark.parametrize(
    "url",
    [
        None,
        "sqlite:////tmp/desk.sqlite3",
        "sqlite:///desk.sqlite3",
        "  sqlite:////tmp/desk.sqlite3  ",
    ],
)
def test_sqlite_has_immediate_transactions_a_busy_timeout_and_wal_however_chosen(
    monkeypatch, url
):
    if url is None:
        monkeypatch.delenv("DATABASE_URL", raising=False)
    else:
        monkeypatch.setenv("DATABASE_URL", url)
    config = database_from_environment()
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    options = config["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] == 20
    assert "journal_mode=WAL" in options["init_command"]
    assert "foreign_keys=ON" in options["init_command"]


def test_a_sqlite_url_keeps_options_it_names_itself(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/desk.sqlite3?timeout=60")
    options = database_from_environment()["OPTIONS"]
    assert options["timeout"] in (60, "60")
    assert options["transaction_mode"] == "IMMEDIATE"


def test_postgresql_gets_no_sqlite_options(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://desk:pw@db.example:5432/editorial")
    options = database_from_environment().get("OPTIONS", {})
    assert "transaction_mode" not in options and "init_command" not in options


def test_the_concurrency_tests_pass_with_a_sqlite_database_url(tmp_path):
    """The suite's simultaneous-edit tests, run again on a desk set up by DATABASE_URL.

    One of two simultaneous edits answered 500 ("database is locked") instead of 409
    when SQLite came from a URL without the concurrency settings.
    """
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/editorial/test_concurrent_api_edits.py",
            "tests/editorial/test_history_views.py",
            "-k",
            "concurrent or simultaneous",
        ],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "4 passed" in result.stdout
