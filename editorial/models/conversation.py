"""The desk's conversation: comments in threads, who follows what, and the inbox.

A comment is about exactly one claim, highlight or dispute; a reply hangs under a
comment of the same thread (one level deep). Removing a comment keeps its row, so the
thread still says "comment removed by X", and its words stay in history.

A follow points at what it follows through a generic relation, so a claim, a source,
a dispute or a story (when sources gains one) are followed the same way, and deleting
what was followed never cascades into rows without history.

Notifications are each person's inbox, not editorial records: they are derived from
events that are themselves in history, so they keep no history of their own.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .base import UidModel
from .claims import Claim
from .disputes import Dispute
from .highlights import Highlight

#: The longest comment the desk keeps, in characters.
COMMENT_MAX_CHARS = 5000


class Comment(UidModel):
    """Words an editor wrote about a claim, a highlight or a dispute."""

    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    highlight = models.ForeignKey(
        Highlight,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
    )
    dispute = models.ForeignKey(
        Dispute,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        help_text="The comment this one replies to; replies are one level deep.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(max_length=COMMENT_MAX_CHARS, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    #: Set by every write, so a page's live stamp sees edits and removals.
    updated_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(claim__isnull=False, highlight__isnull=True, dispute__isnull=True)
                    | Q(
                        claim__isnull=True,
                        highlight__isnull=False,
                        dispute__isnull=True,
                    )
                    | Q(
                        claim__isnull=True,
                        highlight__isnull=True,
                        dispute__isnull=False,
                    )
                ),
                name="comment_about_one_thing",
            ),
        ]
        indexes = [
            models.Index(fields=["claim", "created_at"], name="comment_claim_idx"),
            models.Index(
                fields=["highlight", "created_at"], name="comment_highlight_idx"
            ),
            models.Index(fields=["dispute", "created_at"], name="comment_dispute_idx"),
        ]

    def __str__(self):
        return f"comment {self.pk} by user {self.author_id}"

    def clean(self):
        super().clean()
        if self.removed_at is None and not self.body.strip():
            raise ValidationError({"body": "Write the comment before posting it."})

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class Follow(UidModel):
    """Someone follows a claim, a source, a dispute or a story, to hear of its changes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="follow_once"
            )
        ]
        indexes = [
            models.Index(
                fields=["content_type", "object_id"], name="follow_subject_idx"
            )
        ]

    def __str__(self):
        return f"user {self.user_id} follows {self.content_type_id}:{self.object_id}"


class Notification(models.Model):
    """One line in someone's inbox: who did what, and the page where it happened."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(max_length=40)
    summary = models.CharField(max_length=300)
    url = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["recipient", "read_at", "created_at"],
                name="notification_inbox_idx",
            )
        ]

    def __str__(self):
        return self.summary
