"""The load test's report on the stopped app server, and its targets (no database)."""

from tests.benchmarks import topology_report

PORTS = {"first": 8001, "second": 8002}
STOP = {"signalled": 100.0, "exited": 102.0}
FIRST, SECOND = "127.0.0.1:8001", "127.0.0.1:8002"


def timeline(*after):
    before = [[90.0, 200, FIRST, False], [91.0, 200, SECOND, False]]
    during = [[101.0, 200, SECOND, False]]
    return [*before, *during, *after]


def clean_check(**changes):
    check = {
        "conflicts_409_unexplained": 0,
        "verdict_refusals_403_unexplained": 0,
        "annotations_missing": 0,
        "status_changes_lost": 0,
        "comments_missing": 0,
        "revisions_missing": 0,
        "claims_with_version_gaps": 0,
        "versions_written_twice": 0,
        "failed_tasks": 0,
        "queue_drained_after_seconds": 0.0,
        "queues": {"checks": {"succeeded": 3}, "drawing": {"succeeded": 9}},
    }
    return {**check, **changes}


def targets(entries, **changes):
    return topology_report.targets(
        summary={"failures": 0},
        check=clean_check(**changes),
        timeline=entries,
        routed=topology_report.routing(entries, STOP, PORTS),
    )


def test_requests_after_the_exit_all_served_by_the_other_server_pass():
    entries = timeline(
        [103.0, 200, FIRST, False], [104.0, 201, f"{SECOND}, {FIRST}", False]
    )
    routed = topology_report.routing(entries, STOP, PORTS)
    assert routed["before_stop"]["by_stopped_server"] == 1
    assert routed["while_stopping"]["by_stopped_server"] == 1
    assert routed["after_exit"] == {
        "requests": 2,
        "succeeded": 2,
        "failed": 0,
        "5xx": 0,
        "by_stopped_server": 0,
        "by_other_server": 2,
        "retried_on_other_server": 1,
    }
    assert all(targets(entries).values())


def test_a_failure_after_the_exit_fails_the_routing_target():
    found = targets(timeline([103.0, 502, FIRST, True]))
    assert found["nginx_routed_around_stopped_server"] is False
    assert found["no_5xx"] is False


def test_a_failure_while_the_server_stops_fails_the_routing_target():
    entries = [*timeline(), [101.5, 502, f"{SECOND}, {FIRST}", True]]
    assert targets(entries)["nginx_routed_around_stopped_server"] is False


def test_no_request_after_the_stop_proves_nothing_about_routing():
    entries = [[90.0, 200, FIRST, False], [91.0, 200, SECOND, False]]
    assert targets(entries)["nginx_routed_around_stopped_server"] is False


def test_a_run_without_a_stop_has_no_routing_target():
    found = topology_report.targets(
        summary={"failures": 0}, check=clean_check(), timeline=timeline(), routed=None
    )
    assert "nginx_routed_around_stopped_server" not in found
    assert all(found.values())


def test_a_load_that_queued_no_checks_does_not_show_them_keeping_up():
    found = targets(
        timeline([103.0, 200, FIRST, False]), queues={"drawing": {"succeeded": 4}}
    )
    assert found["checks_and_predrawing_ran_under_load"] is False


def test_an_unexplained_409_or_verdict_refusal_fails_its_target():
    entries = timeline([103.0, 200, FIRST, False])
    assert targets(entries, conflicts_409_unexplained=1)["only_expected_409s"] is False
    assert (
        targets(entries, verdict_refusals_403_unexplained=1)[
            "only_expected_verdict_refusals"
        ]
        is False
    )
