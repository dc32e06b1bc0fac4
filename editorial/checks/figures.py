"""The same quantity stated with different numbers, across sources or within one.

Two quantities are read: how many nations joined the coalition or pledged forces
(“26 countries”, “twenty-six nations”, “around twenty”, “a 35-nation coalition”) and
the size of the multinational force (“25,000–30,000 troops”, “a 50,000-strong
force”). Each mention becomes a range (“around twenty” is 16–24, “over 30” is 31 and
up); when two ranges cannot both be true, every mention of that quantity is proposed
as a position of one dispute. Dates of the same event are the third kind of figure,
read in ``event_dates``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .findings import Cited, Finding, Kind
from .text import NUMBER, Sentence, number_value, sentence_at, sentences

APPROXIMATE = r"(?i:around|about|some|roughly|approximately|nearly|almost|over|more than|at least|up to|fewer than|less than)"

#: Characters either side of a figure searched for another grouping it may count.
NEAR = 40
#: Counts that belong to another grouping named next to them.
OTHER_BODIES = re.compile(
    r"\b(?:JEF|Joint Expeditionary Force|Interflex|NATO members?|EU members?|G7|G20"
    r"|EU RDC|Rapid Deployment Capacity|Ukraine has)\b"
)
_FROM = re.compile(r"\bfrom\s+$")
NATIONALITY = re.compile(
    r"\b(?:Ukrainian|British|French|German|Polish|Italian|American|Russian|US|U\.S\.)\b"
)


@dataclass(frozen=True)
class Quantity:
    key: str
    question: str
    pattern: re.Pattern
    statement: str  # with {value}

    def label(self) -> str:
        return self.key


QUANTITIES = [
    Quantity(
        key="nations",
        question="How many nations joined the coalition or pledged forces for Ukraine?",
        pattern=re.compile(
            rf"(?:\b(?P<qual>{APPROXIMATE})\s+)?(?<![\d,.])\b(?P<num>{NUMBER})"
            rf"(?:\s*[-–]\s*(?P<num2>{NUMBER}))?(?:-|\s+)(?:[a-z]+\s+){{0,2}}?"
            rf"(?P<unit>(?i:nation-contributors|nations?|countries))\b"
        ),
        statement="{value} nations joined the coalition or pledged forces for Ukraine.",
    ),
    Quantity(
        key="force-size",
        question="How large is the planned multinational force for Ukraine?",
        pattern=re.compile(
            rf"(?:\b(?P<qual>{APPROXIMATE})\s+)?(?<![\d,.])\b(?P<num>{NUMBER})"
            rf"(?:\s*[-–]\s*(?P<num2>{NUMBER}))?(?:-strong\b|\s+(?:[a-z]+\s+)?"
            rf"(?P<unit>(?i:troops|soldiers|personnel))\b)"
        ),
        statement="The multinational force for Ukraine numbers {value} troops.",
    ),
]


@dataclass(frozen=True)
class Mention:
    document: str
    start: int
    end: int
    exact: str
    low: float
    high: float
    label: str


def _range(qualifier: str, value: int, upper: int | None) -> tuple[float, float, str]:
    if upper is not None:
        return value, upper, f"{value:,} to {upper:,}"
    word = (qualifier or "").lower()
    if word in {"around", "about", "some", "roughly", "approximately"}:
        return value * 0.8, value * 1.2, f"Around {value:,}"
    if word in {"nearly", "almost"}:
        return value * 0.85, value - 1, f"Nearly {value:,}"
    if word in {"over", "more than"}:
        return value + 1, math.inf, f"More than {value:,}"
    if word == "at least":
        return value, math.inf, f"At least {value:,}"
    if word == "up to":
        return 0, value, f"Up to {value:,}"
    if word in {"fewer than", "less than"}:
        return 0, value - 1, f"Fewer than {value:,}"
    return value, value, f"{value:,}"


def mentions(
    quantity: Quantity, document: str, body: str, parts: list[Sentence] | None = None
) -> list[Mention]:
    """Every mention of ``quantity`` in one source; ``parts`` are its sentences."""
    found = []
    parts = sentences(body) if parts is None else parts
    for match in quantity.pattern.finditer(body):
        sentence = sentence_at(parts, match.start())
        near = body[
            max(sentence.start, match.start() - NEAR) : min(
                sentence.end, match.end() + NEAR
            )
        ]
        if OTHER_BODIES.search(near):
            continue
        between = body[match.end("num") : match.end()]
        if NATIONALITY.search(between):
            continue  # “60,000 Ukrainian troops” counts one army, not the force
        if _FROM.search(body[max(0, match.start() - 6) : match.start()]):
            continue  # “planners from 30 nations” counts people's origins
        value = number_value(match.group("num"))
        upper = number_value(match.group("num2")) if match.group("num2") else None
        if quantity.key == "force-size" and value < 1000:
            continue
        low, high, label = _range(match.group("qual"), value, upper)
        found.append(
            Mention(
                document, match.start(), match.end(), match.group(), low, high, label
            )
        )
    return found


def any_incompatible(ranges) -> bool:
    """Whether two of the ``(low, high)`` ranges cannot both be true.

    Two ranges conflict when one starts above where the other ends; the widest such
    gap is between the highest start and the lowest end, so one pass over the ranges
    answers (comparing every pair grew with the square of the mentions).
    """
    starts = sorted(((low, i) for i, (low, _) in enumerate(ranges)), reverse=True)[:2]
    ends = sorted((high, i) for i, (_, high) in enumerate(ranges))[:2]
    return any(low > high for low, i in starts for high, j in ends if i != j)


def figure_mentions(document: str, body: str, parts: list[Sentence]) -> tuple:
    """Each quantity's mentions in one source, in the order of ``QUANTITIES``."""
    return tuple(mentions(quantity, document, body, parts) for quantity in QUANTITIES)


def conflicting_figures(documents) -> list[Finding]:
    """``documents`` are ``(key, body)`` pairs; the dates do not matter here."""
    read = [figure_mentions(key, body, sentences(body)) for key, body in documents]
    return figure_conflicts(
        [[m for found in read for m in found[i]] for i in range(len(QUANTITIES))]
    )


def figure_conflicts(found_by_quantity) -> list[Finding]:
    """The findings for every mention of each quantity whose mentions conflict."""
    findings = []
    for quantity, found in zip(QUANTITIES, found_by_quantity, strict=True):
        if not any_incompatible([(mention.low, mention.high) for mention in found]):
            continue
        labels = sorted({mention.label for mention in found})
        first = {}
        for mention in found:
            first.setdefault(mention.label, mention)
        for mention in found:
            others = ", ".join(label for label in labels if label != mention.label)
            contradicting = tuple(
                Cited(
                    citation=f"source {other.document}: “{other.exact}”",
                    note=f"Another mention says {label}.",
                )
                for label, other in first.items()
                if label != mention.label
            )
            findings.append(
                Finding(
                    kind=Kind.FIGURES,
                    document=mention.document,
                    start=mention.start,
                    end=mention.end,
                    exact=mention.exact,
                    statement=quantity.statement.format(value=mention.label),
                    explanation=(
                        f"“{mention.exact}” says {mention.label}; other mentions say "
                        f"{others}."
                    ),
                    evidence=contradicting,
                    group=f"figures:{quantity.key}",
                    question=quantity.question,
                )
            )
    return findings
