"""The shipped reference data's source: readable JSON files, turned into fixture rows.

``fixtures/seeds/reference/`` holds ``people.json`` (a list of people) and one file per
group of offices (``heads-of-state-and-government.json``, ``international.json``,
``ministers.json``, …), each a list of offices with their terms::

    {"key": "uk-prime-minister", "name": "Prime Minister of the United Kingdom",
     "country": "United Kingdom", "kind": "head_of_government",
     "role_terms": ["prime minister", "premier", "pm"],
     "country_terms": ["British", "UK", "Britain"],
     "citation": "GOV.UK, Past Prime Ministers, https://www.gov.uk/…",
     "terms": [
       {"person": "keir-starmer", "start": "2024-07-05"},
       {"person": "rishi-sunak", "start": "2022-10-25", "end": "2024-07-05",
        "note": "appointed by the King on 25 October 2022"}]}

A term's ``end`` is the first day out of office (absent while in office). Its citation
is the office's ``citation``, with the term's ``note`` after it in brackets (say there
what is uncertain and what to check it against), or the term's own ``citation`` when
its dates come from elsewhere. ``make fixtures`` loads these rows through
``fixtures_load`` (checked, with history) and exports ``fixtures/reference.json``.

Pure: no Django, so the data can be checked without a database.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

PEOPLE_FILE = "people.json"
KINDS = {
    "head_of_state",
    "head_of_government",
    "head_of_state_and_government",
    "minister",
    "envoy",
}
OFFICE_FIELDS = {
    "key",
    "name",
    "country",
    "kind",
    "role_terms",
    "country_terms",
    "citation",
    "terms",
    "wikidata",
}
PERSON_FIELDS = {"key", "name", "aliases", "note", "wikidata"}
TERM_FIELDS = {"person", "start", "end", "note", "citation"}


class SeedError(ValueError):
    """The seed files are not usable; the message names the file and the entry."""


def _load(path: Path) -> list:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SeedError(f"{path.name}: not readable JSON ({error}).") from None
    if not isinstance(data, list):
        raise SeedError(f"{path.name}: expected a list of entries.")
    return data


def _day(text, where: str) -> date:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise SeedError(f"{where}: {text!r} is not a date (YYYY-MM-DD).") from None


def _words(value, where: str, field: str) -> str:
    if not isinstance(value, list) or not all(
        isinstance(word, str) and word.strip() for word in value
    ):
        raise SeedError(f"{where}: {field} must be a list of words.")
    return "\n".join(word.strip() for word in value)


def _check_fields(entry, allowed: set, required: set, where: str) -> None:
    if not isinstance(entry, dict):
        raise SeedError(f"{where}: expected an object.")
    unknown = set(entry) - allowed
    if unknown:
        raise SeedError(f"{where}: unknown fields {', '.join(sorted(unknown))}.")
    missing = sorted(name for name in required if not entry.get(name))
    if missing:
        raise SeedError(f"{where}: missing {', '.join(missing)}.")


def person_rows(entries: list, file_name: str = PEOPLE_FILE) -> list[dict]:
    rows = []
    for number, entry in enumerate(entries, start=1):
        where = f"{file_name}, person {number}"
        _check_fields(entry, PERSON_FIELDS, {"key", "name"}, where)
        rows.append(
            {
                "model": "reference.person",
                "fields": {
                    "key": entry["key"],
                    "name": entry["name"],
                    "aliases": _words(entry.get("aliases", []), where, "aliases"),
                    "note": entry.get("note", ""),
                    "wikidata": entry.get("wikidata", ""),
                },
            }
        )
    return rows


def office_rows(entries: list, file_name: str) -> tuple[list[dict], list[dict]]:
    """The office rows and their term rows of one offices file."""
    offices, terms = [], []
    for number, entry in enumerate(entries, start=1):
        where = f"{file_name}, office {number}"
        _check_fields(
            entry,
            OFFICE_FIELDS,
            {"key", "name", "country", "kind", "role_terms", "country_terms"},
            where,
        )
        where = f"{file_name}, office {entry['key']}"
        if entry["kind"] not in KINDS:
            raise SeedError(f"{where}: kind must be one of {', '.join(sorted(KINDS))}.")
        offices.append(
            {
                "model": "reference.office",
                "fields": {
                    "key": entry["key"],
                    "name": entry["name"],
                    "country": entry["country"],
                    "kind": entry["kind"],
                    "role_terms": _words(
                        [word.lower() for word in entry["role_terms"]],
                        where,
                        "role_terms",
                    ),
                    "country_terms": _words(
                        entry["country_terms"], where, "country_terms"
                    ),
                    "wikidata": entry.get("wikidata", ""),
                },
            }
        )
        for term in entry.get("terms", []):
            terms.append(_term_row(term, entry, where))
    return offices, terms


def _term_row(term, office: dict, where: str) -> dict:
    _check_fields(term, TERM_FIELDS, {"person", "start"}, f"{where}, a term")
    where = f"{where}, {term['person']} from {term['start']}"
    start = _day(term["start"], where)
    end = _day(term["end"], where) if term.get("end") else None
    if end is not None and end < start:
        raise SeedError(f"{where}: the term ends before it starts.")
    citation = (term.get("citation") or office.get("citation") or "").strip()
    if term.get("note"):
        citation = f"{citation} ({term['note'].strip()})"
    if not citation:
        raise SeedError(f"{where}: no citation (give the office's or the term's).")
    return {
        "model": "reference.term",
        "fields": {
            "office": [office["key"]],
            "person": [term["person"]],
            "start": start.isoformat(),
            "end": end.isoformat() if end else None,
            "citation": citation,
        },
    }


def reference_rows(folder: Path) -> list[dict]:
    """Every row of the seed folder in load order (offices, people, terms), checked.

    Raises ``SeedError`` for a duplicate key, a term whose person is not in
    ``people.json``, two terms of one person in one office that overlap, a date that
    does not parse, an end before its start or a term without a citation.
    """
    folder = Path(folder)
    people = person_rows(_load(folder / PEOPLE_FILE))
    offices, terms = [], []
    for path in sorted(folder.glob("*.json")):
        if path.name == PEOPLE_FILE:
            continue
        found, their_terms = office_rows(_load(path), path.name)
        offices += found
        terms += their_terms
    _unique(people, "person")
    _unique(offices, "office")
    known = {row["fields"]["key"] for row in people}
    for row in terms:
        fields = row["fields"]
        if fields["person"][0] not in known:
            raise SeedError(
                f"{fields['office'][0]}: {fields['person'][0]} is not in {PEOPLE_FILE}."
            )
    _no_overlaps(terms)
    return offices + people + terms


def _unique(rows: list[dict], what: str) -> None:
    seen = set()
    for row in rows:
        key = row["fields"]["key"]
        if key in seen:
            raise SeedError(f"Two entries for the {what} {key!r}.")
        seen.add(key)


def _no_overlaps(terms: list[dict]) -> None:
    spans: dict[tuple, list] = {}
    for row in terms:
        fields = row["fields"]
        spans.setdefault((fields["office"][0], fields["person"][0]), []).append(
            (fields["start"], fields["end"] or "9999-12-31")
        )
    for (office, person), found in spans.items():
        found.sort()
        for (start, end), (later, _) in zip(found, found[1:], strict=False):
            if later < end:
                raise SeedError(
                    f"{office}: {person}'s terms from {start} and {later} overlap."
                )
