"""What the desk already has, as the checks see it: pure values, no Django.

A finding whose words are already highlighted with a claim attaches to that claim; a
finding already proposed for the same claim, or whose claim is already a position of
the open dispute asking the same question, is not proposed again.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class DeskWork:
    #: Per source id: ``(start, end, claim_id)`` of its current text's highlights
    #: tied to claims.
    linked: dict[int, list[tuple[int, int, int]]] = field(default_factory=dict)
    #: ``(source_id, kind, claim_id)`` of every suggestion naming a claim.
    proposed: set[tuple[int, str, int]] = field(default_factory=set)
    #: Per question (``same_question``): the claims of the open disputes asking it.
    disputed: dict[str, set[int]] = field(default_factory=dict)


def same_question(question: str) -> str:
    """A question as compared: case, spacing and the final mark do not count."""
    return " ".join((question or "").lower().split()).rstrip(" ?.")


def claim_at(linked, start: int, end: int) -> int | None:
    """The claim highlighted on the words ``[start, end)``: the same words first,
    else the highlight overlapping them most; None when no highlight touches them."""
    best, most = None, 0
    for low, high, claim_id in linked:
        if (low, high) == (start, end):
            return claim_id
        shared = min(end, high) - max(start, low)
        if shared > most:
            best, most = claim_id, shared
    return best
