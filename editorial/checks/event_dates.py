"""The same event dated differently in two sources of one story, and wrong weekdays.

An event is named by an event word (``events.TRIGGER_WORDS``: “summit”, “election”,
“funeral”, “ceasefire”, “signing”, …, or a verb that makes one: “elected”,
“signed”, “died”) with its qualifiers: the names in its noun phrase or after it
(“the EU–Japan Akasaka Palace summit”, “the summit in Tokyo”, “Chile's national
election”) and its phase (“the conference opened on …”, “the talks were to end on
…”). Each date in a sentence (``dates.DATE``) is attached to the event word nearest
it and the event word takes the nearest of the dates attached to it, within
``REACH`` characters (a date before the word only when at most three words part
them: “the February 24 election”, not “met on Monday to discuss the agreement”); a
date inside quotation marks is not the source's own dating and is not read.

Two dated mentions in different sources are the same event when the event word and
phase are the same and their qualifiers agree (one's names are among the other's:
“the Akasaka Palace summit” and “the Tokyo summit at the Akasaka Palace”, not “the
EU–Japan Akasaka Palace summit” and “the Tokyo summit on shipping”). Events that recur
(elections, summits, meetings) are told apart by their dates: two mentions more than
``RECUR_DAYS`` apart (``NAMED_RECUR_DAYS`` when both are named) are taken to be two
occurrences, not one event dated twice; everyday events (a meeting, a speech, a
visit) are compared only when both mentions name them. A conflict is a pair whose
ranges of days cannot both be true; each mention is put against the one most like it.
Only mentions in different sources are compared.

A weekday written with a date it does not fall on (“Wednesday, 4 July” in 2024) is a
finding by itself, whatever else the story says. Reading is one pass of each pattern
over the text; sentences are found by bisection, never rescanned per match.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass

from .dates import When, dates_in, format_day, gap, read_date, witness
from .events import EVERYDAY, TOKEN, event_at
from .events import triggers as event_words
from .findings import Cited, Finding, Kind, Report, decided
from .text import sentences as split_sentences

#: Characters between an event word and its date, at most.
REACH = 80
RECUR_DAYS = 14
NAMED_RECUR_DAYS = 45
#: Dated mentions kept per source and event (repeated phrases say nothing new).
PER_SOURCE = 40
#: Mentions of one event compared by pairs, at most (a story names an event a few
#: dozen times; a crowded bucket is cut rather than compared in quadratic time).
CANDIDATES = 400


@dataclass(frozen=True)
class Dated:
    document: str
    start: int
    end: int
    exact: str
    event: str
    phase: str
    names: frozenset
    when: When
    #: The event's words as written (“the February 24 election”).
    words: str


def date_mentions(document: str, body: str, published, parts) -> tuple:
    """Every dated event one source names, and each weekday that contradicts its date.

    A date and an event word are paired when each is the other's nearest in the
    sentence (“won on Friday after … the election on Thursday, 4 July”: the
    election's date is the Thursday).
    """
    starts = [part.start for part in parts]
    triggers = defaultdict(list)
    starts_of = defaultdict(list)
    for match in event_words(body):
        index = bisect.bisect_right(starts, match.start()) - 1
        triggers[index].append(match)
        starts_of[index].append(match.start())
    found, seen, per_event = [], set(), defaultdict(int)
    chosen: dict = {}
    said_before = set()
    for match in dates_in(body):
        index = bisect.bisect_right(starts, match.start()) - 1
        # The same words around the same date say the same again: read them once.
        at = match.start()
        said = (body[max(0, at - REACH - 40) : at], body[at : match.end() + REACH])
        if index < 0 or said in said_before:
            continue
        said_before.add(said)
        part = parts[index]
        # Quotation marks counted back from the date, within a bounded reach.
        lead = body[max(part.start, match.start() - REACH * 4) : match.start()]
        if (lead.count("“") > lead.count("”")) or lead.count('"') % 2:
            continue
        # The words around the date tell a future from a past (bounded: a sentence
        # may be endless).
        around = body[max(part.start, match.start() - 200) : match.end() + 40]
        when = read_date(match, published, around)
        if when is None:
            continue
        in_sentence = triggers.get(index, [])
        nearest = _nearest(body, (in_sentence, starts_of.get(index, [])), match)
        if when.weekday_wrong:
            found.append(_weekday(document, match, when))
        if nearest is None:
            continue
        distance, trigger = nearest
        kept = chosen.get(trigger.start())
        if kept is None or distance < kept[0]:
            chosen[trigger.start()] = (distance, trigger, match, when, part)
    for _, trigger, match, when, part in sorted(
        chosen.values(), key=lambda c: c[2].start()
    ):
        event = event_at(body, trigger, part)
        if event is None:
            continue
        key = (event.event, event.phase, event.names, when.low, when.high)
        if key in seen or per_event[event.event] >= PER_SOURCE:
            continue
        seen.add(key)
        per_event[event.event] += 1
        start, end = min(event.start, match.start()), max(event.end, match.end())
        found.append(
            Dated(
                document,
                start,
                end,
                body[start:end],
                event.event,
                event.phase,
                event.names,
                when,
                event.words,
            )
        )
    return tuple(found)


def _nearest(body, triggers, match):
    """The event word nearest the date, within ``REACH``: ``(distance, match)``.

    ``triggers`` are one sentence's event words in order, with their starts: only
    those within reach are looked at, so a long sentence costs no more per date.
    """
    words, starts = triggers
    best = None
    first = bisect.bisect_left(starts, match.start() - REACH - 40)
    last = bisect.bisect_right(starts, match.end() + REACH)
    for trigger in words[first:last]:
        if trigger.end() <= match.start():
            distance = match.start() - trigger.end()
        elif trigger.start() >= match.end():
            distance = trigger.start() - match.end()
            between = TOKEN.findall(body[match.end() : trigger.start()])
            if len(between) > 3 or "that" in between:
                # “met on Monday to discuss the agreement”, “said on Thursday that
                # the deal …”: the date is the meeting's, the saying's.
                continue
        else:
            continue
        if distance <= REACH and (best is None or distance < best[0]):
            best = (distance, trigger)
    return best


def _weekday(document, match, when) -> Dated:
    """A weekday written with a date that does not fall on it."""
    return Dated(
        document,
        match.start(),
        match.end(),
        match.group(),
        "weekday",
        "",
        frozenset(),
        when,
        "",
    )


def conflicting_dates(documents) -> list[Finding]:
    """``documents`` are ``(key, body, published_on)``; undated ones read fewer dates."""
    found, reports = [], {}
    for key, body, published in documents:
        found += date_mentions(key, body, published, split_sentences(body))
        reports[key] = Report(published)
    return date_conflicts(found, reports=reports)


def same_event(a: Dated, b: Dated) -> float:
    """How alike two dated mentions are as one event (0: not the same event)."""
    if a.document == b.document or a.event != b.event or a.phase != b.phase:
        return 0.0
    if a.event == "weekday":
        return 0.0
    if a.names and b.names and not (a.names <= b.names or b.names <= a.names):
        return 0.0
    named = bool(a.names and b.names)
    if a.event in EVERYDAY and not named:
        return 0.0
    if gap(a.when, b.when) > (NAMED_RECUR_DAYS if named else RECUR_DAYS):
        return 0.0
    return 1.0 + len(a.names & b.names)


def date_conflicts(
    mentions, wanted: set[str] | None = None, reports: dict | None = None
) -> list[Finding]:
    """Findings for wrong weekdays and for events dated differently across sources.

    With ``wanted``, only findings about those sources' mentions are looked for. With
    ``reports`` (``findings.Report`` by source), one source against one other is
    decided by the better witness (``dates.witness``), else by which reported first.
    """
    if wanted is not None:
        mentions = _around(mentions, wanted)
    findings = [_weekday_finding(m) for m in mentions if m.event == "weekday"]
    by_event = defaultdict(list)
    for mention in mentions:
        if mention.event != "weekday":
            by_event[mention.event].append(mention)
    for found in by_event.values():
        if max(m.when.low for m in found) <= min(m.when.high for m in found):
            continue  # one day fits every mention: nothing can conflict
        found = found[:CANDIDATES]
        pairs = set()
        for a in found:
            best, best_score = None, 0.0
            for b in found:
                score = same_event(a, b)
                if score > best_score:
                    best, best_score = b, score
            if best is not None and gap(a.when, best.when) > 0:
                pairs.add(tuple(sorted((a, best), key=lambda m: (m.document, m.start))))
        findings += _findings(pairs, found, reports)
    return findings


def _around(mentions, wanted):
    """The wanted sources' mentions and the mentions of the events they date."""
    events = {m.event for m in mentions if m.document in wanted}
    return [
        m
        for m in mentions
        if m.document in wanted or (m.event in events and m.event != "weekday")
    ]


def _findings(pairs, found, reports) -> list[Finding]:
    members: dict = {}
    for a, b in sorted(pairs, key=lambda p: (p[0].document, p[0].start)):
        group = members.get(a) or members.get(b) or []
        for m in (a, b):
            if m not in group:
                group.append(m)
            members[m] = group
    findings = []
    done = set()
    for group in members.values():
        if id(group) in done:
            continue
        done.add(id(group))
        first = group[0]
        name = " ".join(sorted(first.names))
        key = f"figures:date:{first.event}:{first.phase}:{name}".rstrip(":")
        question = _question(first)
        decision = _decided(group, found, reports)
        for mention in group:
            if decision is None:
                others = [m for m in group if m.when != mention.when]
            elif (mention.when.low, mention.when.high) == decision.value:
                continue  # the record: the story's sources or its best report
            else:
                others = decision.record
            findings.append(
                Finding(
                    kind=Kind.FIGURES,
                    document=mention.document,
                    start=mention.start,
                    end=mention.end,
                    exact=mention.exact,
                    statement=f"{_what(mention)} {mention.when.phrase}.",
                    explanation=(
                        f"“{mention.exact}” dates it {mention.when.phrase}; "
                        + "; ".join(
                            f"source {o.document} dates it {o.when.phrase} (“{o.exact}”)"
                            for o in others
                        )
                        + "."
                        + (
                            ""
                            if decision is None
                            else " " + decision.why
                            if decision.why
                            else f" {len(others)} sources agree on it."
                        )
                    ),
                    evidence=tuple(
                        Cited(
                            citation=f"source {o.document}: “{o.exact}”",
                            note=f"Another source dates it {o.when.phrase}.",
                            document=o.document,
                            start=o.start,
                            end=o.end,
                            exact=o.exact,
                            statement=f"{_what(o)} {o.when.phrase}.",
                        )
                        for o in others
                    ),
                    group=key,
                    question=question,
                )
            )
    return findings


def _decided(group: list[Dated], found: list[Dated], reports):
    """The dating taken as the record (``findings.decided``): most of the story's
    sources give it, or one source against one, the better witness (``dates.witness``) or
    else the first report.

    A mention outside the conflict counts for a dating when it is the same event as
    one of the conflict's mentions and its days fit that dating only.
    """
    return decided(
        group,
        found,
        value=lambda m: (m.when.low, m.when.high),
        holds=lambda other, value: (
            other.when.low <= value[1] and value[0] <= other.when.high
        ),
        same=same_event,
        reports=reports,
        witness=lambda m, report: witness(m.when, m.exact, report.published_on),
    )


def _name(mention: Dated) -> str:
    names = " ".join(sorted(mention.names)).title()
    return f"the {names + ' ' if names else ''}{mention.event}"


def _what(mention: Dated) -> str:
    phase = {"start": "began", "end": "ended"}.get(mention.phase, "took place")
    return f"{_name(mention)[0].upper()}{_name(mention)[1:]} {phase}"


def _question(mention: Dated) -> str:
    verb = {"start": "begin", "end": "end"}.get(mention.phase, "take place")
    return f"When did {_name(mention)} {verb}?"


def _weekday_finding(mention: Dated) -> Finding:
    day = mention.when.low
    right = f"{day:%A}"
    return Finding(
        kind=Kind.FIGURES,
        document=mention.document,
        start=mention.start,
        end=mention.end,
        exact=mention.exact,
        statement=f"{format_day(day)} was a {mention.when.weekday_wrong}.",
        explanation=(
            f"“{mention.exact}”: {format_day(day)} was a {right}, not a "
            f"{mention.when.weekday_wrong}; the weekday or the date is wrong."
        ),
        evidence=(
            Cited(
                citation="the calendar",
                note=f"{format_day(day)} fell on a {right}.",
            ),
        ),
        group=f"figures:date:weekday:{mention.document}:{mention.start}",
        question=f"Which day is “{mention.exact}”: {format_day(day)} was a {right}?",
    )
