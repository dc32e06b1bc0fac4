"""Background tasks are tried again with backoff, a bounded number of times."""

import datetime

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.utils import timezone
from django_tasks import task_backends
from django_tasks.base import TaskResultStatus

from editorial.jobs import retry
from tests.editorial.jobs.flaky import flaky

QUEUES = ["default", "checks", "drawing", "exports", "webhooks"]
DUMMY = {
    "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": QUEUES}
}


@pytest.fixture(autouse=True)
def _fresh_counts():
    caches["default"].clear()


def test_the_wait_grows_four_times_each_attempt_and_is_bounded():
    assert [retry.backoff(n).total_seconds() for n in (2, 3, 4)] == [5, 20, 80]
    assert retry.backoff(20) == retry.MAX_WAIT


def test_a_failing_task_is_tried_again_until_it_succeeds():
    result = flaky.enqueue("twice", 2)
    assert result.status == TaskResultStatus.FAILED  # the first attempt, recorded
    assert caches["default"].get("twice") == 3  # two failures, then success


def test_retries_stop_after_the_last_attempt():
    flaky.enqueue("always", 100)
    assert caches["default"].get("always") == retry.MAX_ATTEMPTS


@override_settings(TASKS=DUMMY)
def test_a_failed_attempt_is_queued_again_later_with_its_attempt_number():
    backend = task_backends["default"]
    before = timezone.now()
    with pytest.raises(RuntimeError):
        flaky.call("later", 5)
    [queued] = backend.results
    assert queued.kwargs == {"attempt": 2}
    assert queued.args == ["later", 5]
    wait = queued.task.run_after - before
    assert datetime.timedelta(seconds=4) < wait < datetime.timedelta(seconds=7)

    backend.clear()
    with pytest.raises(RuntimeError):
        flaky.call("later", 5, attempt=retry.MAX_ATTEMPTS)
    assert backend.results == []  # the last attempt waits for staff
