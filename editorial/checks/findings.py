"""What a check proposes: the words to highlight, the claim, and the evidence it rests on."""

from __future__ import annotations

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
