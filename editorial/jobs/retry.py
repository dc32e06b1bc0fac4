"""Tasks that try again: bounded attempts, each later than the last.

django-tasks runs a task once; a task that fails stays failed. The desk's background
work (checks, pre-drawing, exports, webhook deliveries) meets passing trouble (a
locked SQLite file, a restarted database, a receiver that is down), so each task is
declared with :func:`retrying_task`: when it raises, it enqueues itself again with
``attempt`` one higher, ``run_after`` :func:`backoff` later (on a backend that can
defer; the immediate backend runs the next attempt at once), and re-raises so the
failed attempt is recorded with its error (the Jobs page, ``/jobs/``, lists it). After
``attempts`` tries it stops: the last failure waits for staff to retry it.

Tasks are idempotent (running one twice leaves the desk as running it once), so a retry,
a duplicate enqueue or a staff retry is always safe. They take ids, never instances.
"""

from __future__ import annotations

import datetime
import functools
import logging

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

#: How many times a task is tried before it waits for staff.
MAX_ATTEMPTS = 4
#: The first wait, then 4 times longer each time (5 s, 20 s, 80 s), at most MAX_WAIT.
FIRST_WAIT = datetime.timedelta(seconds=5)
MAX_WAIT = datetime.timedelta(minutes=10)


def backoff(attempt: int) -> datetime.timedelta:
    """How long to wait before ``attempt`` (2, 3, …): 5 s, then 4 times longer each time."""
    return min(MAX_WAIT, FIRST_WAIT * 4 ** max(0, attempt - 2))


def enqueue_retry(the_task, args: tuple, kwargs: dict, attempt: int):
    """Enqueue ``attempt`` of ``the_task`` after its backoff (at once if the backend
    cannot defer)."""
    runner = the_task
    if the_task.get_backend().supports_defer:
        runner = the_task.using(run_after=timezone.now() + backoff(attempt))
    return runner.enqueue(*args, attempt=attempt, **kwargs)


def retrying_task(*, queue_name: str, attempts: int = MAX_ATTEMPTS):
    """``@task(queue_name=...)`` for a function that is retried with backoff.

    The task takes one more keyword, ``attempt`` (1 for the first try); the function
    itself never sees it.
    """

    def decorate(function):
        @functools.wraps(function)
        def run(*args, attempt: int = 1, **kwargs):
            try:
                return function(*args, **kwargs)
            except Exception:
                if attempt < attempts:
                    logger.warning(
                        "%s failed (attempt %s of %s); trying again later",
                        the_task.name,
                        attempt,
                        attempts,
                        exc_info=True,
                    )
                    try:
                        enqueue_retry(the_task, args, kwargs, attempt + 1)
                    except Exception:  # the first error is the one to record
                        logger.exception("Could not enqueue the next attempt")
                else:
                    logger.exception(
                        "%s failed %s times; it waits for staff to retry it (/jobs/).",
                        the_task.name,
                        attempts,
                    )
                raise

        the_task = task(queue_name=queue_name)(run)
        return the_task

    return decorate
