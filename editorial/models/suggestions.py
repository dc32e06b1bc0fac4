"""Suggestions: problems the checks propose, accepted or dismissed by an editor."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sources.models import Revision, Source

from .base import UidModel
from .claims import Claim, Stance
from .disputes import Dispute
from .highlights import Highlight


class SuggestionStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACCEPTED = "accepted", "Accepted"
    DISMISSED = "dismissed", "Dismissed"


class SuggestionKind(models.TextChoices):
    ANACHRONISM = "anachronism", "Office anachronism"
    FIGURES = "figures", "Conflicting figures"
    IDENTITY = "identity", "Conflicting identities"
    RESTATED = "restated", "Known claim restated"


class Suggestion(UidModel):
    """A problem a check proposes: the words to highlight, the claim, its evidence.

    An editor accepts it (the highlight, claim and evidence are made through the
    services) or dismisses it with a reason. Its ``fingerprint`` (kind and words in
    context) is unique per source, so a dismissed finding is never proposed again.
    """

    Status = SuggestionStatus
    Kind = SuggestionKind

    kind = models.CharField(max_length=20, choices=SuggestionKind.choices)
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="suggestions"
    )
    revision = models.ForeignKey(
        Revision, on_delete=models.PROTECT, related_name="suggestions"
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    exact = models.TextField("quote")
    statement = models.TextField("proposed claim", max_length=2000)
    explanation = models.TextField()
    stance = models.CharField(
        max_length=20, choices=Stance.choices, default=Stance.ASSERT
    )
    evidence = models.JSONField(
        default=list,
        blank=True,
        help_text="What the finding rests on: citation, note, supports.",
    )
    group = models.CharField(
        max_length=200,
        blank=True,
        help_text="Suggestions sharing a group are the positions of one proposed dispute.",
    )
    question = models.TextField("dispute question", blank=True)
    claim = models.ForeignKey(
        Claim,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
        help_text="The claim restated, or the claim made when accepted.",
    )
    highlight = models.ForeignKey(
        Highlight,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
    )
    dispute = models.ForeignKey(
        Dispute,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
    )
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(
        max_length=20, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN
    )
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["source_id", "start", "end", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "fingerprint"], name="suggestion_once_per_words"
            ),
            models.CheckConstraint(
                condition=Q(start__lt=F("end")), name="suggestion_start_before_end"
            ),
            models.CheckConstraint(
                condition=Q(status__in=SuggestionStatus.values),
                name="suggestion_status_known",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=SuggestionKind.values),
                name="suggestion_kind_known",
            ),
        ]
        indexes = [
            models.Index(fields=["source", "status"], name="suggestion_source_status")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: “{self.exact[:60]}”"
