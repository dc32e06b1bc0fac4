"""Disputes: questions that claims answer differently, and the claims compared."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .base import UidModel
from .claims import Claim


class DisputeStatus(models.TextChoices):
    OPEN = "open", "Open"
    RESOLVED = "resolved", "Resolved"


class Dispute(UidModel):
    """A question that claims answer differently, open until a reviewer resolves it."""

    Status = DisputeStatus

    question = models.TextField(max_length=1000)
    status = models.CharField(
        max_length=20, choices=DisputeStatus.choices, default=DisputeStatus.OPEN
    )
    resolution_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    claims = models.ManyToManyField(
        Claim, through="DisputeClaim", related_name="disputes"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "resolved"]),
                name="dispute_status_known",
            ),
        ]

    def __str__(self):
        return self.question if len(self.question) <= 80 else self.question[:77] + "..."

    def clean(self):
        super().clean()
        if not self.question.strip():
            raise ValidationError(
                {"question": "Write the question the claims answer differently."}
            )


class DisputeClaim(UidModel):
    """A claim's position in a dispute: one answer among those compared.

    Named ``DisputeClaim`` for its table and fixture label (``editorial.disputeclaim``);
    everywhere else it is a position.
    """

    dispute = models.ForeignKey(
        Dispute, on_delete=models.CASCADE, related_name="positions"
    )
    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="dispute_positions"
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
        verbose_name = "position"
        verbose_name_plural = "positions"
        ordering = ["dispute_id", "added_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dispute", "claim"], name="dispute_claim_unique"
            )
        ]

    def __str__(self):
        return f"dispute {self.dispute_id}: claim {self.claim_id}"
