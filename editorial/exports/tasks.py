"""Large exports as background work (the ``exports`` queue): the fixtures zip with
history and every highlight as one W3C annotation file.

An ``ExportJob`` row says what was asked and how far the worker got; the export page
polls it (``editorial.jobs``) and offers the file when it is done. The task is
idempotent: a job already done is left alone, and a retried one writes its file again
from the start under a temporary name, renamed into place only when complete.
"""

from __future__ import annotations

import secrets
import tempfile
import time
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from editorial.exports import annotations
from editorial.exports import selectors as export_selectors
from editorial.exports.fixtures_export import (
    HISTORY_FILE,
    KINDS,
    export_desk,
    history_models,
)
from editorial.exports.jsonld import jsonld_text
from editorial.jobs.retry import retrying_task
from editorial.models import ExportJob

#: Highlights read per query for the annotation export.
CHUNK = 500
#: At most one progress write per this many seconds.
PROGRESS_EVERY = 0.5


def export_folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "exports"


class Progress:
    """Keeps the job's ``done``/``total``/``step`` current, a write at most twice a second."""

    def __init__(self, job: ExportJob, total: int):
        self.job, self.last = job, 0.0
        ExportJob.objects.filter(pk=job.pk).update(total=total, done=0)

    def __call__(self, done: int, step: str, *, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self.last >= PROGRESS_EVERY:
            self.last = now
            ExportJob.objects.filter(pk=self.job.pk).update(done=done, step=step[:300])


def _model_rows(models) -> int:
    return sum(model._default_manager.count() for model in models)


def write_fixtures_zip(path: Path, job: ExportJob) -> None:
    """The fixtures with history, zipped into ``path`` (as ``export_fixtures`` writes)."""
    plan = [kind.models() for kind in KINDS if kind.models()] + [history_models()]
    progress = Progress(job, sum(_model_rows(models) for models in plan))
    finished: dict[tuple[str, str], int] = {}

    def report(name, label, done, total):
        finished[(name, label)] = done
        progress(sum(finished.values()), f"{name}: {label} ({done} of {total})")

    with tempfile.TemporaryDirectory() as folder:
        written = export_desk(Path(folder), with_history=True, progress=report)
        progress(sum(finished.values()), "Zipping the files", force=True)
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
            for item in written:
                zipped.write(item.path, arcname=item.path.name)
    assert any(item.path.name == HISTORY_FILE for item in written)


def write_annotations(path: Path, job: ExportJob) -> None:
    """Every highlight on its source's current text as one W3C AnnotationCollection
    whose single page holds them all, read and written a chunk at a time."""
    highlights = export_selectors.highlights_for_export()
    total = highlights.count()
    progress = Progress(job, total)
    urls = annotations.DeskUrls(base=job.base_url or "http://localhost/")
    collection_id = urls.absolute("/export/annotations.jsonld")
    label = f"Highlights of {settings.EDITORIAL_ORGANISATION}"
    head = {
        "@context": annotations.ANNO_CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": label,
        "total": total,
    }
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(jsonld_text(head)[:-1])
        page_id = jsonld_text(annotations.page_url(collection_id, 1))
        stream.write(
            f', "first": {{"id": {page_id}, "type": "AnnotationPage", '
            '"startIndex": 0, "items": ['
        )
        done = last_pk = 0
        ordered = highlights.order_by("pk")
        while True:
            chunk = list(ordered.filter(pk__gt=last_pk)[:CHUNK])
            if not chunk:
                break
            for highlight in chunk:
                item = annotations.highlight_annotation(highlight, urls, context=False)
                stream.write(("\n" if done == 0 else ",\n") + jsonld_text(item))
                done += 1
            last_pk = chunk[-1].pk
            progress(done, f"{done} of {total} annotations")
        stream.write("\n]}}\n")


WRITERS = {
    ExportJob.Kind.FIXTURES_HISTORY: (write_fixtures_zip, "zip"),
    ExportJob.Kind.ANNOTATIONS: (write_annotations, "jsonld"),
}


@retrying_task(queue_name="exports")
def run_export(job_id: int) -> dict:
    """Make the export ``job_id`` asks for; a job done or gone is left alone."""
    job = ExportJob.objects.filter(pk=job_id).first()
    if job is None or job.status == ExportJob.Status.DONE:
        return {"job": job_id, "skipped": True}
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.RUNNING, attempts=job.attempts + 1, error=""
    )
    writer, suffix = WRITERS[job.kind]
    folder = export_folder()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{job.kind}-{job.pk}-{secrets.token_hex(8)}.{suffix}"
    partial = folder / f".{name}.part"
    try:
        writer(partial, job)
        partial.replace(folder / name)
    except Exception as error:
        partial.unlink(missing_ok=True)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        raise
    job.refresh_from_db()
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.DONE,
        file_name=name,
        done=job.total,
        step=f"All {job.total} written",
        finished_at=timezone.now(),
    )
    return {"job": job_id, "file": name}
