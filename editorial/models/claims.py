"""Claims, the highlights bearing on them (with their stance) and their evidence."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sources.validators import web_url_validator

from .base import UidModel
from .highlights import Highlight


class ClaimStatus(models.TextChoices):
    UNVERIFIED = "unverified", "Unverified"
    IN_REVIEW = "in_review", "In review"
    VERIFIED = "verified", "Verified"
    DISPUTED = "disputed", "Disputed"
    FALSE = "false", "False"
    MISLEADING = "misleading", "Misleading"
    UNVERIFIABLE = "unverifiable", "Unverifiable"


class Priority(models.IntegerChoices):
    LOW = 1, "Low"
    NORMAL = 2, "Normal"
    HIGH = 3, "High"
    URGENT = 4, "Urgent"


class Claim(UidModel):
    """A statement being checked, with its verification status."""

    Priority = Priority

    Status = ClaimStatus

    #: Statuses that are verdicts: only reviewers give them.
    VERDICTS = frozenset(
        {
            ClaimStatus.VERIFIED,
            ClaimStatus.FALSE,
            ClaimStatus.MISLEADING,
            ClaimStatus.UNVERIFIABLE,
        }
    )

    statement = models.TextField(max_length=2000)
    status = models.CharField(
        max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.UNVERIFIED
    )
    verdict_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_claims",
    )
    priority = models.PositiveSmallIntegerField(
        choices=Priority.choices, default=Priority.NORMAL
    )
    due_on = models.DateField(
        null=True, blank=True, help_text="When the check should be done."
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(
        default=1, help_text="Raised by every save; guards against lost updates."
    )
    highlights = models.ManyToManyField(
        Highlight, through="ClaimHighlight", related_name="claims"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ClaimStatus.values), name="claim_status_known"
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="claim_version_positive"
            ),
        ]
        indexes = [models.Index(fields=["status"], name="claim_status")]

    def __str__(self):
        return (
            self.statement if len(self.statement) <= 80 else self.statement[:77] + "..."
        )

    def clean(self):
        super().clean()
        if not self.statement.strip():
            raise ValidationError({"statement": "Write the statement being checked."})


class Stance(models.TextChoices):
    ASSERT = "assert", "Asserts"
    SUPPORT = "support", "Supports"
    CONTRADICT = "contradict", "Contradicts"
    MENTION = "mention", "Mentions"


class ClaimHighlight(UidModel):
    """Highlighted words bearing on a claim, and how: they assert, support, contradict or mention it."""

    Stance = Stance

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links")
    highlight = models.ForeignKey(
        Highlight, on_delete=models.CASCADE, related_name="links"
    )
    stance = models.CharField(
        max_length=20, choices=Stance.choices, default=Stance.ASSERT
    )
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
        verbose_name = "claim–highlight link"
        ordering = ["claim_id", "highlight_id"]
        indexes = [
            # From a highlight to its claims without reading the link rows (the reader).
            models.Index(fields=["highlight", "claim"], name="link_highlight_claim")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "highlight"], name="claim_highlight_unique"
            ),
            models.CheckConstraint(
                condition=Q(stance__in=Stance.values),
                name="claim_highlight_stance_known",
            ),
        ]

    def __str__(self):
        return f"{self.get_stance_display()}: claim {self.claim_id} ← highlight {self.highlight_id}"


class Evidence(UidModel):
    """A citation that supports or refutes a claim."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(max_length=2000, blank=True, validators=[web_url_validator])
    citation = models.TextField(
        blank=True, help_text="A reference an editor can follow when there is no URL."
    )
    note = models.TextField(blank=True)
    supports = models.BooleanField(
        help_text="True when the evidence supports the claim, False when it refutes it."
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
        verbose_name_plural = "evidence"
        ordering = ["claim_id", "added_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(citation=""),
                name="evidence_has_url_or_citation",
            ),
        ]

    def __str__(self):
        return f"{'Supports' if self.supports else 'Refutes'}: {self.url or self.citation[:60]}"

    def clean(self):
        super().clean()
        if not self.url.strip() and not self.citation.strip():
            raise ValidationError(
                {"citation": "Give a URL or a citation for the evidence."}
            )
