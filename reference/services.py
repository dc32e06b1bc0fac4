"""Writes to the reference data: importing positions held from a Wikidata result.

Editors change single rows in the admin; ``reference_import`` brings in many at once
(``manage.py import_reference``). It matches what exists rather than duplicating it:

- a position is the office with that Wikidata item, else the one office of that name
  (which is then linked to the item); a new one is made with the words from its label
  ("Prime Minister of Slovakia" → "prime minister", "Slovakia") and the kind "Minister
  or official", to be checked in the admin; without a country it is refused;
- a person is the one with that Wikidata item, else the one person of that name; a
  new one gets the label and its aliases;
- a term is the one of that office and person with the same start. Its end is set
  when the result gives one that differs; an end the result lacks never clears ours (a
  missing P582 usually means Wikidata does not know). A term that overlaps one of the
  same person in the same office with another start is refused: the dates differ,
  and an editor decides which is right.

Everything is one transaction with history (the acting user and the reason);
``dry_run`` rolls it back after counting.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from core.history import clean_reason, stamp
from core.roles import require_editor
from reference.models import Office, OfficeKind, Person, Term, lines
from reference.wikidata import PositionHeld, role_words

ITEM_URL = "https://www.wikidata.org/wiki/{item}"


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    dry_run: bool = False

    def lines(self) -> list[str]:
        head = "Dry run, nothing saved: " if self.dry_run else ""
        summary = [
            f"{head}{len(self.added)} added, {len(self.changed)} changed, "
            f"{len(self.unchanged)} unchanged, {len(self.refused)} refused."
        ]
        for title, items in (
            ("Added", self.added),
            ("Changed", self.changed),
            ("Refused", self.refused),
        ):
            summary += [f"{title}: {item}" for item in items]
        return summary


def citation_for(held: PositionHeld, source_name: str) -> str:
    return (
        f"Wikidata, {held.person_label} ({ITEM_URL.format(item=held.person)}), "
        f"position held (P39) {held.position_label} ({held.position}), start (P580) "
        f"and end (P582); imported from {source_name}"
    )


class _Importer:
    def __init__(self, *, user, reason: str, source_name: str, report: ImportReport):
        self.user, self.reason, self.source_name = user, reason, source_name
        self.report = report
        self.offices = {o.wikidata: o for o in Office.objects.exclude(wikidata="")}
        self.people = {p.wikidata: p for p in Person.objects.exclude(wikidata="")}

    def save(self, obj, fields: list[str] | None = None) -> None:
        obj.full_clean()
        stamp(obj, user=self.user, reason=self.reason)
        obj.save(update_fields=fields) if fields else obj.save()

    def office(self, held: PositionHeld) -> Office | None:
        if held.position in self.offices:
            return self.offices[held.position]
        named = list(Office.objects.filter(name__iexact=held.position_label)[:2])
        if len(named) == 2:
            self.refuse(held, f"several offices are named “{held.position_label}”")
            return None
        if named:
            office = named[0]
            if office.wikidata and office.wikidata != held.position:
                self.refuse(
                    held,
                    f"the office “{office.name}” is {office.wikidata}, not "
                    f"{held.position}",
                )
                return None
            office.wikidata = held.position
            self.save(office, ["wikidata"])
            self.report.changed.append(f"office “{office}” linked to {held.position}")
        else:
            if not held.country_label:
                self.refuse(
                    held,
                    f"“{held.position_label}” is a new office and the row names "
                    "no country (add ?country to the query, or the office in the admin)",
                )
                return None
            office = Office(
                key=_free_key(Office, held.position_label, held.position),
                name=held.position_label,
                country=held.country_label,
                kind=OfficeKind.MINISTER,
                role_terms=role_words(held.position_label, held.country_label),
                country_terms=held.country_label,
                wikidata=held.position,
            )
            self.save(office)
            self.report.added.append(
                f"office “{office}” ({office.country}; check its kind and words "
                "in the admin)"
            )
        self.offices[held.position] = office
        return office

    def person(self, held: PositionHeld) -> Person | None:
        person = self.people.get(held.person)
        if person is None:
            named = list(Person.objects.filter(name__iexact=held.person_label)[:2])
            if len(named) == 2:
                self.refuse(held, f"several people are named “{held.person_label}”")
                return None
            if named and named[0].wikidata:
                self.refuse(
                    held,
                    f"“{held.person_label}” in the record is "
                    f"{named[0].wikidata}, not {held.person}",
                )
                return None
            if named:
                person = named[0]
                person.wikidata = held.person
                self.save(person, ["wikidata"])
                self.report.changed.append(f"{person} linked to {held.person}")
            else:
                person = Person(
                    key=_free_key(Person, held.person_label, held.person),
                    name=held.person_label,
                    aliases="\n".join(dict.fromkeys(held.aliases)),
                    wikidata=held.person,
                )
                self.save(person)
                self.report.added.append(f"{person} ({held.person})")
                self.people[held.person] = person
                return person
            self.people[held.person] = person
        known = {name.casefold() for name in person.names()}
        new = [alias for alias in held.aliases if alias.casefold() not in known]
        if new:
            person.aliases = "\n".join([*lines(person.aliases), *new])
            self.save(person, ["aliases"])
            self.report.changed.append(f"{person}: aliases {', '.join(new)} added")
        return person

    def term(self, held: PositionHeld, office: Office, person: Person) -> None:
        what = f"{person} as {office.name} from {held.start}"
        terms = list(Term.objects.filter(office=office, person=person))
        same = next((t for t in terms if t.start == held.start), None)
        if same is not None:
            if held.end is None or held.end == same.end:
                self.report.unchanged.append(what)
                return
            was = same.end.isoformat() if same.end else "in office"
            same.end = held.end
            same.citation = (
                f"{same.citation}; end date from {citation_for(held, self.source_name)}"
            )
            self.save(same, ["end", "citation"])
            self.report.changed.append(f"{what}: end {was} → {held.end}")
            return
        for other in terms:
            if other.start < (held.end or held.start.max) and held.start < (
                other.end or other.start.max
            ):
                self.refuse(
                    held,
                    f"overlaps the term from {other.start} in the record; "
                    "the dates differ, decide in the admin which are right",
                )
                return
        term = Term(
            office=office,
            person=person,
            start=held.start,
            end=held.end,
            citation=citation_for(held, self.source_name),
        )
        self.save(term)
        self.report.added.append(f"{what}" + (f" to {held.end}" if held.end else ""))

    def apply(self, held: PositionHeld) -> None:
        """One row in a savepoint: a row the models refuse leaves nothing behind."""
        counts = [len(items) for items in self._lists()]
        cached = (dict(self.offices), dict(self.people))
        try:
            with transaction.atomic():
                office = self.office(held)
                person = office and self.person(held)
                if person:
                    self.term(held, office, person)
        except ValidationError as error:
            for items, count in zip(self._lists(), counts, strict=True):
                del items[count:]
            self.offices, self.people = cached
            self.refuse(held, " ".join(error.messages))

    def _lists(self) -> list[list[str]]:
        report = self.report
        return [report.added, report.changed, report.unchanged, report.refused]

    def refuse(self, held: PositionHeld, why: str) -> None:
        self.report.refused.append(
            f"row {held.row} ({held.person_label or held.person}, "
            f"{held.position_label or held.position}): {why}"
        )


def _free_key(model, label: str, item: str) -> str:
    key = slugify(label)[:80] or item.lower()
    if model.objects.filter(key=key).exists():
        key = f"{key}-{item.lower()}"
    return key


def reference_import(
    *,
    positions: list[PositionHeld],
    user,
    reason: str,
    source_name: str,
    dry_run: bool = False,
) -> ImportReport:
    """Add or update offices, people and terms from a Wikidata result; all or nothing.

    ``positions`` come from ``reference.wikidata.read_positions``. Rows that cannot be
    imported are refused with the reason in the report; the rest are written with
    history naming ``user`` and ``reason``.
    """
    require_editor(user)
    reason = clean_reason(reason)
    report = ImportReport(dry_run=dry_run)
    with transaction.atomic():
        importer = _Importer(
            user=user, reason=reason, source_name=source_name, report=report
        )
        seen = {}
        for held in positions:
            if held.problem:
                importer.refuse(held, held.problem)
                continue
            key = (held.person, held.position, held.start)
            if key in seen:
                if seen[key] != held.end:
                    importer.refuse(held, "the file gives this term another end")
                continue
            seen[key] = held.end
            importer.apply(held)
        if dry_run:
            transaction.set_rollback(True)
    return report
