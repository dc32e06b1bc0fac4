"""Writes for background work: asking for an export, and staff retrying a failed task."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core import roles
from editorial.models import ExportJob

#: An editor's exports waiting or running at once; more are refused until one ends.
MAX_OPEN_JOBS = 3


@transaction.atomic
def export_job_request(*, user, kind: str, base_url: str = "") -> ExportJob:
    """Ask for an export; a worker makes it (``editorial.exports.tasks.run_export``).

    The fixtures with history hold every record of the desk, so only reviewers may
    ask for them (as for the direct download); the annotations are for anyone on the
    desk.
    """
    from editorial.exports.tasks import run_export

    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied("Log in to export.")
    if kind not in ExportJob.Kind.values:
        raise ValidationError({"kind": "Choose one of the exports listed."})
    if kind == ExportJob.Kind.FIXTURES_HISTORY and not roles.is_reviewer(user):
        raise PermissionDenied(
            "Only reviewers can export the desk's fixtures: they hold every record."
        )
    open_jobs = ExportJob.objects.filter(
        requested_by=user,
        status__in=[ExportJob.Status.QUEUED, ExportJob.Status.RUNNING],
    ).count()
    if open_jobs >= MAX_OPEN_JOBS:
        raise ValidationError(
            f"You have {open_jobs} exports waiting or running; wait for one to finish."
        )
    job = ExportJob(kind=kind, requested_by=user, base_url=base_url[:500])
    job.full_clean()
    job.save()
    job_id = job.pk
    transaction.on_commit(lambda: run_export.enqueue(job_id))
    return job


def task_retry(*, user, result_id) -> object:
    """Staff: run a failed task again, from its first attempt, with the same arguments.

    Returns the new task result. A task that did not fail is refused (it is waiting,
    running, or done).
    """
    from django_tasks.base import TaskResultStatus

    from editorial.jobs.selectors import task_results

    if not (getattr(user, "is_staff", False) and user.is_active):
        raise PermissionDenied("Only staff can retry background tasks.")
    result = task_results().filter(pk=result_id).first()
    if result is None:
        raise ValidationError("There is no such task.")
    if result.status != TaskResultStatus.FAILED:
        raise ValidationError("Only a failed task can be retried.")
    try:
        task = result.task
    except Exception as error:  # its code moved or went: say so, change nothing
        raise ValidationError(f"This task can no longer be run: {error}") from error
    args = result.args_kwargs.get("args", [])
    kwargs = {k: v for k, v in result.args_kwargs.get("kwargs", {}).items()}
    kwargs.pop("attempt", None)
    if task.module_path == "editorial.exports.tasks.run_export" and args:
        ExportJob.objects.filter(pk=args[0]).update(
            status=ExportJob.Status.QUEUED, error=""
        )
    with transaction.atomic():
        return task.enqueue(*args, **kwargs)
