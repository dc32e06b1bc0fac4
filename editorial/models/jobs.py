"""Large exports made in the background: what was asked, by whom, and how far it got."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ExportJob(models.Model):
    """One export asked for on the export page, made by a worker (``exports`` queue).

    A scratch row, not a record: no history (like ``PendingImport``). Its file lies in
    ``MEDIA_ROOT/exports/`` under a name only this row knows; only the user who asked
    and staff may download it (``editorial.jobs.views``).
    """

    class Kind(models.TextChoices):
        FIXTURES_HISTORY = "fixtures-history", "Fixtures with history (zip)"
        ANNOTATIONS = "annotations", "Every highlight as W3C annotations (JSON-LD)"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for a worker"
        RUNNING = "running", "Running"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=32, choices=Kind.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs"
    )
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    #: Where the links in an annotation export point (the desk's address as asked).
    base_url = models.CharField(max_length=500, blank=True)
    step = models.CharField(max_length=300, blank=True)
    done = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(default=0)
    file_name = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0
