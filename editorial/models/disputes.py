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


class DisputeResolution(models.TextChoices):
    """How a reviewer settled a dispute (blank while it is open)."""

    ONE_RIGHT = "one_right", "One position is right"
    EACH_AT_ITS_DATE = "each_at_its_date", "Each right at its date"
    CANNOT_BE_SETTLED = "cannot_be_settled", "Cannot be settled"


class Dispute(UidModel):
    """A question that claims answer differently, open until a reviewer resolves it."""

    Status = DisputeStatus
    Resolution = DisputeResolution

    question = models.TextField(max_length=1000)
    status = models.CharField(
        max_length=20, choices=DisputeStatus.choices, default=DisputeStatus.OPEN
    )
    resolution = models.CharField(
        "how it was settled",
        max_length=20,
        choices=DisputeResolution.choices,
        blank=True,
        help_text="Blank while the dispute is open.",
    )
    resolution_note = models.TextField("reason for the resolution", blank=True)
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
            models.CheckConstraint(
                condition=Q(resolution__in=["", *DisputeResolution.values]),
                name="dispute_resolution_known",
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
    verified_as_of = models.DateField(
        "verified as of",
        null=True,
        blank=True,
        help_text=(
            "Set when the dispute is settled as “each right at its date”: the date "
            "this position was right (its source's date)."
        ),
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
