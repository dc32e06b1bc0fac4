"""Reads for the import page, revision pages and the orphaned-highlights panel."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from editorial.anchoring_services import revision_reason_prefix
from editorial.models import Anchoring, ClaimHighlight, Highlight

from .models import Revision, Source
from .services import sha256_text


def import_matches(*, extracted) -> tuple[Source | None, Source | None]:
    """What the desk already has for an article read from a file.

    Returns the source that already holds this file or text (a duplicate), and the
    source with the same address (a likely older version), either possibly None.
    """
    duplicate = (
        Source.objects.filter(
            Q(sha256=extracted.file_sha256)
            | Q(revisions__file_sha256=extracted.file_sha256)
            | Q(revisions__sha256=sha256_text(extracted.body))
        )
        .distinct()
        .first()
    )
    same_url = None
    if extracted.url and duplicate is None:
        same_url = Source.objects.filter(url=extracted.url).order_by("id").first()
    return duplicate, same_url


def revisions_for_source(*, source: Source) -> QuerySet[Revision]:
    """A source's revisions, newest first, without their bodies (lists don't show them)."""
    return (
        Revision.objects.filter(source=source)
        .select_related("created_by")
        .defer("body")
        .order_by("-number")
    )


def orphans_for_source(*, source: Source) -> QuerySet[Highlight]:
    """Highlights whose words were not found on the source's latest text, with their claims."""
    return (
        Highlight.objects.filter(source=source, anchoring=Anchoring.ORPHANED)
        .select_related("revision")
        .defer("revision__body")
        .prefetch_related(
            Prefetch(
                "links",
                queryset=ClaimHighlight.objects.select_related("claim").order_by("id"),
            )
        )
        .order_by("revision__number", "start", "id")
    )


def revision_highlight_changes(*, revision: Revision):
    """The history rows re-anchoring wrote when ``revision`` was made (moves and orphans)."""
    return (
        Highlight.history.filter(
            source_id=revision.source_id,
            history_change_reason__startswith=revision_reason_prefix(revision.number),
        )
        .exclude(anchoring=Anchoring.ANCHORED)
        .order_by("start", "history_id")
    )
