"""Reads of background work: export jobs, checks still queued, failed tasks."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.http import Http404
from django_tasks import task_backends
from django_tasks.base import TaskResultStatus

from editorial.models import ExportJob

#: The task that runs the checks on one source (``editorial.checks.tasks``).
CHECK_TASK = "editorial.checks.tasks.check_source"
PENDING = [TaskResultStatus.READY, TaskResultStatus.RUNNING]


def uses_database_queue() -> bool:
    """Whether tasks wait in the database (django-tasks-db) rather than run at once."""
    from django_tasks_db import DatabaseBackend

    return isinstance(task_backends["default"], DatabaseBackend)


def task_results() -> QuerySet:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.all()


def checks_pending(*, source_id: int) -> bool:
    """Whether the checks on ``source_id`` are queued or running (retries included)."""
    if not uses_database_queue():
        return False
    return (
        task_results()
        .filter(
            task_path=CHECK_TASK,
            status__in=PENDING,
            args_kwargs__args__0=source_id,
        )
        .exists()
    )


def failed_tasks(*, limit: int = 100) -> list:
    """The latest failed task results, newest first."""
    if not uses_database_queue():
        return []
    return list(
        task_results()
        .filter(status=TaskResultStatus.FAILED)
        .order_by("-finished_at")[:limit]
    )


def queue_counts() -> list[dict]:
    """Per queue: how many tasks wait, run, failed and succeeded."""
    if not uses_database_queue():
        return []
    rows = task_results().values("queue_name", "status").annotate(n=Count("id"))
    queues: dict[str, dict] = {}
    for row in rows:
        queue = queues.setdefault(row["queue_name"], {"queue": row["queue_name"]})
        queue[row["status"].lower()] = row["n"]
    return [queues[name] for name in sorted(queues)]


def export_job_for(*, user, pk: int) -> ExportJob:
    """The export job ``pk`` if ``user`` asked for it or is staff; 404 otherwise (so a
    stranger learns nothing of other people's exports)."""
    jobs = ExportJob.objects.select_related("requested_by")
    if not user.is_staff:
        jobs = jobs.filter(requested_by=user)
    job = jobs.filter(pk=pk).first()
    if job is None:
        raise Http404("No such export of yours.")
    return job


def export_jobs_for(*, user, limit: int = 10) -> QuerySet[ExportJob]:
    return ExportJob.objects.filter(requested_by=user).order_by("-created_at", "-id")[
        :limit
    ]


def recent_export_jobs(*, limit: int = 50) -> QuerySet[ExportJob]:
    return ExportJob.objects.select_related("requested_by").order_by(
        "-created_at", "-id"
    )[:limit]
