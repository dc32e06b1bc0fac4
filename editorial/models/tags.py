"""Tags: free-form labels editors put on claims and sources ("elections", "needs-translation").

A tag is never a status: it says what a claim or source is about or needs, not whether it
is true. Each tagging is its own row with history, so adding or taking off a tag is in
the record with its author and reason.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .base import UidModel
from .claims import Claim


class Tag(UidModel):
    """One normalised label: lower case, single spaces, at most 50 characters."""

    name = models.CharField(max_length=50, unique=True)
    slug = models.SlugField(max_length=60, unique=True, allow_unicode=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ClaimTag(UidModel):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="taggings")
    tag = models.ForeignKey(
        Tag, on_delete=models.PROTECT, related_name="claim_taggings"
    )
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["tag__name"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "tag"], name="claim_tag_once")
        ]

    def __str__(self):
        return f"{self.tag} on claim “{self.claim}”"


class SourceTag(UidModel):
    source = models.ForeignKey(
        "sources.Source", on_delete=models.CASCADE, related_name="taggings"
    )
    tag = models.ForeignKey(
        Tag, on_delete=models.PROTECT, related_name="source_taggings"
    )
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["tag__name"]
        constraints = [
            models.UniqueConstraint(fields=["source", "tag"], name="source_tag_once")
        ]

    def __str__(self):
        return f"{self.tag} on “{self.source}”"
