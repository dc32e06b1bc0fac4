"""End to end: a real ``db_worker`` process runs what the desk queued, and ``bin/serve``
(``make run``) starts the server with a worker and stops both together."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from editorial.exports.fixtures_load import fixtures_load
from editorial.models import Suggestion
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parent.parent
QUEUES = ["default", "checks", "drawing", "exports", "webhooks"]
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": QUEUES}}
SUNAK = "Paris talks\nBritish Prime Minister Rishi Sunak attended the talks."

pytestmark = pytest.mark.django_db(transaction=True)


def worker_environment() -> dict:
    """The environment of a process that uses this test's database with queued tasks."""
    settings = connection.settings_dict
    env = {**os.environ, "EDITORIAL_TASKS": "database"}
    env["DJANGO_SETTINGS_MODULE"] = "editorial.settings.test"
    if connection.vendor == "sqlite":
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = settings["NAME"]
    else:
        env["DATABASE_URL"] = (
            f"postgres://{settings['USER']}:{settings['PASSWORD']}@"
            f"{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}/"
            f"{settings['NAME']}"
        )
    return env


@override_settings(TASKS=DATABASE)
def test_a_worker_process_runs_the_checks_the_import_queued(
    source_factory, editor_client
):
    fixtures_load(paths=[FIXTURES / "reference.json"])
    source = source_factory(SUNAK, published_on="2026-01-06")
    status = reverse("jobs:checks-status", args=[source.pk])
    assert editor_client.get(status).json() == {"running": True, "open": 0}
    assert not Suggestion.objects.filter(source=source).exists()
    queued = DBTaskResult.objects.filter(
        task_path="editorial.checks.tasks.check_source"
    )
    assert queued.get().status == TaskResultStatus.READY

    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--batch",
            "--queue-name",
            "*",
            "--no-startup-delay",
            "--interval",
            "0",
            "--no-reload",
        ],
        cwd=ROOT,
        env=worker_environment(),
        check=True,
        timeout=180,
        capture_output=True,
    )
    assert [s.exact for s in Suggestion.objects.filter(source=source)] == [
        "British Prime Minister Rishi Sunak"
    ]
    assert queued.get().status == TaskResultStatus.SUCCESSFUL
    assert editor_client.get(status).json() == {"running": False, "open": 1}
    assert not DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).exists()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the serve script is checked once, on the SQLite file",
)
def test_make_run_serves_with_a_worker_and_ctrl_c_stops_both():
    port = free_port()
    env = {**worker_environment(), "ADDR": f"127.0.0.1:{port}", "PY": sys.executable}
    serve = subprocess.Popen(
        [str(ROOT / "bin" / "serve")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}{reverse('login')}", timeout=2
                ) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline, "the server never answered"
                time.sleep(0.5)
        children = subprocess.run(
            ["pgrep", "-f", "manage.py db_worker"], capture_output=True, text=True
        ).stdout.split()
        workers = [
            pid
            for pid in children
            if Path(f"/proc/{pid}/environ").exists()
            and f"ADDR=127.0.0.1:{port}".encode()
            in Path(f"/proc/{pid}/environ").read_bytes()
        ]
        assert workers, "no worker beside the server"
        serve.send_signal(signal.SIGINT)  # Ctrl-C
        serve.wait(timeout=30)
        time.sleep(0.5)
        for pid in workers:
            assert not Path(f"/proc/{pid}").exists(), "the worker outlived Ctrl-C"
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
    finally:
        if group_alive(serve.pid):
            os.killpg(serve.pid, signal.SIGKILL)
