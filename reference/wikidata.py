"""Reading a Wikidata SPARQL result of positions held (P39, start P580, end P582).

The file is the SPARQL 1.1 JSON results format that query.wikidata.org returns
(``head.vars`` and ``results.bindings``; the README shows the query). Each binding
names a ``person`` and a ``position`` (entity URIs) with their English labels
(``personLabel``, ``positionLabel``), a ``start`` and, when the term has ended, an
``end``; ``country``/``countryLabel`` (the position's country) and ``aliases`` (the
person's English aliases joined with "|") are optional.

Reading is all or nothing: a file that is not JSON, has the wrong shape, or holds a
date that does not parse or an end before its start raises ``WikidataError`` naming
the row, so nothing is written. A row that is readable but unusable (no start date, an
item without an English label) is kept with the reason, and the import refuses it.

Pure: no Django.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date

REQUIRED_VARS = ("person", "personLabel", "position", "positionLabel", "start")
ENTITY = re.compile(r"^https?://www\.wikidata\.org/entity/(Q[1-9][0-9]*)$")
#: xsd:dateTime as the query service writes it; a leading "+" is allowed.
DATE = re.compile(r"^\+?(\d{4})-(\d{2})-(\d{2})(?:T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})?)?$")
ITEM_LABEL = re.compile(r"^Q[1-9][0-9]*$")


class WikidataError(ValueError):
    """The file cannot be read as a positions-held result; nothing is imported."""


@dataclass(frozen=True)
class PositionHeld:
    """One row of the result: a person's term in a position."""

    row: int
    person: str
    person_label: str
    position: str
    position_label: str
    start: date | None
    end: date | None
    country: str = ""
    country_label: str = ""
    aliases: tuple[str, ...] = field(default=())
    #: Why the row cannot be imported, if it cannot.
    problem: str = ""


def read_positions(text: str | bytes) -> list[PositionHeld]:
    """The rows of a SPARQL JSON result, checked; raises ``WikidataError``."""
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        raise WikidataError(
            f"The file is not JSON ({error}). Fetch the query's result as SPARQL "
            "JSON (Accept: application/sparql-results+json; the README shows how)."
        ) from None
    head = data.get("head") if isinstance(data, dict) else None
    results = data.get("results") if isinstance(data, dict) else None
    variables = head.get("vars") if isinstance(head, dict) else None
    bindings = results.get("bindings") if isinstance(results, dict) else None
    if not isinstance(variables, list) or not isinstance(bindings, list):
        raise WikidataError(
            "The file is JSON but not a SPARQL result: it needs head.vars and "
            "results.bindings."
        )
    missing = [name for name in REQUIRED_VARS if name not in variables]
    if missing:
        raise WikidataError(
            f"The query's result has no {', '.join(missing)}; use the query in the "
            "README (it selects person, personLabel, position, positionLabel, start "
            "and end)."
        )
    return [_position(number, binding) for number, binding in enumerate(bindings, 1)]


def _value(binding: dict, name: str, row: int) -> str:
    cell = binding.get(name)
    if cell is None:
        return ""
    if not isinstance(cell, dict) or not isinstance(cell.get("value"), str):
        raise WikidataError(f"Row {row}: {name} is not a SPARQL value.")
    return cell["value"].strip()


def _entity(binding: dict, name: str, row: int, *, required: bool) -> str:
    value = _value(binding, name, row)
    if not value and not required:
        return ""
    found = ENTITY.match(value)
    if not found:
        raise WikidataError(
            f"Row {row}: {name} should be a Wikidata item's URI, not {value!r}."
        )
    return found.group(1)


def parse_day(value: str, *, row: int, name: str) -> date | None:
    """A date from an xsd:dateTime value; '' is None; anything else raises."""
    if not value:
        return None
    found = DATE.match(value)
    try:
        if not found:
            raise ValueError
        return date(*(int(part) for part in found.groups()[:3]))
    except ValueError:
        raise WikidataError(
            f"Row {row}: the {name} date {value!r} does not parse "
            "(expected e.g. 2024-07-05T00:00:00Z)."
        ) from None


def _position(row: int, binding) -> PositionHeld:
    if not isinstance(binding, dict):
        raise WikidataError(f"Row {row}: a binding should be a JSON object.")
    person = _entity(binding, "person", row, required=True)
    position = _entity(binding, "position", row, required=True)
    start = parse_day(_value(binding, "start", row), row=row, name="start")
    end = parse_day(_value(binding, "end", row), row=row, name="end")
    if start and end and end < start:
        raise WikidataError(
            f"Row {row}: {person}'s term in {position} ends ({end}) before it "
            f"starts ({start})."
        )
    person_label = _value(binding, "personLabel", row)
    position_label = _value(binding, "positionLabel", row)
    problem = ""
    if start is None:
        problem = "no start date"
    elif not person_label or ITEM_LABEL.match(person_label):
        problem = f"{person} has no English label"
    elif not position_label or ITEM_LABEL.match(position_label):
        problem = f"{position} has no English label"
    aliases = tuple(
        alias.strip()
        for alias in _value(binding, "aliases", row).split("|")
        if alias.strip()
    )
    return PositionHeld(
        row=row,
        person=person,
        person_label=person_label,
        position=position,
        position_label=position_label,
        start=start,
        end=end,
        country=_entity(binding, "country", row, required=False),
        country_label=_value(binding, "countryLabel", row),
        aliases=aliases,
        problem=problem,
    )


def role_words(position_label: str, country_label: str) -> str:
    """How articles name a position, from its label: "Prime Minister of Slovakia" → "prime minister"."""
    words = position_label.strip()
    if country_label:
        words = re.sub(
            rf"\s+of\s+(the\s+)?{re.escape(country_label)}$",
            "",
            words,
            flags=re.IGNORECASE,
        )
    return words.lower()
