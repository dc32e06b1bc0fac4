"""Differences between two versions of a value, for history pages. No database.

Short values are shown as old → new; long text (statements, notes, source bodies)
is compared word by word, so an editor sees exactly which words changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Indel

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Piece:
    """A run of text in a word diff: ``op`` is "equal", "delete" or "insert"."""

    op: str
    text: str


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


#: Tokens compared at once. rapidfuzz keeps a bit table of about WINDOW² / 8 bytes for
#: one comparison, so a window of 4,000 tokens costs 2 MB whatever the texts' length.
WINDOW = 4000


def word_diff(old: str, new: str) -> list[Piece]:
    """The pieces that turn ``old`` into ``new``, word by word, whitespace kept.

    Linear in time and memory: see ``_opcodes``.
    """
    before, after = tokens(old), tokens(new)
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in _joined(_opcodes(before, after)):
        if op == "equal":
            pieces.append(Piece("equal", "".join(before[i1:i2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(Piece("delete", "".join(before[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(Piece("insert", "".join(after[j1:j2])))
    return _merge(pieces)


def _opcodes(a: list, b: list, window: int = WINDOW):
    """Opcodes turning ``a`` into ``b``, in time and memory linear in their length.

    rapidfuzz's bit-parallel longest common subsequence is minimal and fast, but its
    table grows with the product of the lengths: two 2 MB texts of 570,000 tokens each
    would need about 40 GB. So, as patience diff does, the common start and end are
    set aside, then the tokens found exactly once on each side are matched in order
    (a longest increasing run of them), and only the stretches between those anchors
    are compared, ``window`` tokens at a time (``_windowed``).
    """
    n, m = len(a), len(b)
    start = 0
    while start < n and start < m and a[start] == b[start]:
        start += 1
    end_a, end_b = n, m
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a, end_b = end_a - 1, end_b - 1
    if start:
        yield ("equal", 0, start, 0, start)
    i = j = start
    for anchor_i, anchor_j in [*_anchors(a, b, start, end_a, end_b), (end_a, end_b)]:
        if anchor_i - i == 1 and anchor_j - j == 1:
            yield ("equal" if a[i] == b[j] else "replace", i, anchor_i, j, anchor_j)
        elif i < anchor_i or j < anchor_j:
            yield from _windowed(a, b, i, anchor_i, j, anchor_j, window)
        if anchor_i < end_a:
            yield ("equal", anchor_i, anchor_i + 1, anchor_j, anchor_j + 1)
        i, j = anchor_i + 1, anchor_j + 1
    if end_a < n:
        yield ("equal", end_a, n, end_b, m)


def _joined(opcodes):
    """The same opcodes, neighbouring unchanged runs joined into one."""
    held = None
    for op in opcodes:
        if held and op[0] == "equal" == held[0]:
            held = ("equal", held[1], op[2], held[3], op[4])
            continue
        if held:
            yield held
        held = op
    if held:
        yield held


def _anchors(a: list, b: list, start: int, end_a: int, end_b: int) -> list:
    """Positions of tokens found once in each of ``a[start:end_a]`` and ``b[start:end_b]``,
    the longest run of them in the same order on both sides."""
    seen_a: dict = {}
    for index in range(start, end_a):
        seen_a[a[index]] = -1 if a[index] in seen_a else index
    seen_b: dict = {}
    for index in range(start, end_b):
        seen_b[b[index]] = -1 if b[index] in seen_b else index
    pairs = sorted(
        (i, seen_b[token])
        for token, i in seen_a.items()
        if i >= 0 and seen_b.get(token, -1) >= 0
    )
    # Longest increasing run of the b positions (patience sorting).
    tails: list[int] = []  # tails[k]: index in pairs ending the best run of length k+1
    previous = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        k = _place(pairs, tails, j)
        if k:
            previous[index] = tails[k - 1]
        if k == len(tails):
            tails.append(index)
        else:
            tails[k] = index
    run = []
    index = tails[-1] if tails else -1
    while index >= 0:
        run.append(pairs[index])
        index = previous[index]
    return run[::-1]


def _place(pairs: list, tails: list, j: int) -> int:
    low, high = 0, len(tails)
    while low < high:
        middle = (low + high) // 2
        if pairs[tails[middle]][1] < j:
            low = middle + 1
        else:
            high = middle
    return low


def _windowed(a: list, b: list, i: int, end_a: int, j: int, end_b: int, window: int):
    """Opcodes for ``a[i:end_a]`` against ``b[j:end_b]``, ``window`` tokens at a time.

    The opcodes up to the middle of a window are kept, and the next window starts
    where they end; every window moves at least half a window on one side, so time
    and memory stay linear. Within a window the diff is minimal; an edit longer than
    half a window with no anchor in it may be shown less tidily, never wrongly (both
    texts are always rebuilt exactly).
    """
    half = window // 2
    while i < end_a or j < end_b:
        stop_a, stop_b = min(end_a, i + window), min(end_b, j + window)
        ops = Indel.opcodes(a[i:stop_a], b[j:stop_b])
        if stop_a == end_a and stop_b == end_b:
            for op, i1, i2, j1, j2 in ops:
                yield (op, i + i1, i + i2, j + j1, j + j2)
            return
        next_i, next_j = i, j
        for op, i1, i2, j1, j2 in ops:
            if op == "equal" and (i2 > half or j2 > half):
                # Keep only the part of an unchanged run that ends at the middle.
                i2 = i1 + max(1, min(half - i1, half - j1))
                j2 = j1 + (i2 - i1)
            yield (op, i + i1, i + i2, j + j1, j + j2)
            next_i, next_j = i + i2, j + j2
            if i2 >= half or j2 >= half:
                break
        i, j = next_i, next_j


def _merge(pieces: list[Piece]) -> list[Piece]:
    """Join neighbouring changes into one deletion and one insertion.

    A run of only whitespace between two changes belongs to both, so "Rishi Sunak"
    replaced by "Keir Starmer" reads as one change, not two.
    """
    merged: list[Piece] = []
    deleted, inserted = [], []

    def flush():
        if deleted:
            merged.append(Piece("delete", "".join(deleted)))
        if inserted:
            merged.append(Piece("insert", "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for index, piece in enumerate(pieces):
        if not piece.text:
            continue
        if piece.op == "delete":
            deleted.append(piece.text)
        elif piece.op == "insert":
            inserted.append(piece.text)
        elif (
            not piece.text.strip()
            and (deleted or inserted)
            and index + 1 < len(pieces)
            and pieces[index + 1].op != "equal"
        ):
            deleted.append(piece.text)
            inserted.append(piece.text)
        else:
            flush()
            if merged and merged[-1].op == "equal":
                merged[-1] = Piece("equal", merged[-1].text + piece.text)
            else:
                merged.append(piece)
    flush()
    return merged


def trim_equal(pieces: list[Piece], context_words: int = 12) -> list[Piece]:
    """Shorten long unchanged runs to a few words either side, as Wikipedia's diffs do."""
    trimmed = []
    for index, piece in enumerate(pieces):
        if piece.op != "equal":
            trimmed.append(piece)
            continue
        words = tokens(piece.text)
        keep = context_words * 2  # words and the spaces between them
        first, last = index == 0, index == len(pieces) - 1
        if len(words) <= keep * 2:
            trimmed.append(piece)
        elif first:
            trimmed.append(Piece("equal", "… " + "".join(words[-keep:])))
        elif last:
            trimmed.append(Piece("equal", "".join(words[:keep]) + " …"))
        else:
            trimmed.append(
                Piece("equal", "".join(words[:keep]) + " … " + "".join(words[-keep:]))
            )
    return trimmed


