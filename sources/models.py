"""Source articles and the immutable text revisions that highlights point into."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sources.validators import web_url_validator


class SourceManager(models.Manager):
    def get_by_natural_key(self, sha256):
        return self.get(sha256=sha256)


class SourceKind(models.TextChoices):
    NEWS_ARTICLE = "news_article", "News article"
    ENCYCLOPEDIA_ARTICLE = "encyclopedia_article", "Encyclopedia article"
    PRESS_RELEASE = "press_release", "Press release"
    OFFICIAL_STATEMENT = "official_statement", "Official statement"
    OTHER = "other", "Other"


class StoryManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Story(models.Model):
    """A group of sources about one event or subject; the checks compare sources within one.

    The desk proposes a story for each imported source (``confirmed`` false) and editors
    confirm, rename, merge or split stories. ``profile`` holds what the story's sources
    share (names, phrases, their dates), so proposing a story for a new source reads
    no other source's text.
    """

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=220, unique=True)
    confirmed = models.BooleanField(
        default=False,
        help_text="An editor has confirmed the grouping; unconfirmed stories are "
        "the desk's proposals.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    profile = models.JSONField(
        default=dict,
        blank=True,
        help_text="Names and phrases the story's sources share, with their dates; "
        "rebuilt from the sources when the story changes.",
    )

    history = HistoricalRecords(excluded_fields=["profile"])
    objects = StoryManager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "stories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("stories:detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class Source(models.Model):
    """An article the desk reads and checks. Its text lives in revisions."""

    Kind = SourceKind

    title = models.CharField(max_length=500)
    publisher = models.CharField("publisher or outlet", max_length=200, blank=True)
    author = models.CharField(
        max_length=300, blank=True, help_text="Who wrote it, as the source names them."
    )
    url = models.URLField(max_length=2000, blank=True, validators=[web_url_validator])
    kind = models.CharField(
        max_length=32, choices=Kind.choices, default=Kind.NEWS_ARTICLE
    )
    language = models.CharField(max_length=20, default="en")
    published_on = models.DateField(null=True, blank=True)
    published_on_note = models.CharField(
        "how the date is known",
        max_length=500,
        blank=True,
        help_text="Where the publication date comes from.",
    )
    sha256 = models.CharField(
        max_length=64,
        unique=True,
        help_text="SHA-256 of the original imported file; identifies the source.",
    )
    file_name = models.CharField(
        max_length=255, blank=True, help_text="Name of the original imported file."
    )
    imported_at = models.DateTimeField(default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField(
        default=1,
        help_text="Raised by every metadata save; guards against lost updates.",
    )
    current_revision = models.ForeignKey(
        "sources.Revision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    story = models.ForeignKey(
        Story,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sources",
        help_text="The story this source belongs to; the checks compare sources "
        "within one story.",
    )

    history = HistoricalRecords()
    objects = SourceManager()

    class Meta:
        ordering = ["-published_on", "title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SourceKind.values), name="source_kind_known"
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.sha256,)

    natural_key.dependencies = ["sources.story"]


class RevisionManager(models.Manager):
    def get_by_natural_key(self, sha256):
        return self.get(sha256=sha256)


class Revision(models.Model):
    """One text of a source, never changed once written: highlight offsets index into ``body``."""

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="revisions"
    )
    number = models.PositiveIntegerField()
    body = models.TextField(help_text="The exact text, never normalised.")
    sha256 = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField(max_length=500)
    file_name = models.CharField(
        max_length=255, blank=True, help_text="Name of the file this text came from."
    )
    file_sha256 = models.CharField(
        max_length=64, blank=True, help_text="SHA-256 of the file this text came from."
    )
    # What re-anchoring did to the source's highlights when this revision was made.
    highlights_stayed = models.PositiveIntegerField(default=0)
    highlights_moved = models.PositiveIntegerField(default=0)
    highlights_orphaned = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()
    objects = RevisionManager()

    class Meta:
        ordering = ["source_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "number"], name="revision_number_unique_per_source"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="revision_number_positive"
            ),
        ]

    def __str__(self):
        return f"revision {self.number} of source {self.source_id}"

    def natural_key(self):
        return (self.sha256,)

    natural_key.dependencies = ["sources.source"]
