"""Articles read on the import page, waiting for the editor's review: scratch rows."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class PendingImport(models.Model):
    """One article read from an upload or a pasted text, until it is saved or dropped.

    A scratch row, not a record: no history (``editorial.history.audit`` checks only
    models with history), deleted when the review is saved, when the editor starts
    again, and after ``EDITORIAL_PENDING_IMPORT_HOURS`` (on each visit to the import
    page and by ``manage.py expire_pending_imports``). Kept out of the session, whose
    row would otherwise carry every text read.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="pending_imports",
    )
    batch = models.CharField(max_length=32, db_index=True)
    token = models.CharField(max_length=32, unique=True)
    body = models.TextField()
    metadata = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.metadata.get("title") or self.token
