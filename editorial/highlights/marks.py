"""How highlights look in the reader, with no database: a colour per status and the
text cut into runs, each wrapped in one ``<mark>`` per highlight covering it.

A highlight can carry several claims; it takes the status that most needs an editor's
eye, so a false claim is never hidden behind a verified one on the same words.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass
from html import escape
from operator import itemgetter

from core.visible import show_bidi_controls
from editorial.highlights.spans import QUOTE_CONTEXT_CHARS, split_at_boundaries

#: A highlight no claim is attached to yet.
NO_CLAIM = "none"

#: Most urgent first: the order a highlight's status is picked in, and the legend's order.
STATUS_PRIORITY = (
    "false",
    "misleading",
    "disputed",
    "in_review",
    "unverified",
    "unverifiable",
    "verified",
)


#: Each status's place in ``STATUS_PRIORITY``; a highlight with no claim comes last.
STATUS_RANK = {status: rank for rank, status in enumerate((*STATUS_PRIORITY, NO_CLAIM))}


def highlight_status(claim_statuses) -> str:
    """The status a highlight shows for the statuses of its claims."""
    statuses = set(claim_statuses)
    for status in STATUS_PRIORITY:
        if status in statuses:
            return status
    return NO_CLAIM


@dataclass(frozen=True)
class Mark:
    highlight_id: int
    status: str
    first: bool  # the highlight's first run: it carries the anchor id


@dataclass(frozen=True)
class Run:
    text: str
    marks: tuple[Mark, ...]  # outermost (longest highlight) first


def runs(body: str, highlights) -> list[Run]:
    """Cut ``body`` at every highlight boundary.

    ``highlights`` holds ``(id, start, end, status)``. Joining the runs' text gives
    ``body`` back exactly. Nested and overlapping highlights give runs with several
    marks, the shorter (inner) highlight innermost, so the tightest span is on top.
    """
    info = {hid: (start, end, status) for hid, start, end, status in highlights}
    seen = set()
    result = []
    for segment in split_at_boundaries(
        body, [(hid, start, end) for hid, start, end, _ in highlights]
    ):
        covering = sorted(
            segment.span_ids,
            key=lambda hid: (-(info[hid][1] - info[hid][0]), info[hid][0], hid),
        )
        marks = []
        for hid in covering:
            marks.append(Mark(hid, info[hid][2], hid not in seen))
            seen.add(hid)
        result.append(Run(segment.text, tuple(marks)))
    return result


def body_html(runs: list[Run]) -> str:
    """The reader's body markup: each run's text escaped inside its nested ``<mark>``s.

    The same markup ``editorial/highlights/includes/source_body.html`` would make with
    a template loop, built in one pass: with thousands of highlights the loop was most
    of the page's time. Bidi controls are wrapped in a visible token
    (``core.visible``) holding the control itself, so the text is unchanged. Every
    piece of the article's text goes through ``html.escape`` (the
    same five characters and entities as Django's, several times faster on long
    text); only the marks, built here from ids and known statuses, are markup. The
    result is plain ``str`` (this module imports no Django): ``reader.drawn_text``
    marks it safe for templates.
    """
    parts = []
    for run in runs:
        for mark in run.marks:
            anchor = (
                f' id="highlight-{int(mark.highlight_id)}" tabindex="0"'
                if mark.first
                else ""
            )
            parts.append(
                f'<mark data-highlight-id="{int(mark.highlight_id)}" '
                f'data-status="{escape(mark.status)}"{anchor}>'
            )
        parts.append(escape(run.text))
        parts.append("</mark>" * len(run.marks))
    return show_bidi_controls("".join(parts))


#: A long text is drawn in parts of at least this many characters, each ending at a
#: line end; see :func:`reader_html`.
PART_CHARS = 1500
PART_OPEN = '<div class="source-part">'
PART_BREAK = f"</div>{PART_OPEN}"


def part_starts(body: str, size: int = PART_CHARS) -> list[int]:
    """Where each part of ``body`` after the first starts: just after a line end, at
    least ``size`` characters after the previous part's start. None for a text without
    a line end past ``size`` characters, or with nothing after the last one."""
    starts, last = [], 0
    while True:
        end = body.find("\n", last + size - 1)
        if end < 0 or end + 1 >= len(body):
            return starts
        last = end + 1
        starts.append(last)


def reader_html(body: str, highlights, *, part_chars: int | None = PART_CHARS) -> str:
    """The reader's body markup, built in one sweep over the highlights' boundaries.

    ``highlights`` holds ``(id, start, end, status)`` as for :func:`runs`. Every piece
    of text lies in the same marks, nested in the same order (outermost, the longest
    highlight, first; the tightest span on top), as in :func:`body_html` of
    :func:`runs` (tested), but a mark is not closed at every boundary: at each cut the
    marks the next piece keeps at the outside of its nesting stay open, and only the
    rest are closed and opened again. A highlight nested in another no longer cuts its
    outer one in three, so 2,000 overlapping highlights take about half the elements
    and bytes they took drawn piece by piece; a highlight's marks are one element
    unless a crossing highlight or a part boundary splits it, and its first element
    carries its anchor.

    A text with line ends past ``part_chars`` characters is drawn in parts (see
    :func:`part_starts`), each a ``<div class="source-part">``, which the reader's
    stylesheet gives ``content-visibility: auto``: the browser then styles and lays out
    only the parts on screen, and a page with thousands of marks opens about as fast
    as the bare text (``tests/benchmarks/browser.py``). Every mark is closed at a part
    boundary and opened again after it (a mark across it becomes two); the text, and
    so every offset, is unchanged. ``part_chars=None``: one part.
    """
    length = len(body)
    entries = []  # (key, tag, first tag, left, right) of each highlight drawn
    tags: dict[str, str] = {}
    for highlight_id, start, end, status in highlights:
        left, right = max(0, start), min(length, end)
        if left >= right:
            continue
        number = int(highlight_id)
        if status not in tags:
            tags[status] = escape(status)
        tag = f'<mark data-highlight-id="{number}" data-status="{tags[status]}"'
        entries.append(
            # The order runs() gives the marks of a run: longest first, then by
            # start, then id.
            (
                (start - end, start, highlight_id),
                f"{tag}>",
                f'{tag} id="highlight-{number}" tabindex="0">',
                left,
                right,
            )
        )
    by_left = sorted(entries, key=itemgetter(3))
    by_right = sorted(entries, key=itemgetter(4))
    breaks = set(part_starts(body, part_chars)) if part_chars else set()
    cuts = sorted(
        {
            0,
            length,
            *breaks,
            *map(itemgetter(3), entries),
            *map(itemgetter(4), entries),
        }
    )
    count = len(entries)
    opened = closed = 0  # how far by_left and by_right have been walked
    active: list[tuple] = []  # the entries covering the piece, outermost first
    drawn: list[tuple] = []  # the marks open in the markup, outermost first
    parts: list[str] = []
    append = parts.append
    for left, text in zip(cuts, _escaped_pieces(body, cuts), strict=False):
        while closed < count and by_right[closed][4] == left:
            del active[bisect_left(active, by_right[closed])]
            closed += 1
        while opened < count and by_left[opened][3] == left:
            insort(active, by_left[opened])
            opened += 1
        # The marks open already that stay at the outside of this piece's nesting
        # (none across a part boundary).
        keep = 0
        if left not in breaks:
            for was, now in zip(drawn, active, strict=False):
                if was is not now:
                    break
                keep += 1
        if len(drawn) > keep:
            append("</mark>" * (len(drawn) - keep))
        if left in breaks:
            append(PART_BREAK)
        if len(active) > keep:
            # A highlight's first piece carries its anchor.
            append("".join([e[2] if e[3] == left else e[1] for e in active[keep:]]))
        drawn = active[:]
        append(text)
    append("</mark>" * len(drawn))
    if breaks:
        parts.insert(0, PART_OPEN)
        append("</div>")
    # Bidi controls are shown as tokens that keep the text node's characters.
    return show_bidi_controls("".join(parts))


def _escaped_pieces(body: str, cuts: list[int]) -> list[str]:
    """``body`` cut at ``cuts`` (sorted, from 0 to its length), each piece escaped.

    One ``escape`` of the whole text, split again at a character the text does not
    hold, instead of thousands of small ones.
    """
    pieces = [body[left:right] for left, right in zip(cuts, cuts[1:], strict=False)]
    separator = "\x00"
    if separator in body:
        return [escape(piece) for piece in pieces]
    return escape(separator.join(pieces)).split(separator)


def context_words(
    prefix: str, suffix: str, words: int = 6, width: int = QUOTE_CONTEXT_CHARS
) -> tuple[str, str]:
    """A few whole words before and after a quote, from its stored prefix and suffix.

    The stored context is cut at ``width`` characters, so when it is that long its
    far edge may fall inside a word, which is dropped. Shorter context reaches the
    start (or end) of the text and is whole.
    """
    before = prefix.split(" ")
    if len(prefix) >= width and len(before) > 1:
        before = before[1:]
    after = suffix.split(" ")
    if len(suffix) >= width and len(after) > 1:
        after = after[:-1]
    return " ".join(before[-words:]), " ".join(after[:words])


@dataclass(frozen=True)
class BarPart:
    status: str
    label: str
    count: int
    x: float  # percent from the left
    width: float  # percent


def status_bar(counts: dict[str, int], labels: dict[str, str]) -> list[BarPart]:
    """The parts of a bar of claims by status, most urgent first; empty statuses left out.

    ``x`` and ``width`` are percentages of the bar, so the parts fill it exactly.
    """
    total = sum(counts.get(status, 0) for status in STATUS_PRIORITY)
    parts = []
    x = 0.0
    for status in STATUS_PRIORITY:
        count = counts.get(status, 0)
        if count and total:
            width = 100 * count / total
            parts.append(
                BarPart(status, labels[status], count, round(x, 3), round(width, 3))
            )
            x += width
    return parts
