"""Background work on the desk: export jobs, the checks' status, and the staff Jobs page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from core.views import error_text
from editorial.checks import selectors as check_selectors
from editorial.exports.tasks import export_folder
from editorial.jobs import selectors, services
from editorial.models import ExportJob
from sources.models import Source


def _require_staff(request) -> None:
    if not request.user.is_staff:
        raise PermissionDenied("Only staff see the background tasks.")


@login_required
@require_safe
def checks_status(request, pk):
    """The reader's poll: are the checks on this source still running, and how many
    suggestions are open now."""
    source = get_object_or_404(Source.objects.only("pk"), pk=pk)
    counts = check_selectors.suggestion_counts(source=source)
    return JsonResponse(
        {
            "running": selectors.checks_pending(source_id=source.pk),
            "open": counts.get("open", 0),
        }
    )


@login_required
@require_POST
def export_start(request):
    try:
        job = services.export_job_request(
            user=request.user,
            kind=request.POST.get("kind", ""),
            base_url=request.build_absolute_uri("/"),
        )
    except ValidationError as error:
        messages.error(request, f"Not started: {error_text(error)}")
        return redirect("export:index")
    return redirect("jobs:export", pk=job.pk)


def _job_state(job: ExportJob) -> dict:
    return {
        "status": job.status,
        "label": job.get_status_display(),
        "step": job.step,
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "error": job.error if job.status == ExportJob.Status.FAILED else "",
    }


@login_required
@require_safe
def export_job(request, pk):
    job = selectors.export_job_for(user=request.user, pk=pk)
    return render(
        request,
        "editorial/jobs/export_job.html",
        {"job": job, "state": _job_state(job)},
    )


@login_required
@require_safe
def export_job_status(request, pk):
    return JsonResponse(_job_state(selectors.export_job_for(user=request.user, pk=pk)))


@login_required
@require_safe
def export_job_download(request, pk):
    job = selectors.export_job_for(user=request.user, pk=pk)
    path = export_folder() / job.file_name
    if job.status != ExportJob.Status.DONE or not job.file_name or not path.is_file():
        raise Http404("This export is not ready.")
    suffix = path.suffix
    return FileResponse(
        open(path, "rb"),
        as_attachment=True,
        filename=f"editorial-{job.kind}-{job.created_at:%Y%m%d-%H%M%S}{suffix}",
        content_type="application/zip"
        if suffix == ".zip"
        else "application/ld+json; charset=utf-8",
    )


@login_required
@require_safe
def job_list(request):
    """Staff: the queues, the failed tasks with their errors, and the recent exports."""
    _require_staff(request)
    return render(
        request,
        "editorial/jobs/job_list.html",
        {
            "queued": selectors.uses_database_queue(),
            "queues": selectors.queue_counts(),
            "failed": selectors.failed_tasks(),
            "exports": selectors.recent_export_jobs(),
        },
    )


@login_required
@require_POST
def task_retry(request, result_id):
    _require_staff(request)
    try:
        services.task_retry(user=request.user, result_id=result_id)
    except ValidationError as error:
        messages.error(request, f"Not retried: {error_text(error)}")
    else:
        messages.success(request, "Queued again from its first attempt.")
    return redirect("jobs:list")
