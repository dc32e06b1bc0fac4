"""Pre-drawing the reader's marks (the ``drawing`` queue).

After a change to a source's highlights, their claims' links or statuses, or its text,
a worker draws the reader's new state into the reader cache
(``editorial.highlights.reader``), so the first editor to open the source after the
change reads a drawing rather than paying for one. With a shared cache (``CACHE_URL``)
the drawing serves every application server.

Idempotent: a state already drawn is left alone, and drawing the same state twice
stores the same thing under the same key.
"""

from __future__ import annotations

from editorial.highlights import reader
from editorial.highlights.selectors import highlight_marks_for_reader
from editorial.jobs.retry import retrying_task
from editorial.models import Highlight
from sources.models import Source


def sources_concerned(source_ids=(), claim_ids=(), highlight_ids=()) -> list[int]:
    """The sources whose reader shows any of these sources, claims or highlights."""
    found = set(source_ids)
    if highlight_ids:
        found.update(
            Highlight.objects.filter(pk__in=highlight_ids).values_list(
                "source_id", flat=True
            )
        )
    if claim_ids:
        found.update(
            Highlight.objects.filter(links__claim_id__in=claim_ids).values_list(
                "source_id", flat=True
            )
        )
    return sorted(found)


def predraw(source_id: int) -> bool:
    """Draw ``source_id``'s reader into the cache; False when it was drawn already."""
    source = (
        Source.objects.select_related("current_revision").filter(pk=source_id).first()
    )
    if source is None or source.current_revision is None:
        return False
    highlights = highlight_marks_for_reader(source=source)
    if reader.is_drawn(revision=source.current_revision, highlights=highlights):
        return False
    reader.drawn_text(revision=source.current_revision, highlights=highlights)
    return True


@retrying_task(queue_name="drawing")
def draw_readers(
    source_ids: list[int] | None = None,
    claim_ids: list[int] | None = None,
    highlight_ids: list[int] | None = None,
) -> dict:
    """Draw the current reader of every source these ids concern."""
    sources = sources_concerned(source_ids or (), claim_ids or (), highlight_ids or ())
    drawn = [source_id for source_id in sources if predraw(source_id)]
    return {"sources": sources, "drawn": drawn}
