"""The scaled-out desk under load (``make loadtest``): nginx in front of two gunicorn
application servers, PostgreSQL 15, Redis and one task worker, all on loopback.

    .ci/with-postgres .ci/with-redis python -m tests.benchmarks.topology --users 50,200

Started here in order: the desk is migrated and filled (``loadtest.prepare``), then two
gunicorn servers (``--workers`` each), one ``db_worker`` for every queue, and nginx
(Debian's package, run unprivileged from a config written here) balancing the two with
``proxy_next_upstream``. locust's editors (``locust_topology.py``) read, annotate,
comment, change statuses and correct sources; reviewers give verdicts with versions on
the same claims; for ``--seconds`` at each number of users. In the last run one
application server is stopped halfway (``SIGTERM``, as a deploy or a failing machine
would), and every answer names the server nginx used (``X-Upstream``).
Afterwards (``topology_report``): every acknowledged write is in the database, versions
are gapless, every 409 (and any refusal of a verdict's claim) followed someone else's
write, no other 4xx and no 5xx, the checks and the pre-drawing ran during the load and
the queue drains within 30 s, and after the stopped server exited every request
succeeded on the other. Results go to ``tests/benchmarks/results/topology-<users>u.json``
(``topology-<users>u-one-server-stopped.json`` for the run with the stop).
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

from . import loadtest, topology_report

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
            add_header X-Upstream $upstream_addr always;
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
            "apt-get install -y -qq nginx >/dev/null",
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


def plan_roles(plan: dict) -> None:
    """Every fourth editor is a reviewer too (verdicts are theirs, on the same hot
    claims); ten others correct a source of their own, one nobody reads in the plan
    (a new text would move the words the others highlight)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from core import roles
    from sources.models import Source

    reviewers = Group.objects.get(name=roles.REVIEWERS)
    plan["reviewers"] = []
    for account in plan["users"][::4]:
        get_user_model().objects.get(username=account["username"]).groups.add(reviewers)
        plan["reviewers"].append(account["token"])
    revisers = [a for a in plan["users"] if a["token"] not in plan["reviewers"]][:10]
    own = (
        Source.objects.exclude(pk__in={source["id"] for source in plan["sources"]})
        .select_related("current_revision")
        .order_by("-pk")[: len(revisers)]
    )
    plan["revisers"] = {
        account["token"]: {"id": source.pk, "body": source.current_revision.body}
        for account, source in zip(revisers, own, strict=True)
    }


def revisions_missing(acks: dict) -> int:
    from sources.models import Revision

    made = {(a["source"], a["number"]) for a in acks.get("revisions", [])}
    found = set(
        Revision.objects.filter(source_id__in={s for s, _ in made}).values_list(
            "source_id", "number"
        )
    )
    return len(made - found)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", default="50,200")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2, help="per app server")
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--claims", type=int, default=2000)
    parser.add_argument(
        "--stop-run",
        type=int,
        default=200,
        help="users of the last run, in which one app server is stopped halfway "
        "(0: no such run)",
    )
    args = parser.parse_args(argv)
    crowds = [(int(n), False) for n in args.users.split(",") if n.strip()]
    if args.stop_run:
        crowds.append((args.stop_run, True))
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
    loadtest.prepare(
        max(n for n, _ in crowds), args.sources, args.claims, folder / "plan.json"
    )
    plan = json.loads((folder / "plan.json").read_text())
    plan_roles(plan)
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
    # nginx's own folder: run as root, its workers (nobody) must reach their temp files.
    web = Path(tempfile.mkdtemp(prefix="editorial-nginx-"))
    web.chmod(0o755)
    (web / "nginx.conf").write_text(NGINX.format(folder=web, port=port, **ports))
    processes["nginx"] = subprocess.Popen(
        [nginx_binary(), "-p", str(web), "-c", str(web / "nginx.conf")],
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
        for users, stop_one in crowds:
            results.append(
                run_crowd(
                    users, args, folder, env, bin_dir, port, processes, ports, stop_one
                )
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
        shutil.rmtree(web, ignore_errors=True)
    bad = [r for r in results if not r["passed"]]
    sys.exit(1 if bad else 0)


def run_crowd(users, args, folder, env, bin_dir, port, processes, ports, stop_one):
    """One crowd for ``args.seconds``; its report, written to ``results/``."""
    from django.db import connection

    acks_file = folder / "acks.json"
    acks_file.unlink(missing_ok=True)
    csv_prefix = folder / f"locust-{users}"
    stop: dict = {}

    def stop_second():
        time.sleep(args.seconds / 2)
        stop["signalled"] = time.time()
        os.killpg(processes["second"].pid, signal.SIGTERM)
        processes["second"].wait()
        stop["exited"] = time.time()

    load_average = os.getloadavg()
    if stop_one:
        threading.Thread(target=stop_second, daemon=True).start()
    began, began_at = time.monotonic(), time.time()
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
    load_seconds, ended_at = time.monotonic() - began, time.time()
    drained_after = None
    waited = time.monotonic()
    while time.monotonic() - waited < 30:
        if queue_left() == 0:
            drained_after = round(time.monotonic() - waited, 1)
            break
        time.sleep(0.5)
    acks = json.loads(acks_file.read_text())
    timeline = acks.pop("timeline", [])
    summary = loadtest.summary(csv_prefix)
    check = loadtest.verify(acks_file)
    check["comments_acknowledged"] = len(acks.get("comments", []))
    check["comments_missing"] = comments_missing(acks)
    check["revisions_acknowledged"] = len(acks.get("revisions", []))
    check["revisions_missing"] = revisions_missing(acks)
    check["queue_left_after_30s"] = queue_left()
    check["queue_drained_after_seconds"] = drained_after
    check["failed_tasks"] = failed_tasks()
    check["queues"] = topology_report.queues(began_at, ended_at)
    routed = topology_report.routing(timeline, stop if stop_one else None, ports)
    targets = topology_report.targets(
        summary=summary, check=check, timeline=timeline, routed=routed
    )
    result = {
        "topology": "nginx -> 2 gunicorn "
        f"({args.workers} workers each), PostgreSQL 15, Redis, 1 db_worker",
        "users": users,
        "seconds": args.seconds,
        "load_seconds": round(load_seconds, 1),
        "app_server_stopped_at_second": (
            round(stop["signalled"] - began_at, 1) if stop_one and stop else None
        ),
        "cpus": os.cpu_count(),
        "load_average_before": [round(n, 2) for n in load_average],
        "load_average_after": [round(n, 2) for n in os.getloadavg()],
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "status_codes": status_codes(timeline),
        **summary,
        "check": check,
        "routing": routed,
        "targets": targets,
        "passed": all(targets.values()),
    }
    connection.close()
    RESULTS.mkdir(exist_ok=True)
    name = f"topology-{users}u" + ("-one-server-stopped" if stop_one else "")
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({k: v for k, v in result.items() if k != "by_endpoint"}, indent=2))
    return result


def status_codes(timeline: list) -> dict:
    """How many answers had each status (0: no answer, the connection failed)."""
    counts: dict[str, int] = {}
    for entry in timeline:
        counts[str(entry[1])] = counts.get(str(entry[1]), 0) + 1
    return dict(sorted(counts.items()))


if __name__ == "__main__":
    main()
