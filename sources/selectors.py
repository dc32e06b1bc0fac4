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


#: Sources the import review offers as an article's older version, at most: a menu
#: of the whole desk would cost thousands of options per article on a big desk.
OFFERED_SOURCES = 10


def revision_candidates(*, title: str, url: str = "", chosen=None) -> list[Source]:
    """The sources an imported article is likely a newer text of, for a short menu.

    ``chosen`` (the id of a source already picked) first, then those with the same
    address or the same title, then the most recently added: at most
    ``OFFERED_SOURCES`` besides the chosen one. Any other source gets a newer text
    from its own revision page.
    """
    sources = Source.objects.only("pk", "title")
    found = list(sources.filter(pk=chosen)) if chosen else []
    likely = Q(title__iexact=title.strip()) if title.strip() else Q(pk__in=[])
    if url:
        likely |= Q(url=url)
    limit = OFFERED_SOURCES + len(found)
    for picked in (sources.filter(likely), sources):
        if len(found) >= limit:
            break
        more = picked.exclude(pk__in=[source.pk for source in found])
        found += list(more.order_by("-id")[: limit - len(found)])
    return found


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
