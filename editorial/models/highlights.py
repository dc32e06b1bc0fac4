"""Highlights: spans of a source's revision, stored with their quote."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from editorial.highlights import spans
from sources.models import Revision, Source

from .base import UidModel


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
    # What an annotation client said about it (W3C Web Annotation Protocol): the name it
    # asked for in its container (``Slug``), its own IRI for it (kept as ``via``) and
    # the IRI it says is canonical, by which a second POST of it is recognised. Null
    # when it was made on the desk.
    slug = models.CharField(max_length=64, null=True, blank=True)
    via = models.CharField(max_length=500, null=True, blank=True)
    canonical = models.CharField(max_length=500, null=True, blank=True, db_index=True)

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
        constraints += [
            models.UniqueConstraint(
                fields=["source", "slug"], name="highlight_slug_once_per_source"
            )
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
