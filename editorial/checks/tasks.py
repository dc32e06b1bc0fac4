"""The checks as background work: after an import or a new revision, on the ``checks``
queue, so the request that imports or revises never waits for them.

The task is idempotent: ``checks_run`` stores a finding once per source and words
(its fingerprint), so a retry or a second enqueue adds nothing already there.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model

from core import roles
from editorial.checks.services import runs
from editorial.jobs.retry import retrying_task
from sources.models import Source

logger = logging.getLogger(__name__)


@retrying_task(queue_name="checks")
def check_source(
    source_id: int, user_id: int | None = None, reason: str = "Checks after import"
) -> dict:
    """Run the checks on one source as ``user_id`` (the ``system`` account when that
    user is gone or no longer an editor); a source deleted meanwhile is skipped."""
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        return {"source": source_id, "skipped": "the source no longer exists"}
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    if user is None or not roles.is_editor(user):
        user = roles.system_user()
    try:
        report = runs.checks_run(user=user, sources=[source], reason=reason)
    except Exception:
        logger.exception(
            "The consistency checks failed on source %s; the import stands. They are "
            "tried again; `manage.py check_sources %s` runs them by hand.",
            source_id,
            source_id,
        )
        raise
    return {"source": source_id, "created": report.total_created}
