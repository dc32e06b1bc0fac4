"""Load test: gunicorn serving the desk, locust's editors working on it, then a check.

    .ci/with-postgres python -m tests.benchmarks.loadtest --workers 4 --users 50 --seconds 60
    python -m tests.benchmarks.loadtest --workers 2   # SQLite, a temporary file

Everything runs on loopback (127.0.0.1) and stops by itself: locust's run is bounded by
``--seconds``, gunicorn is stopped afterwards. The database is migrated and filled by the
benchmark generator first. Afterwards every acknowledged write is looked for in the
database: each 201 highlight exists, each acknowledged status change is a history row of
its claim with that version and status, every claim's versions in history run 1, 2,
3... without a gap, and every 409 (and refusal of a verdict's claim) follows someone
else's write after the version the editor read. Results go to ``tests/benchmarks/results/load-<vendor>-<workers>w``
(``-<users>u`` added when the editors are not 50).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RESULTS = HERE / "results"
PASSWORD = "load-pass-" + secrets.token_hex(4)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare(users: int, sources: int, claims: int, plan_file: Path) -> None:
    """Migrate, generate the desk, make the editors with API tokens, write the plan."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from core import roles
    from editorial.accounts import services as account_services
    from editorial.models import Claim

    from . import generate

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    desk = generate.build(sources=sources, highlights=claims, claims=claims)
    editors = Group.objects.get(name=roles.EDITORS)
    accounts = []
    for number in range(users):
        user = get_user_model().objects.create_user(
            username=f"load-editor-{number}", password=PASSWORD
        )
        user.groups.add(editors)
        _, key = account_services.api_token_create(
            user=user, name="load test", reason="Load test"
        )
        accounts.append(
            {"username": user.username, "token": key, "session": _session_for(user)}
        )
    rng = generate.random.Random(5)
    chosen = [*desk.seeds, *desk.synthetic[:20]]
    plan = {
        "password": PASSWORD,
        "users": accounts,
        "sources": [
            {
                "id": source.pk,
                "spans": [
                    (start, end, source.current_revision.body[start:end])
                    for start, end in generate.random_spans(
                        source.current_revision.body, 400, rng
                    )
                ],
            }
            for source in chosen
        ],
        "hot_claims": list(
            Claim.objects.order_by("pk").values_list("pk", flat=True)[:40]
        ),
    }
    plan_file.write_text(json.dumps(plan))


