"""Story figures and story events: what editors told the checks about one story.

The general checks compare two mentions only when their words show they measure the
same thing. An editor who knows a story can say more, as data (``reference``'s story
figures and events, per story): that every count of “ports” or “harbours” in a
sentence about the strike is how many ports it closed, or that “the founding congress
of the union” and “launched as a union” name the union's founding. Within that story's
sources, every such mention is then compared with every other, in one source as
across sources, and each figure or date said is one position of one dispute asking
the editor's question. Their mentions are taken out of the general findings, so
nothing is proposed twice.

* A figure counts when its noun is one of the story figure's counted nouns, its
  sentence holds one of the context words (any sentence when none is given) and none
  of the excluded names, and nothing marks it as another measure (an earlier figure,
  a proposal, a threshold: ``quantities`` markers; “a 12-nation bloc” is plain).
* An event mention is dated by the date in its sentence nearest its words; with no
  date there, a wording that reports it as news dates it to the week to the source's
  publication (a dated source only).

When most of the story's sources agree on one value (``findings.majority``), only the
mentions that cannot agree with it are flagged; otherwise every mention that cannot
agree with another is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from itertools import islice

from .dates import When, dates_in, format_day, read_date
from .findings import Cited, Finding, Kind, majority
from .numbers import overlap as numbers_overlap
from .reference import EventWatch, FigureWatch
from .text import sentence_at, sentences

#: Days before its publication a source reports an undated event “as news”.
NEWS_DAYS = 7
#: Mentions of one story event read per source, at most.
PER_SOURCE = 40
#: Mentions of one story figure or event compared, at most (by pairs).
CANDIDATES = 200
_QUOTES = "'‘’\"“”"


@dataclass(frozen=True)
class Said:
    """One value a story's source states for a story figure or event."""

    document: str
    start: int
    end: int
    exact: str
    value: tuple
    label: str
    statement: str


def watched_findings(watches, read) -> tuple[list[Finding], set]:
    """The findings of ``watches`` over ``read`` (``(document, reading)`` pairs of one
    story) and the ``(document, start, end)`` of every mention they matched, so the
    general findings on those words can be left out."""
    findings, matched = [], set()
    for watch in watches:
        if isinstance(watch, FigureWatch):
            found = _figures(watch, read)
        else:
            found = _events(watch, read)
        matched |= {(s.document, s.start, s.end) for s in found}
        said = _first_of_each_value(found)[:CANDIDATES]
        findings += _conflicts(watch, said)
    return findings, matched


def overlaps_any(finding: Finding, matched: set) -> bool:
    return any(
        document == finding.document and start < finding.end and finding.start < end
        for document, start, end in matched
    )


def _words(phrases) -> re.Pattern | None:
    """Any of ``phrases``, whole words, any case, quotation marks and spaces free."""
    if not phrases:
        return None
    parts = []
    for phrase in phrases:
        words = [re.escape(word) for word in phrase.split()]
        parts.append(rf"[\s{_QUOTES}]+".join(words))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def _first_of_each_value(said) -> list[Said]:
    """One mention per value per source: its first words (the rest repeat it)."""
    first: dict = {}
    for one in said:
        first.setdefault((one.document, one.value), one)
    return list(first.values())


def _figures(watch: FigureWatch, read) -> list[Said]:
    context = _words(watch.context)
    excluded = _words(watch.excluded)
    said = []
    for document, reading in read:
        parts = None
        for mention in reading.figures:
            if mention.unit != "count" or mention.noun not in watch.counted:
                continue
            if mention.markers - {"size"}:
                continue
            parts = parts or sentences(document.body)
            sentence = sentence_at(parts, mention.start).text
            if context is not None and not context.search(sentence):
                continue
            if excluded is not None and excluded.search(sentence):
                continue
            said.append(
                Said(
                    document.key,
                    mention.start,
                    mention.end,
                    mention.exact,
                    (mention.low, mention.high),
                    mention.label,
                    _sentence(watch.statement.replace("{value}", mention.label)),
                )
            )
    return said


def _events(watch: EventWatch, read) -> list[Said]:
    names = _words(watch.names)
    news = _words(watch.as_news)
    said = []
    if names is None:
        return said
    for document, _ in read:
        body, published = document.body, document.published_on
        parts = None
        # A source names an event a few times; a text repeating it thousands of
        # times is read no further (each mention reads its sentence's dates).
        for match in islice(names.finditer(body), PER_SOURCE):
            parts = parts or sentences(body)
            sentence = sentence_at(parts, match.start())
            when, start, end = _nearest_date(sentence, match, published)
            if when is None and published is not None and news is not None:
                if news.search(body, sentence.start, match.end()):
                    when = When(
                        published - timedelta(days=NEWS_DAYS),
                        published,
                        f"the week to {format_day(published)}",
                    )
            if when is None:
                continue
            said.append(
                Said(
                    document.key,
                    start,
                    end,
                    body[start:end],
                    (when.low, when.high),
                    when.label,
                    _sentence(watch.statement.replace("{when}", when.phrase)),
                )
            )
    return said


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _nearest_date(sentence, match, published):
    """The date in ``sentence`` nearest the event's words, and the span of both."""
    best, best_distance = (None, match.start(), match.end()), None
    for found in dates_in(sentence.text):
        when = read_date(found, published, sentence.text)
        if when is None:
            continue
        start, end = sentence.start + found.start(), sentence.start + found.end()
        distance = max(start - match.end(), match.start() - end, 0)
        if best_distance is None or distance < best_distance:
            best_distance = distance
            best = (when, min(start, match.start()), max(end, match.end()))
    return best


def _days_agree(a: tuple, b: tuple) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _conflicts(watch, said: list[Said]) -> list[Finding]:
    overlap = numbers_overlap if isinstance(watch, FigureWatch) else _days_agree
    values = list(dict.fromkeys(s.value for s in said))
    if not any(not overlap(a, b) for a in values for b in values):
        return []
    sources: dict = {}
    for s in said:
        sources.setdefault(s.value, set()).add(s.document)
    record = majority(sources)
    first = {}
    for s in said:
        first.setdefault(s.value, s)
    findings = []
    for s in said:
        if record is not None:
            if overlap(s.value, record):
                continue
            others = [first[record]]
        else:
            others = [o for v, o in first.items() if not overlap(v, s.value)]
        if not others:
            continue
        findings.append(_finding(watch, s, others, record is not None))
    return findings


def _finding(watch, s: Said, others: list[Said], decided: bool) -> Finding:
    where = "; ".join(
        f"{'this source' if o.document == s.document else f'source {o.document}'} "
        f"says {o.label} (“{o.exact}”)"
        for o in others
    )
    why = " Most of the story's sources agree on it." if decided else ""
    return Finding(
        kind=Kind.FIGURES,
        document=s.document,
        start=s.start,
        end=s.end,
        exact=s.exact,
        statement=s.statement,
        explanation=f"“{s.exact}” says {s.label}; {where}.{why} (A story "
        f"{'figure' if isinstance(watch, FigureWatch) else 'event'} an editor "
        f"described: “{watch.question}”)",
        evidence=tuple(
            Cited(
                citation=f"source {o.document}: “{o.exact}”",
                note=f"Another mention says {o.label}.",
                document=o.document,
                start=o.start,
                end=o.end,
                exact=o.exact,
                statement=o.statement,
            )
            for o in others
        ),
        group=(
            f"figures:story:{watch.key}"
            if isinstance(watch, FigureWatch)
            else f"figures:date:story:{watch.key}"
        ),
        question=watch.question,
    )
