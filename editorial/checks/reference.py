"""Reference data as plain values, so the checks run without a database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .words import lemma


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


@dataclass(frozen=True)
class FigureWatch:
    """A story figure (``reference.StoryFigure``): nouns as ``words.lemma`` reads them,
    context and excluded names in lower case."""

    key: str
    question: str
    statement: str
    counted: frozenset
    context: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventWatch:
    """A story event (``reference.StoryEvent``): the wordings naming it and those
    reporting it as news, in lower case."""

    key: str
    question: str
    statement: str
    names: tuple[str, ...]
    as_news: tuple[str, ...] = ()


@dataclass
class ReferenceData:
    """People, offices and terms; looked up through indexes built on first use.

    The checks look up a person's terms, an office's holders, a title's offices and a
    country word once per mention, so these are dictionary reads, not scans of the
    whole record. Build the data first, then read it: the indexes are not rebuilt.
    """

    people: dict[str, PersonRef] = field(default_factory=dict)
    offices: dict[str, OfficeRef] = field(default_factory=dict)
    terms: list[TermRef] = field(default_factory=list)
    #: Story figures and events by story key. Not part of a source's reading (they
    #: are matched at each run), so changing them keeps the readings.
    watched: dict[str, list] = field(default_factory=dict, compare=False, repr=False)
    _index: dict = field(default_factory=dict, compare=False, repr=False)

    def _indexes(self) -> dict:
        if not self._index:
            by_person, by_office, by_role, by_word = {}, {}, {}, {}
            for term in self.terms:
                by_person.setdefault(term.person, []).append(term)
                by_office.setdefault(term.office, []).append(term)
            for office in self.offices.values():
                for role in office.role_terms:
                    by_role.setdefault(role, []).append(office)
                for word in office.country_terms:
                    by_word.setdefault(word.lower(), office.country)
            self._index.update(
                person=by_person, office=by_office, role=by_role, word=by_word
            )
        return self._index

    def terms_of(self, person: str, office: str | None = None) -> list[TermRef]:
        terms = self._indexes()["person"].get(person, [])
        return [term for term in terms if office is None or term.office == office]

    def holders(self, office: str, day: date) -> list[TermRef]:
        terms = self._indexes()["office"].get(office, [])
        return [term for term in terms if term.covers(day)]

    def offices_with_role(self, role: str) -> list[OfficeRef]:
        return list(self._indexes()["role"].get(role, []))

    def country_of_term(self, term: str) -> str | None:
        """The country a word such as “British” or “UK” names, if any office uses it."""
        return self._indexes()["word"].get(term.lower())


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
        elif row["model"] in ("reference.storyfigure", "reference.storyevent"):
            story = fields["story"][0] if fields["story"] else ""
            data.watched.setdefault(story, []).append(watch_from(row["model"], fields))
    return data


def watch_from(model: str, fields: dict) -> FigureWatch | EventWatch:
    """A story figure's or event's row (``model`` as in a fixture) as plain values."""
    if model == "reference.storyfigure":
        return FigureWatch(
            fields["key"],
            fields["question"],
            fields["statement"],
            frozenset(lemma(word) for word in _lines(fields["counted"])),
            tuple(word.lower() for word in _lines(fields.get("context", ""))),
            tuple(word.lower() for word in _lines(fields.get("excluded", ""))),
        )
    return EventWatch(
        fields["key"],
        fields["question"],
        fields["statement"],
        tuple(words.lower() for words in _lines(fields["names"])),
        tuple(words.lower() for words in _lines(fields.get("as_news", ""))),
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
