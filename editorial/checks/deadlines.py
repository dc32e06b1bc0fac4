"""Deadlines a text states: the year something is due by (“net zero by 2050”).

A deadline is a ``quantities.Quantity`` of unit ``deadline`` whose value is the year,
read from “by 2035”, “before 2030”, “no later than 2040”, “by the end of 2027”, “a 2030
deadline” and “the deadline of 2030”. What is due is told by the words before it
(“phase out coal”), so two deadlines are compared only when those words are much
alike (``figures.same_thing`` treats an unknown noun as weak).
"""

from __future__ import annotations

import bisect
import re

from .nouns import clause
from .quantities import Quantity, Sentences
from .words import MARKERS, content_words

DEADLINE = re.compile(
    r"\b(?:(?:by|before|no\s+later\s+than)\s+(?:the\s+end\s+of\s+)?(?P<year>(?:19|20)\d\d)"
    r"|(?:a|the)\s+(?P<year2>(?:19|20)\d\d)\s+deadline"
    r"|deadline\s+of\s+(?P<year3>(?:19|20)\d\d))\b(?![-–]\d)"
)


def deadlines(document: str, body: str, sentences: Sentences) -> list[Quantity]:
    """Every deadline ``body`` states (one pass; each sentence split into words once)."""
    found = []
    for match in DEADLINE.finditer(body):
        year = int(match.group("year") or match.group("year2") or match.group("year3"))
        index = sentences.index(match.start())
        part = sentences.parts[index]
        words, starts, context = sentences.words(index)
        at = bisect.bisect_left(starts, match.start())
        after = bisect.bisect_left(starts, match.end())
        window = [w.group().lower() for w in words[max(0, at - 6) : at]]
        window += [w.group().lower() for w in words[after : after + 3]]
        found.append(
            Quantity(
                document=document,
                start=match.start(),
                end=match.end(),
                exact=match.group(),
                low=year,
                high=year,
                label=f"by {year}",
                unit="deadline",
                noun=None,
                modifiers=frozenset(),
                owner=frozenset(),
                markers=frozenset(MARKERS[w] for w in window if w in MARKERS),
                years=frozenset(),
                deadline=None,
                context=context,
                near=content_words(window),
                clause=clause(body, part, match.start(), match.end()),
                phrase="",
            )
        )
    return found
