"""Different people named for the same role at the same event, across sources.

Sources published on the same day report the same event. For each role at that
event (a head of state or government of a country, or its envoy), the sources should
name the same person; a source that names another person, or leaves the role unnamed
while another names it, is a conflict. Every mention becomes a position of one
proposed dispute.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from datetime import date

from .findings import Cited, Finding, Kind
from .offices import Attribution, OfficeReader, format_day
from .reference import ReferenceData
from .text import sentences
from .titles import TitleMention, anchored_years, title_mentions

ROLES_AT_EVENTS = {
    "head_of_state",
    "head_of_government",
    "head_of_state_and_government",
    "envoy",
}


def _the(country: str) -> str:
    return f"the {country}" if country.startswith(("United", "Czech")) else country


def roles_at_events(
    reference: ReferenceData, attributions: list[Attribution]
) -> list[tuple[str, str, Attribution]]:
    """``(country, kind, attribution)`` for each role at an event named in one source.

    ``attributions`` are the source's named and unnamed ones, in reading order.
    """
    found = []
    for attribution in attributions:
        if attribution.qualifier in {"then", "former", "past"}:
            continue
        offices = [reference.offices[office] for office in attribution.offices]
        # “Britain's Keir Starmer” holds the premiership and his party's lead: the
        # role at an event is the one of a head of state, government or envoy.
        roles = {
            (office.country, office.kind)
            for office in offices
            if office.kind in ROLES_AT_EVENTS
        }
        if len(roles) != 1:
            continue
        country, kind = roles.pop()
        found.append((country, kind, attribution))
    return found


def conflicting_identities(
    reference: ReferenceData, reader: OfficeReader, documents
) -> list[Finding]:
    """``documents`` are ``(key, body, published_on)``; undated ones are skipped."""
    read = []
    for key, body, day in documents:
        if day is None:
            continue
        parts = sentences(body)
        named = reader.attributions(key, body, parts)
        unnamed = reader.unnamed(key, body, named, parts)
        read.append((key, day, roles_at_events(reference, [*named, *unnamed])))
    return identity_conflicts(reference, read)


def identity_conflicts(reference: ReferenceData, read) -> list[Finding]:
    """``read`` holds ``(key, published_on, roles_at_events(...))`` per dated source.

    Offices the reference data knows are compared between sources of the same day
    (the record judges the rest: see ``anachronisms``), grouped by key. A mention set
    in an earlier year by its sentence (“In 2018, President Trump …”) is not about
    the day's event.
    """
    slots: dict[tuple, dict[str, list[Attribution]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for key, day, roles in read:
        years: dict[int, tuple[int, ...]] = {}  # each sentence read once
        for country, kind, attribution in roles:
            sentence = attribution.sentence
            if sentence.start not in years:
                years[sentence.start] = anchored_years(sentence.text)
            if any(year < day.year for year in years[sentence.start]):
                continue
            slots[(day, country, kind)][key].append(attribution)
    findings = []
    for (day, country, kind), by_document in sorted(slots.items()):
        answers = {}
        for key, attributions in by_document.items():
            people = frozenset(a.person for a in attributions if a.person)
            answers[key] = people or frozenset({None})
        if len(by_document) < 2 or len(set(answers.values())) < 2:
            continue
        role = next(
            (a.role for items in by_document.values() for a in items if a.role), kind
        )
        label = f"{role} of {_the(country)}"
        when = format_day(day)
        for key, attributions in sorted(by_document.items()):
            for attribution in attributions:
                if attribution.person is None and answers[key] != frozenset({None}):
                    continue  # the same source names the person elsewhere
                if attribution.person:
                    name = reference.people[attribution.person].name
                    statement = (
                        f"{name} was the {label} at the event reported on {when}."
                    )
                else:
                    statement = (
                        f"The {label} at the event reported on {when} is not named."
                    )
                others = sorted(
                    {
                        reference.people[p].name if p else "nobody named"
                        for other, people in answers.items()
                        if other != key
                        for p in people
                    }
                )
                contradicting = tuple(
                    Cited(
                        citation=f"source {other}: “{items[0].exact}”",
                        note=f"Another source of {when} names "
                        + (
                            reference.people[items[0].person].name
                            if items[0].person
                            else "nobody"
                        )
                        + ".",
                    )
                    for other, items in sorted(by_document.items())
                    if other != key and answers[other] != answers[key]
                )
                findings.append(
                    Finding(
                        kind=Kind.IDENTITY,
                        document=key,
                        start=attribution.start,
                        end=attribution.end,
                        exact=attribution.exact,
                        statement=statement,
                        explanation=(
                            f"“{attribution.exact}”: other sources of {when} name "
                            f"{', '.join(others)} as the {label}."
                        ),
                        evidence=contradicting,
                        group=f"identity:{day.isoformat()}:{country}:{kind}",
                        question=f"Who was the {label} at the event reported on {when}?",
                    )
                )
    return findings


def titles_of(read) -> list[tuple]:
    """``(key, published_on, title mentions)`` of each ``(document, reading)``
    (``placed_titles``, read with the rest of the source)."""
    return [
        (document.key, document.published_on, list(reading.titles))
        for document, reading in read
    ]


def placed_titles(document, attributions, parts) -> tuple[TitleMention, ...]:
    """The title mentions of ``document`` (``parts`` are its sentences), without those
    whose words hold a person the reference data places in an office: those are left
    to the reference checks."""
    placed = sorted((a.start, a.end) for a in attributions if a.offices)
    starts = [start for start, _ in placed]
    mentions = []
    for mention in title_mentions(
        document.key, document.body, parts, document.published_on
    ):
        at = bisect_left(starts, mention.end) - 1
        if at >= 0 and placed[at][1] > mention.start:
            continue
        mentions.append(mention)
    return tuple(mentions)


def title_conflicts(read) -> list[Finding]:
    """Different people named with one title across a story's sources.

    ``read`` holds ``(key, published_on, title mentions)`` per source of one story
    (``titles.title_mentions``, without those the reference data places). Mentions
    about the past and titles that do not say whose office they are (“President
    X”) are not compared. The first day a title is named in the story sets who holds
    it; a later mention naming someone else is flagged. When the first day's sources
    already disagree, every mention of the title is.
    """
    slots: dict[str, list[tuple]] = defaultdict(list)
    for key, day, mentions in read:
        for mention in mentions:
            if mention.key and not mention.past:
                slots[mention.key].append((day or date.max, key, mention))
    findings = []
    for role, named in sorted(slots.items()):
        people = {_person(mention.name) for _, _, mention in named}
        if len(people) < 2:
            continue
        named.sort(key=lambda item: (item[0], item[1], item[2].start))
        first_day = named[0][0]
        first = {_person(m.name) for day, _, m in named if day == first_day}
        settled = next(iter(first)) if len(first) == 1 else None
        for day, key, mention in named:
            if settled is not None and _person(mention.name) == settled:
                continue
            findings.append(_title_finding(role, key, day, mention, named))
    return findings


def _person(name: str) -> str:
    return name.casefold()


def _title_finding(role, key, day, mention: TitleMention, named) -> Finding:
    others = sorted(
        {m.name for _, other, m in named if _person(m.name) != _person(mention.name)}
    )
    cited = []
    for other_day, other, m in named:
        if _person(m.name) == _person(mention.name):
            continue
        when = format_day(other_day) if other_day != date.max else "an undated source"
        item = Cited(citation=f"source {other}: “{m.exact}”", note=f"{when}: {m.name}.")
        if item not in cited:
            cited.append(item)
    title = role if role != "presided over" else "person who presided"
    return Finding(
        kind=Kind.IDENTITY,
        document=key,
        start=mention.start,
        end=mention.end,
        exact=mention.exact,
        statement=f"{mention.name} was the {title}.",
        explanation=(
            f"“{mention.exact}”: other sources of this story name "
            f"{', '.join(others)} as the {title}."
        ),
        evidence=tuple(cited),
        group=f"identity:title:{role}",
        question=f"Who was the {title}?",
    )
