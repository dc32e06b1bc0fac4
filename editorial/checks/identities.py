"""Different people named for the same role at the same event, across sources.

Sources published on the same day report the same event. For each role at that
event (a head of state or government of a country, or its envoy), the sources should
name the same person; a source that names another person, or leaves the role unnamed
while another names it, is a conflict. Every mention becomes a position of one
proposed dispute.
"""

from __future__ import annotations

from collections import defaultdict

from .findings import Cited, Finding, Kind
from .offices import Attribution, OfficeReader, format_day
from .reference import ReferenceData
from .text import sentences

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
        roles = {(office.country, office.kind) for office in offices}
        if len(roles) != 1:
            continue
        country, kind = roles.pop()
        if kind in ROLES_AT_EVENTS:
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

    Sources are compared only with those of the same day, grouped by key.
    """
    slots: dict[tuple, dict[str, list[Attribution]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for key, day, roles in read:
        for country, kind, attribution in roles:
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