def _session_for(user) -> str:
    """A logged-in session, as after the log-in form: editors come to work logged in,
    and a minute of load should not be spent hashing fifty passwords."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def verify(ack_file: Path) -> dict:
    """Acknowledged writes against what is stored."""
    from django.db.models import Count

    from editorial.models import Claim, Highlight

    acks = json.loads(ack_file.read_text())
    highlight_ids = {a["highlight"] for a in acks["annotations"]}
    stored = set(
        Highlight.objects.filter(pk__in=highlight_ids).values_list("pk", flat=True)
    )
    history = Claim.history.model.objects
    acknowledged = {
        (a["claim"], a["version"], a["status"]) for a in acks["status_changes"]
    }
    found = set(
        history.filter(id__in={a["claim"] for a in acks["status_changes"]}).values_list(
            "id", "version", "status"
        )
    )
    lost = acknowledged - found
    gaps = []
    for claim_id in Claim.objects.values_list("pk", flat=True):
        versions = sorted(
            set(history.filter(id=claim_id).values_list("version", flat=True))
        )
        if versions != list(range(1, len(versions) + 1)):
            gaps.append(claim_id)
    doubled = (
        history.filter(history_type="~")
        .values("id", "version")
        .order_by()
        .annotate(n=Count("history_id"))
        .filter(n__gt=1)
        .count()
    )
    refused = acks.get("verdict_refusals", [])
    written: dict[int, dict[int, set]] = {}
    for claim_id, version, status in history.filter(
        id__in={a["claim"] for a in [*acks["conflicts"], *refused]}
    ).values_list("id", "version", "status"):
        written.setdefault(claim_id, {}).setdefault(version, set()).add(status)
    # A 409 is expected when someone else's write made the version after the one read;
    # a verdict's refusal, when a verdict was given after the version read.
    unexplained_409s = [
        a
        for a in acks["conflicts"]
        if a["current"] <= a["read"] or a["read"] + 1 not in written.get(a["claim"], {})
    ]
    verdicts = {status.value for status in Claim.VERDICTS}
    unexplained_refusals = [
        a
        for a in refused
        if not any(
            statuses & verdicts
            for version, statuses in written.get(a["claim"], {}).items()
            if version > a["read"]
        )
    ]
    return {
        "annotations_acknowledged": len(acks["annotations"]),
        "annotations_missing": len(highlight_ids - stored),
        "status_changes_acknowledged": len(acknowledged),
        "status_changes_lost": len(lost),
        "conflicts_409": len(acks["conflicts"]),
        "conflicts_409_unexplained": len(unexplained_409s),
        "verdict_refusals_403": len(refused),
        "verdict_refusals_403_unexplained": len(unexplained_refusals),
        "claims_with_version_gaps": len(gaps),
        "versions_written_twice": doubled,
    }


def summary(csv_prefix: Path) -> dict:
    rows = list(csv.DictReader(open(f"{csv_prefix}_stats.csv", encoding="utf-8")))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    failures = list(
        csv.DictReader(open(f"{csv_prefix}_failures.csv", encoding="utf-8"))
    )
    return {
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "requests_per_second": round(float(total["Requests/s"]), 1),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "p99_ms": float(total["99%"]),
        "by_endpoint": {
            r["Name"]: {
                "requests": int(r["Request Count"]),
                "failures": int(r["Failure Count"]),
                "p50_ms": float(r["50%"]),
                "p95_ms": float(r["95%"]),
                "p99_ms": float(r["99%"]),
            }
            for r in rows
            if r["Name"] != "Aggregated"
        },
        "failure_messages": [f"{f['Name']}: {f['Error']}"[:300] for f in failures][:10],
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--claims", type=int, default=2000)
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="editorial-load-"))
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.benchmarks.load_settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(40),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        LOAD_PLAN_FILE=str(folder / "plan.json"),
        LOAD_ACK_FILE=str(folder / "acks.json"),
        DJANGO_STATIC_ROOT=str(folder / "static"),
    )
    if "DATABASE_URL" not in env:
        env["SQLITE_PATH"] = str(folder / "load.sqlite3")
    os.environ.update(env)
    prepare(args.users, args.sources, args.claims, folder / "plan.json")
    from django.db import connection

    vendor = connection.vendor
    connection.close()

    port = free_port()
    bin_dir = Path(sys.executable).parent
    server = subprocess.Popen(
        [
            str(bin_dir / "gunicorn"),
            "editorial.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--timeout",
            "60",
            "--log-level",
            "warning",
            "--preload",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "tests.benchmarks.load_settings"},
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        csv_prefix = folder / "locust"
        subprocess.run(
            [
                str(bin_dir / "locust"),
                "-f",
                str(HERE / "locustfile.py"),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                "10",
                "--run-time",
                f"{args.seconds}s",
                "--stop-timeout",
                "10",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(csv_prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
            check=False,
            timeout=args.seconds + 120,
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    result = {
        "vendor": vendor,
        "workers": args.workers,
        "threads": args.threads,
        "users": args.users,
        "seconds": args.seconds,
        "cpus": os.cpu_count(),
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        **summary(csv_prefix),
        "check": verify(folder / "acks.json"),
    }
    shutil.rmtree(folder, ignore_errors=True)
    RESULTS.mkdir(exist_ok=True)
    name = f"load-{vendor}-{args.workers}w" + (
        f"-{args.users}u" if args.users != 50 else ""
    )
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({k: v for k, v in result.items() if k != "by_endpoint"}, indent=2))
    check = result["check"]
    bad = (
        result["failures"]
        or check["annotations_missing"]
        or check["status_changes_lost"]
        or check["claims_with_version_gaps"]
        or check["versions_written_twice"]
        or check["conflicts_409_unexplained"]
        or check["verdict_refusals_403_unexplained"]
    )
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
