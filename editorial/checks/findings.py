"""What a check proposes: the words to highlight, the claim, and the evidence it rests on."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date


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


@dataclass(frozen=True)
class Report:
    """What the checks know of a source besides its text: its day and its title."""

    published_on: date | None = None
    title: str = ""


@dataclass(frozen=True)
class Decision:
    """How a conflict was decided: the ``value`` taken as the record, the ``record``
    mentions stating it (one per source) and ``why`` (empty when most sources agree;
    else a sentence naming the report the other side departs from)."""

    value: object
    record: list
    why: str = ""


def _tally(group: list, found: list, value, holds, same):
    """The sources stating each value of the conflict ``group`` (see ``agreed``)."""
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
    return sources, stating


def agreed(group: list, found: list, *, value, holds, same):
    """The value most of the story's sources give, with one mention of it per source,
    when that decides the conflict (:func:`majority`); else None.

    ``value(mention)`` is what a mention of the conflict ``group`` states; a mention
    of ``found`` outside the group counts for a value when ``holds(mention, value)``
    for that value only and ``same(mention, member) > 0`` for a member of the group.
    """
    decision = decided(group, found, value=value, holds=holds, same=same)
    return None if decision is None else (decision.value, decision.record)


def decided(
    group: list, found: list, *, value, holds, same, reports=None, witness=None
) -> Decision | None:
    """How the conflict ``group`` is decided, when anything decides it; else None.

    Most sources agreeing decide it (:func:`agreed`). Else, with ``reports`` (each
    source's :class:`Report` by key), one source against one other is decided by
    :func:`first_report`.
    """
    sources, stating = _tally(group, found, value, holds, same)
    chosen = majority(sources)
    if chosen is not None:
        return Decision(chosen, list(stating[chosen].values()))
    if reports is None:
        return None
    return first_report(sources, stating, reports, witness)


def first_report(sources: dict, stating: dict, reports: dict, witness=None):
    """One source against one other: the earlier report is the record and the later
    one the departure to check (a restatement drifting from the first report).

    ``witness(mention, report)`` may rank a side as a better witness first (a date
    reported on the event's day): ``(rank, words)``, the higher rank the record, its
    words naming it with ``{}`` where the report's title and day go.
    Sources published the same day, or a side without a day, decide nothing: both
    sides are then suspect.
    """
    sides = [(v, s) for v, s in sources.items() if s]
    if len(sides) != 2 or any(len(s) != 1 for _, s in sides):
        return None
    (one, [a]), (two, [b]) = sides
    if a == b or a not in reports or b not in reports:
        return None
    first, second = reports[a], reports[b]
    if None in (first.published_on, second.published_on) or (
        first.published_on == second.published_on
    ):
        return None
    mention = {one: stating[one][a], two: stating[two][b]}
    if witness is not None:
        ranks = {
            one: witness(mention[one], first),
            two: witness(mention[two], second),
        }
        if ranks[one][0] != ranks[two][0]:
            best = max(ranks, key=lambda v: ranks[v][0])
            report = first if best == one else second
            words = ranks[best][1].format(_named(report, mention[best]))
            return Decision(best, [mention[best]], f"It departs from {words}.")
    best = one if first.published_on < second.published_on else two
    report = first if best == one else second
    return Decision(
        best,
        [mention[best]],
        f"It departs from the first report, {_named(report, mention[best])}.",
    )


def _named(report: Report, mention) -> str:
    title = f"“{report.title}”" if report.title else f"source {mention.document}"
    day = report.published_on
    return f"{title}, {day.day} {day:%B %Y}"


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
