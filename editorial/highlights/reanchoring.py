"""Writes that keep highlights on their words when a source's text changes.

``reanchor_plan`` works out, without writing, where every highlight of a source lands
on a new text (``editorial.anchoring``); ``reanchor_apply`` writes it once the new
revision exists, with a history row for every highlight. Editors then re-attach or
retire the orphans. No highlight and no claim link is ever deleted here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_update_with_history

from core.history import clean_reason, stamp
from core.roles import require_editor
from editorial.highlights import anchoring, spans
from editorial.models import Anchoring, Highlight
from sources.models import Revision, Source

_UPDATED_FIELDS = ["revision", "start", "end", "exact", "prefix", "suffix", "anchoring"]


@dataclass
class ReanchorSummary:
    """What a new revision did to a source's highlights."""

    stayed: int = 0
    moved: int = 0
    orphaned: int = 0
    #: ``(highlight, placement, old quote)`` for each highlight that moved or was orphaned.
    changes: list = field(default_factory=list)

    @property
    def message(self) -> str:
        def count(number, word):
            return f"{number} highlight{'s' if number != 1 else ''} {word}"

        return ", ".join(
            [
                count(self.stayed, "stayed"),
                count(self.moved, "moved"),
                count(self.orphaned, "orphaned"),
            ]
        )


def revision_reason_prefix(number: int) -> str:
    """How every history row re-anchoring writes for revision ``number`` begins."""
    return f"Revision {number}: "


def reanchor_plan(
    *, source: Source, body: str
) -> list[tuple[Highlight, anchoring.Placement]]:
    """Where each live highlight of ``source`` lands on ``body``; writes nothing.

    Orphans are tried again too: a later correction may bring their words back.
    Retired highlights stay where they are.
    """
    highlights = list(
        source.highlights.exclude(anchoring=Anchoring.RETIRED)
        .select_related("revision")
        .order_by("start", "id")
    )
    return [
        (
            highlight,
            anchoring.reanchor(
                anchoring.Anchor(
                    highlight.start,
                    highlight.end,
                    highlight.exact,
                    highlight.prefix,
                    highlight.suffix,
                ),
                body,
            ),
        )
        for highlight in highlights
    ]


def summarise(plan) -> ReanchorSummary:
    summary = ReanchorSummary()
    for highlight, placement in plan:
        if placement.status == anchoring.ANCHORED:
            summary.stayed += 1
        elif placement.status == anchoring.MOVED:
            summary.moved += 1
        else:
            summary.orphaned += 1
        if placement.status != anchoring.ANCHORED:
            summary.changes.append((highlight, placement, highlight.exact))
    return summary


def reanchor_apply(*, plan, revision: Revision, user, reason: str) -> ReanchorSummary:
    """Move the planned highlights onto ``revision``, one history row each.

    Must run inside the transaction that created ``revision``. Highlights orphaned
    before and still not found are left untouched (nothing changed for them).
    """
    require_editor(user)
    reason = clean_reason(reason)
    summary = summarise(plan)
    changed = []
    for highlight, placement in plan:
        label = revision_reason_prefix(revision.number).rstrip(": ")
        if placement.placed:
            was_orphan = highlight.anchoring == Anchoring.ORPHANED
            old_exact = highlight.exact
            highlight.revision = revision
            highlight.start, highlight.end = placement.start, placement.end
            highlight.exact = placement.exact
            highlight.prefix, highlight.suffix = placement.prefix, placement.suffix
            highlight.anchoring = placement.status
            if was_orphan:
                why = (
                    f"{label}: the orphaned words were found again ({placement.method})"
                )
            elif placement.status == anchoring.ANCHORED:
                why = f"{label}: stayed in place"
            else:
                why = f"{label}: moved ({placement.method})"
            if placement.exact != old_exact:
                why += f"; the quote was “{old_exact[:200]}”"
        elif highlight.anchoring != Anchoring.ORPHANED:
            highlight.anchoring = Anchoring.ORPHANED
            why = (
                f"{label}: orphaned, its words were not found; kept with its quote "
                f"and claims on revision {highlight.revision.number}"
            )
        else:
            continue
        # clean() checks the span against the body. A full_clean() would add queries
        # per highlight (uid uniqueness, foreign keys already in hand, constraints the
        # database enforces anyway) to a write that should stay flat.
        highlight.clean_fields(exclude=["source", "revision", "created_by"])
        highlight.clean()
        stamp(highlight, user=user, reason=f"{why}. {reason}"[:100_000])
        changed.append(highlight)
    if changed:
        bulk_update_with_history(changed, Highlight, _UPDATED_FIELDS, default_user=user)
    return summary


@transaction.atomic
def highlight_reattach(
    *,
    highlight: Highlight,
    start: int,
    end: int,
    user,
    reason: str,
    exact: str | None = None,
) -> Highlight:
    """Attach an orphaned (or retired) highlight to new words of its source's current text.

    Its claims stay linked; the old quote stays in history.
    """
    reason = clean_reason(reason)
    require_editor(user)
    highlight = (
        Highlight.objects.select_for_update(of=("self",))
        .select_related("source__current_revision")
        .get(pk=highlight.pk)
    )
    if highlight.anchoring not in (Anchoring.ORPHANED, Anchoring.RETIRED):
        raise ValidationError(
            {
                "highlight": "This highlight is on the current text; nothing to re-attach."
            }
        )
    revision = highlight.source.current_revision
    try:
        quoted = spans.validate_span(revision.body, start, end, exact)
    except spans.SpanError as error:
        raise ValidationError({error.field: str(error)}) from error
    old = highlight.exact
    highlight.revision = revision
    highlight.start, highlight.end, highlight.exact = start, end, quoted
    highlight.prefix, highlight.suffix = spans.quote_context(revision.body, start, end)
    highlight.anchoring = Anchoring.ANCHORED
    highlight.full_clean()
    stamp(
        highlight,
        user=user,
        reason=f"Re-attached on revision {revision.number} (was “{old[:200]}”): {reason}",
    )
    highlight.save(update_fields=_UPDATED_FIELDS)
    return highlight


@transaction.atomic
def highlight_retire(*, highlight: Highlight, user, reason: str) -> Highlight:
    """Retire an orphaned highlight: kept, with its quote and claims, but no longer asked about."""
    reason = clean_reason(reason)
    require_editor(user)
    highlight = Highlight.objects.select_for_update().get(pk=highlight.pk)
    if highlight.anchoring != Anchoring.ORPHANED:
        raise ValidationError(
            {
                "highlight": "Only orphaned highlights can be retired; this one is on the current text."
            }
        )
    highlight.anchoring = Anchoring.RETIRED
    highlight.full_clean()
    stamp(highlight, user=user, reason=f"Retired: {reason}")
    highlight.save(update_fields=["anchoring"])
    return highlight
