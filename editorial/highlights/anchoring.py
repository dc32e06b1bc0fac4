"""Re-anchoring highlights on a new revision of their source, with no database.

A highlight stores its offsets, its exact quote and up to 32 characters either side
(the W3C TextPositionSelector and TextQuoteSelector). When the text changes, the
selectors are tried as the W3C meant them to be used, most precise first:

1. **position**: the same offsets still hold the same quote in the same context;
2. **quote**: the exact quote elsewhere, the prefix and suffix choosing between copies
   (first character for character, then with whitespace runs compared loosely);
3. **fuzzy**: the quote with its context, found approximately by rapidfuzz, accepted
   only within a bounded edit distance of the old quote and with its context mostly
   intact.

A highlight that none of them places is ``orphaned``: the caller keeps it, with its
quote, on the revision where it was last found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from editorial.highlights.spans import QUOTE_CONTEXT_CHARS, quote_context

ANCHORED = "anchored"
MOVED = "moved"
ORPHANED = "orphaned"

#: The fuzzy step accepts a new quote at most this share of the old quote's length
#: away in edits (at least one edit): "countries have committed" may become "countries
#: had committed", but not "nations refused".
MAX_EDIT_RATIO = 0.3
#: How alike the text around a candidate must be to the stored prefix and suffix
#: (0 to 1, the mean of the two) for the candidate to be taken.
MIN_CONTEXT_SCORE = 0.5
#: A quote this long that appears exactly once is specific enough to follow even when
#: the text around it was rewritten (a paragraph moved elsewhere).
DISTINCT_QUOTE_CHARS = 32


@dataclass(frozen=True)
class Anchor:
    """Where a highlight was: its offsets and quote in the old revision."""

    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Placement:
    """Where a highlight is in the new revision, or why it is not there.

    ``status`` is ``anchored`` (same offsets, same quote), ``moved`` (new offsets or
    an approximately matched quote) or ``orphaned`` (offsets are ``None``).
    ``method`` names the selector that placed it; ``distance`` is the edit distance
    between the old quote and the new one.
    """

    status: str
    method: str = ""
    start: int | None = None
    end: int | None = None
    exact: str = ""
    prefix: str = ""
    suffix: str = ""
    distance: int = 0

    @property
    def placed(self) -> bool:
        return self.status != ORPHANED


def reanchor(anchor: Anchor, body: str) -> Placement:
    """Find ``anchor``'s words in ``body`` (the new revision's text)."""
    start, end, exact = anchor.start, anchor.end, anchor.exact
    if not exact.strip():
        return Placement(ORPHANED)
    if end <= len(body) and body[start:end] == exact:
        if quote_context(body, start, end) == (anchor.prefix, anchor.suffix):
            return _placed(anchor, body, start, end, "position")

    candidates = list(_occurrences(body, exact))
    chosen = _best_by_context(anchor, body, candidates)
    if chosen is not None:
        return _placed(anchor, body, *chosen, "quote")

    loose = [
        match.span()
        for match in re.finditer(_whitespace_pattern(exact), body)
        if match.group() != exact
    ]
    chosen = _best_by_context(anchor, body, loose, unique_ok=False)
    if chosen is not None:
        return _placed(anchor, body, *chosen, "quote, whitespace changed")

    found = _fuzzy(anchor, body)
    if found is not None:
        return _placed(anchor, body, *found, "fuzzy")
    return Placement(ORPHANED)


def reanchor_all(anchors: Iterable[tuple[object, Anchor]], body: str) -> dict:
    """Re-anchor each ``(key, anchor)`` pair; returns ``{key: Placement}``."""
    return {key: reanchor(anchor, body) for key, anchor in anchors}


# Selectors -----------------------------------------------------------------------------


def _occurrences(body: str, exact: str):
    """Every start of ``exact`` in ``body``, overlapping copies included."""
    index = body.find(exact)
    while index != -1:
        yield index, index + len(exact)
        index = body.find(exact, index + 1)


def _whitespace_pattern(exact: str) -> str:
    """The quote's words in order with any run of whitespace between them."""
    return r"\s+".join(re.escape(word) for word in exact.split())


