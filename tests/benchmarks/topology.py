"""The scaled-out desk under load (``make loadtest``): nginx in front of two gunicorn
application servers, PostgreSQL 15, Redis and one task worker, all on loopback.

    .ci/with-postgres .ci/with-redis python -m tests.benchmarks.topology --users 50,200

Started here in order: the desk is migrated and filled (``loadtest.prepare``), then two
gunicorn servers (``--workers`` each), one ``db_worker`` for every queue, and nginx
(Debian's package, run unprivileged from a config written here) balancing the two with
``proxy_next_upstream``. locust's editors (``locust_topology.py``) read, annotate,
comment and change statuses, reviewers give verdicts with versions, for ``--seconds``
at each number of users; in the last run one application server is stopped halfway.
Afterwards: every acknowledged write is in the database, versions are gapless, the only
4xx are the expected 409s, no 5xx, and the task queue drains within 30 s. Results go
to ``tests/benchmarks/results/topology-<users>u.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from . import loadtest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RESULTS = HERE / "results"

NGINX = """
worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    upstream desk {{
        server 127.0.0.1:{first} max_fails=1 fail_timeout=10s;
        server 127.0.0.1:{second} max_fails=1 fail_timeout=10s;
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 20m;
        location / {{
            proxy_pass http://desk;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host 127.0.0.1;
            proxy_next_upstream error timeout http_502 http_503 non_idempotent;
            proxy_next_upstream_tries 2;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
        }}
    }}
}}
"""


def wait_for(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on {port}")


def nginx_binary() -> str:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(found).exists():
        print("Installing nginx (Debian package)")
        subprocess.run(
            "apt-get update -qq && DEBIAN_FRONTEND=noninteractive "
            "apt-get install -y -qq nginx-light >/dev/null",
            shell=True,
            check=True,
        )
    return found


def queue_left() -> int:
    from django.db import close_old_connections
    from django_tasks_db.models import DBTaskResult

    close_old_connections()
    return DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count()


def failed_tasks() -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status="FAILED").count()


def comments_missing(acks: dict) -> int:
    from editorial.models import Comment

    markers = {a["marker"] for a in acks.get("comments", [])}
    found = {
        body.split()[-1]
        for body in Comment.objects.filter(body__startswith="Load comment ")
        .values_list("body", flat=True)
        .iterator()
    }
    return len(markers - found)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", default="50,200")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2, help="per app server")
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--claims", type=int, default=2000)
    parser.add_argument("--no-stop", action="store_true", help="keep both servers up")
    args = parser.parse_args(argv)
    crowds = [int(n) for n in args.users.split(",")]
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Run under .ci/with-postgres (and .ci/with-redis).")

    folder = Path(tempfile.mkdtemp(prefix="editorial-topology-"))
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.benchmarks.load_settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(40),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        LOAD_PLAN_FILE=str(folder / "plan.json"),
        LOAD_ACK_FILE=str(folder / "acks.json"),
        DJANGO_STATIC_ROOT=str(folder / "static"),
        EDITORIAL_TASKS="database",
    )
    os.environ.update(env)
    loadtest.prepare(max(crowds), args.sources, args.claims, folder / "plan.json")
    plan = json.loads((folder / "plan.json").read_text())
    # Every fourth editor is a reviewer too: verdicts are theirs.
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from core import roles

    reviewers = Group.objects.get(name=roles.REVIEWERS)
    plan["reviewers"] = []
    for account in plan["users"][::4]:
        get_user_model().objects.get(username=account["username"]).groups.add(reviewers)
        plan["reviewers"].append(account["token"])
    from editorial.models import Claim

    plan["verdict_claims"] = list(
        Claim.objects.order_by("pk").values_list("pk", flat=True)[40:80]
    )
    (folder / "plan.json").write_text(json.dumps(plan))
    from django.db import connection

    connection.close()

    bin_dir = Path(sys.executable).parent
    processes: dict[str, subprocess.Popen] = {}
    ports = {"first": loadtest.free_port(), "second": loadtest.free_port()}
    for name, port in ports.items():
        processes[name] = subprocess.Popen(
            [
                str(bin_dir / "gunicorn"),
                "editorial.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--timeout",
                "60",
                "--log-level",
                "warning",
                "--preload",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
    processes["worker"] = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--queue-name", "*"]
        + ["--interval", "0.2", "--no-reload"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=open(folder / "worker.log", "w"),
        stderr=subprocess.STDOUT,
    )
    port = loadtest.free_port()
    (folder / "nginx.conf").write_text(NGINX.format(folder=folder, port=port, **ports))
    processes["nginx"] = subprocess.Popen(
        [nginx_binary(), "-p", str(folder), "-c", str(folder / "nginx.conf")],
        start_new_session=True,
        stderr=subprocess.DEVNULL,
    )
    results = []
    try:
        for each in ports.values():
            wait_for(each)
        wait_for(port)
        # What preparing the desk queued (its imports' checks) runs before the load.
        backlog, began = queue_left(), time.monotonic()
        while queue_left() and time.monotonic() - began < 600:
            time.sleep(1)
        print(f"Backlog of {backlog} tasks drained in {time.monotonic() - began:.0f} s")
        connection.close()
        for number, users in enumerate(crowds):
            stop_one = not args.no_stop and number == len(crowds) - 1
            results.append(
                run_crowd(users, args, folder, env, bin_dir, port, processes, stop_one)
            )
    finally:
        for process in processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        shutil.rmtree(folder, ignore_errors=True)
    bad = [r for r in results if not r["passed"]]
    sys.exit(1 if bad else 0)


def run_crowd(users, args, folder, env, bin_dir, port, processes, stop_one) -> dict:
    from django.db import connection

    acks_file = folder / "acks.json"
    acks_file.unlink(missing_ok=True)
    csv_prefix = folder / f"locust-{users}"
    stopped_at = None

    def stop_second():
        nonlocal stopped_at
        time.sleep(args.seconds / 2)
        os.killpg(processes["second"].pid, signal.SIGTERM)
        stopped_at = round(args.seconds / 2, 1)

    if stop_one:
        threading.Thread(target=stop_second, daemon=True).start()
    began = time.monotonic()
    subprocess.run(
        [str(bin_dir / "locust"), "-f", str(HERE / "locust_topology.py"), "--headless"]
        + ["--users", str(users), "--spawn-rate", str(max(10, users // 5))]
        + ["--run-time", f"{args.seconds}s", "--stop-timeout", "10"]
        + ["--host", f"http://127.0.0.1:{port}", "--csv", str(csv_prefix)]
        + ["--only-summary", "--loglevel", "WARNING"],
        cwd=ROOT,
        env=env,
        check=False,
        timeout=args.seconds + 180,
    )
    load_seconds = time.monotonic() - began
    drained_after = None
    waited = time.monotonic()
    while time.monotonic() - waited < 30:
        if queue_left() == 0:
            drained_after = round(time.monotonic() - waited, 1)
            break
        time.sleep(0.5)
    acks = json.loads(acks_file.read_text())
    summary = loadtest.summary(csv_prefix)
    check = loadtest.verify(acks_file)
    check["comments_acknowledged"] = len(acks.get("comments", []))
    check["comments_missing"] = comments_missing(acks)
    check["queue_left_after_30s"] = queue_left()
    check["queue_drained_after_seconds"] = drained_after
    check["failed_tasks"] = failed_tasks()
    five_hundreds = sum(
        1
        for message in summary["failure_messages"]
        if message.split(": ")[1:2] and message.split(": ")[1].startswith("5")
    )
    result = {
        "topology": "nginx -> 2 gunicorn "
        f"({args.workers} workers each), PostgreSQL 15, Redis, 1 db_worker",
        "users": users,
        "seconds": args.seconds,
        "load_seconds": round(load_seconds, 1),
        "app_server_stopped_at_second": stopped_at,
        "cpus": os.cpu_count(),
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        **summary,
        "check": check,
    }
    result["passed"] = not (
        summary["failures"]
        or five_hundreds
        or check["annotations_missing"]
        or check["status_changes_lost"]
        or check["comments_missing"]
        or check["claims_with_version_gaps"]
        or check["versions_written_twice"]
        or drained_after is None
    )
    connection.close()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"topology-{users}u.json").write_text(
        json.dumps(result, indent=2) + "\n"
    )
    print(json.dumps({k: v for k, v in result.items() if k != "by_endpoint"}, indent=2))
    return result


if __name__ == "__main__":
    main()
