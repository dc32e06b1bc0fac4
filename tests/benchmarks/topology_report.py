"""What ``topology.py`` reports after each crowd: the task queues' work during the load,
the requests around the app server stopped halfway, and the issue's targets, each one
named, so a run's JSON shows which held (``passed`` is all of them).
"""

from __future__ import annotations

import datetime
import statistics


def _when(epoch: float) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(epoch, tz=datetime.UTC)


def _spread(seconds: list[float]) -> dict:
    if not seconds:
        return {"p50_s": None, "p95_s": None, "max_s": None}
    ordered = sorted(seconds)
    return {
        "p50_s": round(statistics.median(ordered), 2),
        "p95_s": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 2),
        "max_s": round(ordered[-1], 2),
    }


def queues(load_began: float, load_ended: float) -> dict:
    """Per queue, the tasks enqueued while the editors worked: how many ran and failed,
    how many still waited when the load stopped, how long each waited for the worker
    (enqueued to started) and ran."""
    from django_tasks_db.models import DBTaskResult

    began, ended = _when(load_began), _when(load_ended)
    rows = DBTaskResult.objects.filter(enqueued_at__gte=began, enqueued_at__lte=ended)
    report = {}
    for row in rows.values(
        "queue_name", "task_path", "status", "enqueued_at", "started_at", "finished_at"
    ):
        queue = report.setdefault(
            row["queue_name"],
            {"tasks": set(), "enqueued": 0, "succeeded": 0, "failed": 0, "waiting": 0},
        )
        queue["tasks"].add(row["task_path"].rsplit(".", 1)[-1])
        queue["enqueued"] += 1
        queue["succeeded"] += row["status"] == "SUCCESSFUL"
        queue["failed"] += row["status"] == "FAILED"
        queue["waiting"] += row["started_at"] is None or row["started_at"] > ended
        queue.setdefault("_waits", [])
        queue.setdefault("_runs", [])
        if row["started_at"]:
            queue["_waits"].append(
                (row["started_at"] - row["enqueued_at"]).total_seconds()
            )
        if row["started_at"] and row["finished_at"]:
            queue["_runs"].append(
                (row["finished_at"] - row["started_at"]).total_seconds()
            )
    for queue in report.values():
        queue["tasks"] = sorted(queue["tasks"])
        queue["waiting_when_load_stopped"] = queue.pop("waiting")
        queue["wait_for_worker"] = _spread(queue.pop("_waits"))
        queue["run"] = _spread(queue.pop("_runs"))
    return dict(sorted(report.items()))


def routing(timeline: list, stop: dict | None, ports: dict) -> dict | None:
    """The requests around the app server stopped halfway.

    ``stop`` holds when the stop signal went out (``signalled``) and when the server had
    exited (``exited``), as epoch seconds. Each timeline entry is ``[started, status,
    upstream, failed]``; ``upstream`` is nginx's ``$upstream_addr``: one address, or
    several when nginx tried one server and then the next.
    """
    if not stop:
        return None
    stopped = f"127.0.0.1:{ports['second']}"
    running = f"127.0.0.1:{ports['first']}"

    def served_by(upstream: str) -> str:
        return upstream.split(", ")[-1] if upstream else ""

    before = [t for t in timeline if t[0] < stop["signalled"]]
    during = [t for t in timeline if stop["signalled"] <= t[0] < stop["exited"]]
    after = [t for t in timeline if t[0] >= stop["exited"]]
    return {
        "stopped_server": stopped,
        "seconds_to_exit": round(stop["exited"] - stop["signalled"], 2),
        "before_stop": {
            "requests": len(before),
            "by_stopped_server": sum(served_by(t[2]) == stopped for t in before),
            "by_other_server": sum(served_by(t[2]) == running for t in before),
            "failed": sum(t[3] for t in before),
        },
        "while_stopping": {
            "requests": len(during),
            "failed": sum(t[3] for t in during),
            "by_stopped_server": sum(served_by(t[2]) == stopped for t in during),
            "by_other_server": sum(served_by(t[2]) == running for t in during),
            "retried_on_other_server": sum(", " in t[2] for t in during),
        },
        "after_exit": {
            "requests": len(after),
            "succeeded": sum(not t[3] for t in after),
            "failed": sum(t[3] for t in after),
            "5xx": sum(t[1] >= 500 for t in after),
            "by_stopped_server": sum(served_by(t[2]) == stopped for t in after),
            "by_other_server": sum(served_by(t[2]) == running for t in after),
            "retried_on_other_server": sum(", " in t[2] for t in after),
        },
    }


def targets(*, summary: dict, check: dict, timeline: list, routed: dict | None) -> dict:
    """The issue's targets for one crowd, each true when it held."""
    queues_run = check["queues"]
    found = {
        "no_5xx": sum(t[1] >= 500 for t in timeline) == 0,
        "no_other_failure": summary["failures"] == 0,
        "only_expected_409s": check["conflicts_409_unexplained"] == 0,
        "only_expected_verdict_refusals": check["verdict_refusals_403_unexplained"]
        == 0,
        "no_acknowledged_write_missing": not (
            check["annotations_missing"]
            or check["status_changes_lost"]
            or check["comments_missing"]
            or check["revisions_missing"]
        ),
        "versions_gapless": not (
            check["claims_with_version_gaps"] or check["versions_written_twice"]
        ),
        "checks_and_predrawing_ran_under_load": all(
            queues_run.get(name, {}).get("succeeded", 0) > 0
            for name in ("checks", "drawing")
        ),
        "no_failed_task": check["failed_tasks"] == 0,
        "queue_drained_within_30s": check["queue_drained_after_seconds"] is not None,
    }
    if routed is not None:
        # From the stop signal on: while the server finishes what it has in flight it
        # takes nothing new (nginx finds its port closed and tries the other), and once
        # it has exited nothing can come from it. Every request begun since succeeds.
        stopping, after = routed["while_stopping"], routed["after_exit"]
        found["nginx_routed_around_stopped_server"] = (
            routed["before_stop"]["by_stopped_server"] > 0
            and stopping["requests"] + after["requests"] > 0
            and stopping["failed"] + after["failed"] == 0
            and after["by_stopped_server"] == 0
        )
    return found
