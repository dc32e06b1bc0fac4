"""Reads of highlights: the reader's marks, the side panel, annotations, orphans and
what re-anchoring did, each in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from editorial.highlights import marks
from editorial.highlights.reanchoring import revision_reason_prefix
from editorial.models import (
    Anchoring,
    ClaimHighlight,
    Evidence,
    Highlight,
)
from sources.models import Revision, Source


def highlight_marks_for_reader(*, source: Source) -> list[tuple[int, int, int, str]]:
    """The source's current highlights as ``(id, start, end, status)``: what the reader
    needs to draw its marks and count its legend, and nothing more.

    One query of plain values (a highlight with several claims comes back once per
    claim), no model instances: the reader draws thousands of highlights, and what
    their claims say is fetched by the side panel when it opens
    (:func:`highlights_for_panel`). In id order, so the same highlights always come
    back the same (``editorial.reader`` keeps their drawing under them); the indexes
    ``highlight_revision_span`` and ``link_highlight_claim`` cover the query.
    """
    rows = (
        Highlight.objects.filter(revision_id=source.current_revision_id)
        .order_by("pk")
        .values_list("pk", "start", "end", "links__claim__status")
    )
    rank = marks.STATUS_RANK
    found: dict[int, tuple[int, int, int, str]] = {}
    for row in rows:
        known = found.get(row[0])
        if row[3] is None:  # no claim (so its only row)
            found[row[0]] = (*row[:3], marks.NO_CLAIM)
        elif known is None or rank[row[3]] < rank[known[3]]:
            found[row[0]] = row
    return list(found.values())


def highlights_for_panel(*, source: Source, ids) -> QuerySet[Highlight]:
    """The source's current highlights among ``ids``, each with its claims and evidence.

    Each highlight has ``panel_links`` (its links with their claims) and each of those
    claims ``panel_evidence``: the reader's side panel shows them all.
    """
    return (
        Highlight.objects.filter(revision_id=source.current_revision_id, pk__in=ids)
        .order_by("start", "end", "id")
        .prefetch_related(
            Prefetch(
                "links",
                queryset=ClaimHighlight.objects.select_related(
                    "claim", "claim__assigned_to"
                ).order_by("claim__created_at", "id"),
                to_attr="panel_links",
            ),
            Prefetch(
                "panel_links__claim__evidence",
                queryset=Evidence.objects.order_by("added_at", "id"),
                to_attr="panel_evidence",
            ),
        )
    )


def highlights_for_annotations(*, source: Source) -> QuerySet[Highlight]:
    """The source's current highlights, loaded as ``annotations.highlight_annotation`` needs."""
    return (
        Highlight.objects.filter(revision_id=source.current_revision_id)
        .select_related("source", "created_by")
        .prefetch_related(
            Prefetch("links", queryset=ClaimHighlight.objects.select_related("claim"))
        )
        .order_by("start", "end", "id")
    )


def highlight_for_annotation(*, pk: int) -> Highlight:
    return (
        Highlight.objects.select_related("source", "created_by")
        .prefetch_related(
            Prefetch("links", queryset=ClaimHighlight.objects.select_related("claim"))
        )
        .get(pk=pk)
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
