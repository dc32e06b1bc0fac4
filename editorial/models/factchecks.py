"""Published fact checks: a claim with a verdict, shown to the public, and its updates."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .base import UidModel
from .claims import Claim


class ClaimantKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"


class FactCheck(UidModel):
    """A claim's verdict as the public reads it, at ``/fact-checks/<slug>/``.

    The rating and the explanation are the claim's own (its status and verdict note),
    read when the page is shown, so a later change of verdict reaches the public page
    as a correction. The slug never changes once the fact check is first published.
    """

    ClaimantKind = ClaimantKind

    claim = models.OneToOneField(
        Claim, on_delete=models.CASCADE, related_name="fact_check"
    )
    slug = models.SlugField(max_length=120, unique=True)
    headline = models.CharField(max_length=200)
    summary = models.TextField(
        max_length=2000,
        help_text="A short summary for readers; the verdict note by default.",
    )
    claimant = models.CharField(
        max_length=200, help_text="Who made the claim: a person or an organisation."
    )
    claimant_kind = models.CharField(
        max_length=20, choices=ClaimantKind.choices, default=ClaimantKind.PERSON
    )
    claim_date = models.DateField(help_text="When the claimant made the claim.")
    is_public = models.BooleanField(default=True)
    published_at = models.DateTimeField(default=timezone.now)
    modified_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField(
        default=1, help_text="Raised by every save; guards against lost updates."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(claimant_kind__in=ClaimantKind.values),
                name="fact_check_claimant_kind_known",
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="fact_check_version_positive"
            ),
        ]
        indexes = [
            models.Index(
                fields=["is_public", "-published_at"], name="fact_check_public_newest"
            )
        ]

    def __str__(self):
        return self.headline

    def clean(self):
        super().clean()
        errors = {}
        for name, message in [
            ("headline", "Write a headline for readers."),
            ("summary", "Write a short summary of the verdict for readers."),
            ("claimant", "Name who made the claim: a person or an organisation."),
        ]:
            if not getattr(self, name).strip():
                errors[name] = message
        if errors:
            raise ValidationError(errors)


class FactCheckUpdate(UidModel):
    """A change to a published fact check that readers are told about, with its date."""

    fact_check = models.ForeignKey(
        FactCheck, on_delete=models.CASCADE, related_name="updates"
    )
    note = models.TextField(
        max_length=2000, help_text="What changed, as readers will read it."
    )
    made_at = models.DateTimeField(default=timezone.now)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["fact_check_id", "made_at", "id"]

    def __str__(self):
        return f"Updated on {self.made_at:%Y-%m-%d}: {self.note[:60]}"
