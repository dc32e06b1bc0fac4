"""Tasks for the tests of retries: they fail as many times as the test says."""

from django.core.cache import caches

from editorial.jobs.retry import retrying_task


@retrying_task(queue_name="default")
def flaky(key: str, failures: int) -> int:
    """Fails the first ``failures`` calls for ``key``, then returns how many it took."""
    cache = caches["default"]
    calls = cache.get(key, 0) + 1
    cache.set(key, calls)
    if calls <= failures:
        raise RuntimeError(f"call {calls} of {key} failed")
    return calls
