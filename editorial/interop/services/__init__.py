"""Imports from other tools, each through the desk's own services, with a report of
what was imported, what was already on the desk, and what was refused and why."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    matched: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [
            f"{len(self.imported)} imported, {len(self.matched)} already on the desk, "
            f"{len(self.refused)} refused."
        ]
        lines += [f"  imported: {line}" for line in self.imported]
        lines += [f"  already on the desk: {line}" for line in self.matched]
        lines += [f"  refused: {what}: {why}" for what, why in self.refused]
        return "\n".join(lines)
