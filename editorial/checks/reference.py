"""Reference data as plain values, so the checks run without a database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class PersonRef:
    key: str
    name: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class OfficeRef:
    key: str
    name: str
    country: str
    kind: str
    role_terms: tuple[str, ...]
    country_terms: tuple[str, ...]


@dataclass(frozen=True)
class TermRef:
    office: str
    person: str
    start: date
    end: date | None
    citation: str

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def overlaps_year(self, year: int) -> bool:
        return self.start.year <= year and (self.end is None or self.end.year >= year)


@dataclass
class ReferenceData:
    people: dict[str, PersonRef] = field(default_factory=dict)
    offices: dict[str, OfficeRef] = field(default_factory=dict)
    terms: list[TermRef] = field(default_factory=list)

    def terms_of(self, person: str, office: str | None = None) -> list[TermRef]:
        return [
            term
            for term in self.terms
            if term.person == person and (office is None or term.office == office)
        ]

    def holders(self, office: str, day: date) -> list[TermRef]:
        return [
            term for term in self.terms if term.office == office and term.covers(day)
        ]

    def offices_with_role(self, role: str) -> list[OfficeRef]:
        return [office for office in self.offices.values() if role in office.role_terms]

    def country_of_term(self, term: str) -> str | None:
        """The country a word such as “British” or “UK” names, if any office uses it."""
        lowered = term.lower()
        for office in self.offices.values():
            if lowered in (word.lower() for word in office.country_terms):
                return office.country
        return None


def reference_from_fixture(rows: list[dict]) -> ReferenceData:
    """Reference data from the rows of ``fixtures/reference.json``, without a database."""
    data = ReferenceData()
    for row in rows:
        fields = row["fields"]
        if row["model"] == "reference.person":
            names = [fields["name"], *_lines(fields.get("aliases", ""))]
            data.people[fields["key"]] = PersonRef(
                fields["key"], fields["name"], tuple(names)
            )
        elif row["model"] == "reference.office":
            data.offices[fields["key"]] = OfficeRef(
                fields["key"],
                fields["name"],
                fields["country"],
                fields["kind"],
                tuple(term.lower() for term in _lines(fields["role_terms"])),
                tuple(_lines(fields["country_terms"])),
            )
        elif row["model"] == "reference.term":
            data.terms.append(
                TermRef(
                    fields["office"][0],
                    fields["person"][0],
                    date.fromisoformat(fields["start"]),
                    date.fromisoformat(fields["end"]) if fields["end"] else None,
                    fields["citation"],
                )
            )
    return data


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
