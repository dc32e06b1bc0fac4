"""The desk's editorial records: highlights, claims and their links, evidence and disputes.

Every model keeps full history (django-simple-history). Writes go through
``editorial.services``, which validate, save and record who changed what and why.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from editorial.highlights import spans
from sources.models import Revision, Source
from sources.validators import web_url_validator


class UidManager(models.Manager):
    """Objects found by their stable uid, so fixtures load into databases with other keys."""

    def get_by_natural_key(self, uid):
        return self.get(uid=uid)


class UidModel(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = UidManager()

    class Meta:
        abstract = True

    def natural_key(self):
        return (str(self.uid),)


class Anchoring(models.TextChoices):
    """Where a highlight stands after the source's latest revision (editorial.anchoring)."""

    ANCHORED = "anchored", "Anchored"
    MOVED = "moved", "Moved"
    ORPHANED = "orphaned", "Orphaned"
    RETIRED = "retired", "Retired"


class Highlight(UidModel):
    """A span of one revision of a source, stored with its quote (W3C TextQuoteSelector).

    An orphaned or retired highlight keeps pointing at the revision where its words
    were last found, so its offsets and quote stay true to that text.
    """

    Anchoring = Anchoring

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="highlights"
    )
    revision = models.ForeignKey(
        Revision, on_delete=models.PROTECT, related_name="highlights"
    )
    start = models.PositiveIntegerField(
        help_text="Offset of the first character, in Unicode code points."
    )
    end = models.PositiveIntegerField(
        help_text="Offset just past the last character, in Unicode code points."
    )
    exact = models.TextField(
        "quote", help_text="The highlighted words exactly as the revision has them."
    )
    prefix = models.CharField(max_length=spans.QUOTE_CONTEXT_CHARS, blank=True)
    suffix = models.CharField(max_length=spans.QUOTE_CONTEXT_CHARS, blank=True)
    anchoring = models.CharField(
        max_length=20,
        choices=Anchoring.choices,
        default=Anchoring.ANCHORED,
        help_text="Whether the words were found again on the source's latest revision.",
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
        ordering = ["source_id", "start", "end", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__gte=0), name="highlight_start_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(start__lt=F("end")), name="highlight_start_before_end"
            ),
            models.CheckConstraint(
                condition=Q(anchoring__in=Anchoring.values),
                name="highlight_anchoring_known",
            ),
        ]
        indexes = [
            # The reader reads a revision's spans from the index alone (a covering index).
            models.Index(
                fields=["revision", "start", "end"], name="highlight_revision_span"
            )
        ]

    def __str__(self):
        quote = self.exact if len(self.exact) <= 60 else self.exact[:57] + "..."
        return f"“{quote}”"

    def clean(self):
        super().clean()
        if self.revision_id is None or self.source_id is None:
            return
        if self.revision.source_id != self.source_id:
            raise ValidationError(
                {"revision": "The revision belongs to another source."}
            )
        try:
            spans.validate_span(self.revision.body, self.start, self.end, self.exact)
        except spans.SpanError as error:
            raise ValidationError({error.field: str(error)}) from error


class ClaimStatus(models.TextChoices):
    UNVERIFIED = "unverified", "Unverified"
    IN_REVIEW = "in_review", "In review"
    VERIFIED = "verified", "Verified"
    DISPUTED = "disputed", "Disputed"
    FALSE = "false", "False"
    MISLEADING = "misleading", "Misleading"
    UNVERIFIABLE = "unverifiable", "Unverifiable"


class Claim(UidModel):
    """A statement being checked, with its verification status."""

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
    """A claim's membership in a dispute: one position among those compared."""

    dispute = models.ForeignKey(
        Dispute, on_delete=models.CASCADE, related_name="memberships"
    )
    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="dispute_memberships"
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
        verbose_name = "dispute position"
        ordering = ["dispute_id", "added_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dispute", "claim"], name="dispute_claim_unique"
            )
        ]

    def __str__(self):
        return f"dispute {self.dispute_id}: claim {self.claim_id}"


class ApiToken(models.Model):
    """A person's key for scripts calling the JSON API (``Authorization: Token ...``).

    Only the SHA-256 of the key is stored: the key is shown once, when it is made.
    Keys are 40 random characters, so a plain hash (no salt, no stretching) is enough
    and lets a request find its token with one indexed lookup.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        max_length=100, help_text="What the token is for, e.g. the script using it."
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    key_prefix = models.CharField(
        max_length=8, editable=False, help_text="The key's first characters."
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        verbose_name = "API token"
        ordering = ["user_id", "-created_at", "-id"]

    def __str__(self):
        return f"{self.name} ({self.key_prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


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
    exact = models.TextField("words")
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
