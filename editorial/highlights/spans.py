"""Span arithmetic over a source body, with no database.

Offsets are half-open ``[start, end)`` in Unicode code points (Python string indices),
as in the W3C TextPositionSelector. Browsers measure in UTF-16 code units; the
conversions here turn one into the other.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.visible import code_point_name, has_visible_character

QUOTE_CONTEXT_CHARS = 32


class SpanError(ValueError):
    """A span that does not fit the body it claims to quote. ``field`` names the culprit."""

    def __init__(self, message: str, field: str = "start"):
        super().__init__(message)
        self.field = field


def validate_span(body: str, start: int, end: int, exact: str | None = None) -> str:
    """Check ``[start, end)`` against ``body`` and return the quoted text.

    Raises SpanError with a message an editor can act on.
    """
    if isinstance(start, bool) or not isinstance(start, int):
        raise SpanError("Start must be a whole number.", "start")
    if isinstance(end, bool) or not isinstance(end, int):
        raise SpanError("End must be a whole number.", "end")
    if start < 0:
        raise SpanError(f"Start {start} is before the beginning of the text.", "start")
    if end > len(body):
        raise SpanError(
            f"End {end} is past the end of the text ({len(body)} characters).", "end"
        )
    if start >= end:
        raise SpanError(
            f"The span is empty or reversed: start {start} must be before end {end}.",
            "end",
        )
    quoted = body[start:end]
    if not quoted.strip():
        raise SpanError("The span holds only whitespace; select some words.", "exact")
    if not has_visible_character(quoted):
        names = ", ".join(dict.fromkeys(code_point_name(char) for char in quoted[:20]))
        raise SpanError(
            f"The span holds no visible character, only {names}; select some words.",
            "exact",
        )
    if exact is not None and exact != quoted:
        raise SpanError(
            f"The quoted text does not match the source at {start}-{end}: "
            f"expected {quoted[:80]!r}, got {exact[:80]!r}.",
            "exact",
        )
    return quoted


def quote_context(
    body: str, start: int, end: int, width: int = QUOTE_CONTEXT_CHARS
) -> tuple[str, str]:
    """The prefix and suffix around a span: up to ``width`` characters each side."""
    return body[max(0, start - width) : start], body[end : end + width]


def utf16_to_codepoint(text: str, offset: int) -> int:
    """Convert a UTF-16 code-unit offset in ``text`` into a code-point offset."""
    if offset < 0:
        raise SpanError("Offsets cannot be negative.")
    units = 0
    for index, char in enumerate(text):
        if units >= offset:
            if units > offset:
                raise SpanError("The offset falls inside a surrogate pair.")
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    if units == offset:
        return len(text)
    if units > offset:
        raise SpanError("The offset falls inside a surrogate pair.")
    raise SpanError(f"Offset {offset} is past the end of the text.")


def codepoint_to_utf16(text: str, offset: int) -> int:
    """Convert a code-point offset in ``text`` into a UTF-16 code-unit offset."""
    if offset < 0 or offset > len(text):
        raise SpanError(f"Offset {offset} is outside the text.")
    return offset + sum(1 for char in text[:offset] if ord(char) > 0xFFFF)


@dataclass(frozen=True)
class Segment:
    """A run of text between two span boundaries and the ids of the spans covering it."""

    start: int
    end: int
    text: str
    span_ids: tuple


def split_at_boundaries(
    body: str, spans: list[tuple[object, int, int]]
) -> list[Segment]:
    """Cut ``body`` at every span boundary, so overlapping and nested spans render as flat runs.

    ``spans`` holds ``(id, start, end)``; spans outside the body are ignored. Each
    segment lists the spans covering it, in the order given.
    """
    length = len(body)
    cuts = {0, length}
    clean = []
    for span_id, start, end in spans:
        start, end = max(0, start), min(length, end)
        if start < end:
            clean.append((span_id, start, end))
            cuts.update((start, end))
    ordered = sorted(cuts)
    segments = []
    # Sweep: spans sorted by start; keep the active set per segment.
    by_start = sorted(range(len(clean)), key=lambda i: clean[i][1])
    active: list[int] = []
    pointer = 0
    for left, right in zip(ordered, ordered[1:], strict=False):
        while pointer < len(by_start) and clean[by_start[pointer]][1] <= left:
            active.append(by_start[pointer])
            pointer += 1
        active = [i for i in active if clean[i][2] > left]
        covering = tuple(clean[i][0] for i in sorted(active))
        segments.append(Segment(left, right, body[left:right], covering))
    return segments
