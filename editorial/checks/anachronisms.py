"""Office anachronisms: whether the record agrees with who is named with which office.

Qualifiers are read: “then-” and “late” describe the past and are never flagged;
“former” is flagged for a sitting holder; “new” for a holder of long standing;
“outgoing” for one who has just taken office; a past tense (“who was”) or an earlier
year named in the sentence (“In 2023, Prime Minister Rishi Sunak …”) moves the date
checked. A source without a publication date gets no
finding: there is no day to check against.
"""

from __future__ import annotations

from datetime import date

from .findings import Cited, Finding, Kind
from .offices import Attribution, OfficeReader, format_day
from .reference import ReferenceData, TermRef

#: A term this old (in days) is no longer “new”.
NEW_FOR_DAYS = 365
#: A holder this recent (in days) is the incoming one, not “outgoing”.
JUST_TOOK_OFFICE_DAYS = 30


def _term_note(reference: ReferenceData, term: TermRef) -> str:
    office = reference.offices[term.office].name
    name = reference.people[term.person].name
    until = f"to {format_day(term.end)}" if term.end else "and still in office"
    return f"{name} held the office of {office} from {format_day(term.start)} {until}."


def _evidence(reference, terms) -> tuple[Cited, ...]:
    seen = []
    for term in terms:
        cited = Cited(citation=term.citation, note=_term_note(reference, term))
        if cited not in seen:
            seen.append(cited)
    return tuple(seen)


def judge(
    reference: ReferenceData, attribution: Attribution, day: date
) -> Finding | None:
    """A finding when the record contradicts the attribution on ``day``, else None."""
    if attribution.person is None or not attribution.offices:
        return None
    if attribution.qualifier == "then":
        return None
    person = reference.people[attribution.person]
    terms = [
        term
        for office in attribution.offices
        for term in reference.terms_of(attribution.person, office)
    ]
    holding = [term for term in terms if term.covers(day)]
    chosen = holding or terms
    office = reference.offices[chosen[0].office if chosen else attribution.offices[0]]
    holders = [
        term
        for key in attribution.offices
        for term in reference.holders(key, day)
        if term.person != attribution.person
    ]
    earlier_years = {year for year in attribution.years if year < day.year}
    when = format_day(day)
    qualifier = attribution.qualifier
    if qualifier == "past":
        if any(term.start < day for term in terms):
            return None
        statement = f"{person.name} had been {office.name} before {when}."
        why = f"{person.name} never held the office of {office.name}."
    elif qualifier == "former":
        if not holding and any(term.start < day for term in terms):
            return None
        if holding:
            statement = f"{person.name} was no longer {office.name} on {when}."
            why = (
                f"called former, but {person.name} was still {office.name} on {when} "
                f"(since {format_day(holding[0].start)})."
            )
        else:
            statement = f"{person.name} had been {office.name} before {when}."
            why = f"{person.name} never held the office of {office.name}."
    else:
        if holding and qualifier == "outgoing":
            age = (day - holding[0].start).days
            if age > JUST_TOOK_OFFICE_DAYS:
                return None
            statement = (
                f"{person.name} was leaving the office of {office.name} on {when}."
            )
            why = (
                f"called outgoing, but {person.name} took office as {office.name} on "
                f"{format_day(holding[0].start)}, {age} days before {when}."
            )
        elif holding and qualifier == "new":
            age = (day - holding[0].start).days
            if age <= NEW_FOR_DAYS:
                return None
            statement = f"{person.name} was newly in office as {office.name} on {when}."
            why = (
                f"called new, but {person.name} had been {office.name} since "
                f"{format_day(holding[0].start)}, {age} days before {when}."
            )
        elif holding:
            return None
        elif any(term.overlaps_year(year) for term in terms for year in earlier_years):
            return None
        else:
            statement = f"{person.name} was {office.name} on {when}."
            if terms:
                spans = "; ".join(
                    f"{format_day(t.start)} to "
                    + (format_day(t.end) if t.end else "now")
                    for t in terms
                )
                why = f"{person.name} was not {office.name} on {when} (held it {spans})"
            else:
                why = f"{person.name} never held the office of {office.name}"
            if holders:
                names = ", ".join(reference.people[t.person].name for t in holders)
                why += f"; {names} held it then."
            else:
                why += "."
    return Finding(
        kind=Kind.ANACHRONISM,
        document=attribution.document,
        start=attribution.start,
        end=attribution.end,
        exact=attribution.exact,
        statement=statement,
        explanation=f"“{attribution.exact}”: {why}",
        evidence=_evidence(reference, [*terms, *holders]),
    )


def anachronisms(
    reference: ReferenceData, reader: OfficeReader, document: str, body: str, day
) -> list[Finding]:
    """Office anachronisms in one source; none without a publication date."""
    if day is None:
        return []
    return judged(reference, reader.attributions(document, body), day)


def judged(reference: ReferenceData, attributions, day) -> list[Finding]:
    """The anachronisms among one source's ``attributions``, judged on ``day``."""
    findings = []
    for attribution in attributions:
        finding = judge(reference, attribution, day)
        if finding is not None:
            findings.append(finding)
    return findings