def _best_by_context(
    anchor: Anchor,
    body: str,
    candidates: list[tuple[int, int]],
    unique_ok: bool = True,
) -> tuple[int, int] | None:
    """The candidate whose surroundings best match the stored prefix and suffix.

    Ties go to the candidate nearest the old position. A lone, long exact copy is
    taken even when its surroundings changed; otherwise the context must agree.
    """
    if not candidates:
        return None
    scored = [
        (
            context_score(anchor, body, start, end),
            -abs(start - anchor.start),
            start,
            end,
        )
        for start, end in candidates
    ]
    score, _, start, end = max(scored)
    distinct = (
        unique_ok
        and len(candidates) == 1
        and len(anchor.exact.strip()) >= DISTINCT_QUOTE_CHARS
    )
    if score >= MIN_CONTEXT_SCORE or distinct:
        return start, end
    return None


def _fuzzy(anchor: Anchor, body: str) -> tuple[int, int] | None:
    """The quote found approximately, with its context, within the edit bound."""
    needle = anchor.prefix + anchor.exact + anchor.suffix
    located = fuzz.partial_ratio_alignment(needle, body)
    if located is None or located.score == 0:
        return None
    slack = len(needle) // 4 + 8
    window_start = max(0, located.dest_start - slack)
    window_end = min(len(body), located.dest_end + slack)
    opcodes = Levenshtein.opcodes(needle, body[window_start:window_end])
    quote_start = len(anchor.prefix)
    quote_end = quote_start + len(anchor.exact)
    start = window_start + _map_start(opcodes, quote_start)
    end = window_start + _map_end(opcodes, quote_end)
    start, end = _trim(body, start, end)
    if start >= end:
        return None
    distance = Levenshtein.distance(anchor.exact.strip(), body[start:end])
    if distance > max(1, int(len(anchor.exact.strip()) * MAX_EDIT_RATIO)):
        return None
    if context_score(anchor, body, start, end) < MIN_CONTEXT_SCORE:
        return None
    return start, end


def _map_start(opcodes, position: int) -> int:
    """Where the character at ``position`` of the needle went; text inserted before it stays out."""
    for op in opcodes:
        if op.tag != "insert" and op.src_start <= position < op.src_end:
            if op.tag == "equal":
                return op.dest_start + position - op.src_start
            return op.dest_start
    return opcodes.dest_len


def _map_end(opcodes, position: int) -> int:
    """Where the end of a span finishing before ``position`` went; a replaced last word counts whole."""
    last = position - 1
    for op in opcodes:
        if op.tag != "insert" and op.src_start <= last < op.src_end:
            if op.tag == "equal":
                return op.dest_start + position - op.src_start
            if op.tag == "replace":
                return op.dest_end
            return op.dest_start
    return 0


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


# Context ---------------------------------------------------------------------------------


def _squash(text: str) -> str:
    return " ".join(text.split())


def context_score(anchor: Anchor, body: str, start: int, end: int) -> float:
    """How alike (0 to 1) the text around ``[start, end)`` is to the stored prefix and suffix.

    Whitespace runs count as one space, so rewrapped lines still agree.
    """
    reach = 2 * QUOTE_CONTEXT_CHARS
    before = _squash(body[max(0, start - reach) : start])
    after = _squash(body[end : end + reach])
    prefix, suffix = _squash(anchor.prefix), _squash(anchor.suffix)
    return (
        _side_score(prefix, before[len(before) - len(prefix) :] if prefix else before)
        + _side_score(suffix, after[: len(suffix)] if suffix else after)
    ) / 2


def _side_score(stored: str, found: str) -> float:
    if not stored and not found:
        return 1.0
    return fuzz.ratio(stored, found) / 100


def _placed(anchor: Anchor, body: str, start: int, end: int, method: str) -> Placement:
    exact = body[start:end]
    prefix, suffix = quote_context(body, start, end)
    same = (start, end, exact) == (anchor.start, anchor.end, anchor.exact)
    return Placement(
        status=ANCHORED if same else MOVED,
        method=method,
        start=start,
        end=end,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        distance=0
        if exact == anchor.exact
        else Levenshtein.distance(anchor.exact, exact),
    )
