"""Sets of small integers as the bits of one Python integer (``checks.restated``'s
word index: a word's references are one integer, shared words a few operations)."""

from __future__ import annotations

from operator import itemgetter


def at_least(times: int, masks: list[int]) -> int:
    """The bits set in at least ``times`` of ``masks``, as one integer.

    Counted with whole integers as bit-sliced counters (``seen[k]``: the bits set in
    more than ``k`` masks so far), so a word shared by thousands of references costs a
    few integer operations, not a loop over thousands.
    """
    seen = [0] * times
    for mask in masks:
        for k in range(times - 1, 0, -1):
            seen[k] |= seen[k - 1] & mask
        seen[0] |= mask
    return seen[-1]


def bits(mask: int) -> list[int]:
    """The positions of the bits set in ``mask``, lowest first."""
    bits = bin(mask)[:1:-1]
    found = []
    at = bits.find("1")
    while at != -1:
        found.append(at)
        at = bits.find("1", at + 1)
    return found


def pick(items: list, indexes: list[int]) -> list:
    if len(indexes) < 2:
        return [items[index] for index in indexes]
    return list(itemgetter(*indexes)(items))
