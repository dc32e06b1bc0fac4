"""What a check proposes: the words to highlight, the claim, and the evidence it rests on."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


class Kind:
    ANACHRONISM = "anachronism"
    FIGURES = "figures"
    IDENTITY = "identity"
    RESTATED = "restated"

    CHOICES = [
        (ANACHRONISM, "Office anachronism"),
        (FIGURES, "Conflicting figures"),
        (IDENTITY, "Conflicting identities"),
        (RESTATED, "Known claim restated"),
    ]


@dataclass(frozen=True)
class Cited:
    """A piece of evidence: a citation (URL or reference) and what it shows."""

    citation: str
    note: str
    supports: bool = False
    #: When the evidence is another source's words stating the other side of a
    #: conflict: where they are (``document``, ``start``, ``end``, ``exact``) and what
    #: they state, so a dispute can hold them as a position without their being
    #: flagged themselves.
    document: str = ""
    start: int | None = None
    end: int | None = None
    exact: str = ""
    statement: str = ""


@dataclass(frozen=True)
class Finding:
    """One proposal about the words ``[start, end)`` of document ``document``.

    Findings sharing a ``group`` are positions of one proposed dispute asking
    ``question``; ``claim_id`` names a claim the desk already tracks (restatements).
    """

    kind: str
    document: str
    start: int
    end: int
    exact: str
    statement: str
    explanation: str
    stance: str = "assert"
    evidence: tuple[Cited, ...] = field(default_factory=tuple)
    group: str = ""
    question: str = ""
    claim_id: int | None = None

    @property
    def sort_key(self):
        return (self.document, self.start, self.end, self.kind, self.statement)


def majority(sources: dict) -> object | None:
    """The value that more sources state than any other, when at least two do.

    ``sources`` maps each value a conflict's mentions give to the set of sources
    stating it (a source stating two values counts for both). The other values are
    then the outliers: only their words are suspect. With no such value (one source
    against one, or a tie) nothing decides and every side is suspect.
    """
    ranked = sorted(sources.items(), key=lambda item: -len(item[1]))
    if not ranked or len(ranked[0][1]) < 2:
        return None
    if len(ranked) > 1 and len(ranked[1][1]) >= len(ranked[0][1]):
        return None
    return ranked[0][0]


def agreed(group: list, found: list, *, value, holds, same):
    """The value most of the story's sources give, with one mention of it per source,
    when that decides the conflict (:func:`majority`); else None.

    ``value(mention)`` is what a mention of the conflict ``group`` states; a mention
    of ``found`` outside the group counts for a value when ``holds(mention, value)``
    for that value only and ``same(mention, member) > 0`` for a member of the group.
    """
    values = list(dict.fromkeys(value(m) for m in group))
    sources: dict = defaultdict(set)
    stating: dict = defaultdict(dict)
    for mention in group:
        sources[value(mention)].add(mention.document)
        stating[value(mention)].setdefault(mention.document, mention)
    inside = {id(m) for m in group}
    for other in found:
        if id(other) in inside:
            continue
        held = [v for v in values if holds(other, v)]
        if len(held) != 1 or other.document in sources[held[0]]:
            continue
        if any(same(other, m) > 0 for m in group):
            sources[held[0]].add(other.document)
            stating[held[0]].setdefault(other.document, other)
    chosen = majority(sources)
    if chosen is None:
        return None
    return chosen, list(stating[chosen].values())


def components(pairs, order) -> list[list]:
    """The connected groups of ``pairs`` (mentions put against each other), each
    sorted by ``order`` and the groups by their first member."""
    parent: dict = {}

    def root(item):
        while parent.setdefault(item, item) is not item:
            item = parent[item]
        return item

    for a, b in pairs:
        parent[root(a)] = root(b)
    groups = defaultdict(list)
    for item in list(parent):
        groups[id(root(item))].append(item)
    return sorted(
        (sorted(g, key=order) for g in groups.values()), key=lambda g: order(g[0])
    )