#: Past this many changed places a page shows changed paragraphs, not words: tens of
#: thousands of marked words would make a page of many megabytes that no one can read.
MAX_WORD_CHANGES = 2000
#: Characters kept at each end of a changed paragraph shown whole.
SHOWN_CHARS = 300


@dataclass(frozen=True)
class Comparison:
    """What a page shows of two texts' difference.

    ``word_by_word`` is False when the texts were too large to compare word by word;
    ``pieces`` then holds changed paragraphs, shortened, and cannot rebuild the texts.
    """

    pieces: tuple[Piece, ...]
    word_by_word: bool
    changes: int

    @property
    def changed(self) -> bool:
        return self.changes > 0


def _changes(pieces: list[Piece]) -> int:
    """Changed places: a deletion with the insertion replacing it counts once."""
    return sum(
        1
        for index, piece in enumerate(pieces)
        if piece.op == "delete"
        or (piece.op == "insert" and (index == 0 or pieces[index - 1].op != "delete"))
    )


def compare(
    old: str, new: str, *, trim: bool = True, max_changes: int = MAX_WORD_CHANGES
) -> Comparison:
    """A word diff of two texts, or of their paragraphs when it has too many changes."""
    pieces = word_diff(old, new)
    changes = _changes(pieces)
    if changes <= max_changes:
        return Comparison(tuple(trim_equal(pieces) if trim else pieces), True, changes)
    before = old.splitlines(keepends=True)
    after = new.splitlines(keepends=True)
    paragraphs: list[Piece] = []
    for op, i1, i2, j1, j2 in _opcodes(before, after):
        if op in ("equal", "delete", "replace"):
            paragraphs.append(
                Piece("delete" if op != "equal" else op, "".join(before[i1:i2]))
            )
        if op in ("insert", "replace"):
            paragraphs.append(Piece("insert", "".join(after[j1:j2])))
    if _changes(paragraphs) > max_changes:
        paragraphs = [Piece("delete", old), Piece("insert", new)]
    shown = [
        piece if piece.op == "equal" else Piece(piece.op, _shorten(piece.text))
        for piece in _merge(paragraphs)
    ]
    return Comparison(tuple(trim_equal(shown)), False, changes)


def _shorten(text: str) -> str:
    if len(text) <= SHOWN_CHARS * 3:
        return text
    hidden = len(text) - 2 * SHOWN_CHARS
    return (
        f"{text[:SHOWN_CHARS]} … [{hidden:,} more characters] … {text[-SHOWN_CHARS:]}"
    )


@dataclass(frozen=True)
class FieldChange:
    """One field's change between two versions."""

    name: str
    label: str
    old: object
    new: object
    pieces: tuple[Piece, ...] | None = None  # a word diff, for long text
    word_by_word: bool = True  # False: too large, ``pieces`` shows changed paragraphs

    @property
    def is_text_diff(self) -> bool:
        return self.pieces is not None


def field_change(
    name: str, label: str, old, new, *, long_text: bool = False
) -> FieldChange:
    if long_text and isinstance(old, str | None) and isinstance(new, str | None):
        comparison = compare(old or "", new or "")
        return FieldChange(
            name, label, old, new, comparison.pieces, comparison.word_by_word
        )
    return FieldChange(name, label, old, new)


def changed_fields(
    old: dict | None, new: dict, labels: dict[str, str], long_text: set[str]
) -> list[FieldChange]:
    """The fields whose values differ between two versions (every field set, for a first version)."""
    changes = []
    for name, label in labels.items():
        before = None if old is None else old.get(name)
        after = new.get(name)
        if old is not None and before == after:
            continue
        if old is None and after in (None, ""):
            continue
        changes.append(
            field_change(name, label, before, after, long_text=name in long_text)
        )
    return changes
