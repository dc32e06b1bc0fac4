"""Reads of sources: an import's matches and a source's revisions."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sources.models import Revision, Source
from sources.services import sha256_text


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


def source_titled(*, source_id: int | None) -> Source | None:
    """The source a list is filtered by, with just what its name needs; None if gone."""
    if not source_id:
        return None
    return Source.objects.only("pk", "title").filter(pk=source_id).first()
