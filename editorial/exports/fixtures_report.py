"""What a fixture load did: its report, and what it wrote, a few bytes an object."""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class LoadReport:
    inserted: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    kept: Counter = field(default_factory=Counter)
    history_rows: int = 0

    def lines(self) -> list[str]:
        def listed(counter):
            return ", ".join(f"{n} {label}" for label, n in sorted(counter.items()))

        return [
            f"Inserted: {listed(self.inserted) or 'nothing'}.",
            f"Updated: {listed(self.updated) or 'nothing'}.",
            f"Kept as they were: {listed(self.kept) or 'nothing'}.",
        ]

    def __str__(self):
        return " ".join(self.lines())


CREATED, UPDATED, KEPT = 1, 2, 3


class Written:
    """One model's objects written by the load, in load order, a few bytes each."""

    def __init__(self):
        self.pks = array("q")
        self.files = array("H")
        self.indexes = array("q")
        self.states = array("b")
        #: 1 where the object was checked as its batch went in (``fixtures_verify``).
        self.checked = bytearray()

    def add(self, pk: int, file: int, index: int, state: int) -> int:
        self.pks.append(pk)
        self.files.append(file)
        self.indexes.append(index)
        self.states.append(state)
        self.checked.append(0)
        return len(self.pks) - 1

    def truncate(self, length: int) -> None:
        """Forget the objects from position ``length`` on (a batch written again)."""
        for kept in (self.pks, self.files, self.indexes, self.states, self.checked):
            del kept[length:]

    def extend(self, pks, file: int, indexes) -> int:
        """New objects (``CREATED``) from one file; the position of the first."""
        first = len(self.pks)
        self.pks.extend(pks)
        self.files.extend([file] * len(pks))
        self.indexes.extend(indexes)
        self.states.extend([CREATED] * len(pks))
        self.checked.extend(bytes(len(pks)))
        return first
