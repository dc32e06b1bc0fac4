"""Who is named with which office: people, roles and qualifiers read from text.

Recognised forms: “ROLE NAME” (“British Prime Minister Rishi Sunak”), “ROLE, NAME”,
“NAME, ROLE” (“Keir Starmer, British prime minister”), “NAME, the ROLE of COUNTRY”,
possessives (“Britain's Keir Starmer”) and a role in a nearby phrase of the same
sentence (“Sunak, who was prime minister”), with their qualifiers (“former”, “new”,
“then-”) and tense. ``anachronisms`` judges what is read here against the record.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date

from .reference import OfficeRef, ReferenceData
from .text import Sentence, alternation, sentence_at, sentences, years_in

QUALIFIER = (
    r"(?i:former|ex|newly[- ]elected|newly[- ]appointed|new|incoming|outgoing|then"
    r"|late|current|sitting|acting|interim)"
)
PAST_VERBS = {"was", "had been", "served as", "became"}


def _alternation(words, *, ignore_case: bool = False) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace
    (``text.alternation``); with no words, one that matches nothing: an empty
    alternation would match the empty string everywhere (a desk without reference
    data has no names to look for)."""
    return alternation(words, ignore_case=ignore_case) or "(?!)"


def format_day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class Attribution:
    """A person named with a role (or, unnamed, a role with no person) in one sentence."""

    document: str
    person: str | None
    start: int
    end: int
    exact: str
    role: str | None
    country: str | None
    qualifier: str
    offices: tuple[str, ...]
    sentence: Sentence
    #: Years written in the sentence (“In 2018, President Trump …”): the mention may
    #: describe that year rather than the publication day.
    years: tuple[int, ...] = ()


class OfficeReader:
    """Regular expressions built once from the reference data."""

    def __init__(self, reference: ReferenceData):
        self.reference = reference
        owners: dict[str, set[str]] = {}
        for person in reference.people.values():
            for name in person.names:
                owners.setdefault(name, set()).add(person.key)
        # A name two people answer to (“Michel”) says nothing about either.
        self.names = {
            name: keys.pop() for name, keys in owners.items() if len(keys) == 1
        }
        self.name_re = re.compile(
            rf"(?<![\w'’-])(?:{_alternation(self.names)})(?![\w-])"
        )
        offices = reference.offices.values()
        terms = [term for office in offices for term in office.role_terms]
        roles = _alternation(terms, ignore_case=True)
        countries = _alternation(
            term
            for office in reference.offices.values()
            for term in office.country_terms
        )
        role = rf"\b(?P<role>(?i:{roles}))\b"
        country1 = rf"(?<![\w.])(?P<c1>{countries})(?:'s|’s)?(?![\w])"
        of_country = rf"(?:\s+(?i:of)\s+(?:(?i:the)\s+)?(?P<c2>{countries})(?![\w]))?"
        # Searched in a short window before each name: the leading look-behind lets
        # the search skip positions inside words before trying the alternations.
        self.before = re.compile(
            rf"(?<![\w'’.-])(?:\b(?P<qual>{QUALIFIER})(?:\s*-\s*|\s+))?(?:(?i:the)\s+)?"
            rf"(?:{country1}\s+)?{role}{of_country}\s*,?\s*$"
        )
        self.possessive = re.compile(rf"(?<![\w.])(?P<c1>{countries})(?:'s|’s)\s+$")
        # ``after`` and ``nearby`` are matched at a position (``match(body, pos,
        # endpos)``), never on a slice: slicing the rest of a long sentence for every
        # mention would make reading quadratic.
        self.after = re.compile(
            rf"\s*,\s*(?:(?i:the)\s+)?(?:\b(?P<qual>{QUALIFIER})(?:\s*-\s*|\s+))?"
            rf"(?:{country1}\s+)?{role}{of_country}"
        )
        self.nearby = re.compile(
            rf"[^;:()]{{0,60}}?\b(?:(?i:who)\s+(?P<tense>(?i:is|was|had been|has been"
            rf"|became|served as|remains|is now))|(?P<as>(?i:as|now)))\s+"
            rf"(?:(?i:the)\s+)?(?:\b(?P<qual>{QUALIFIER})(?:\s*-\s*|\s+))?"
            rf"(?:{country1}\s+)?{role}{of_country}"
        )
        envoys = [o for o in offices if o.kind == "envoy"]
        terms = [term for office in envoys for term in office.role_terms if " " in term]
        envoy_roles = _alternation(terms, ignore_case=True)
        self.unnamed_envoy = (
            re.compile(
                rf"(?<![\w.])(?P<c1>{countries})\s+(?P<role>(?i:{envoy_roles}))\b"
            )
            if envoy_roles
            else None
        )

    # Reading -----------------------------------------------------------------------

    def attributions(
        self, document: str, body: str, parts: list[Sentence] | None = None
    ) -> list[Attribution]:
        """Every person named with a role in ``body``; ``parts`` are its sentences."""
        found: list[Attribution] = []
        parts = sentences(body) if parts is None else parts
        mentions = list(self.name_re.finditer(body))
        consumed: set[tuple[int, int]] = set()
        years: dict[int, tuple[int, ...]] = {}
        for index, mention in enumerate(mentions):
            try:
                sentence = sentence_at(parts, mention.start())
            except ValueError:
                continue
            if sentence.start not in years:  # each sentence scanned once
                years[sentence.start] = years_in(sentence.text)
            # The pattern lets any whitespace stand between a name's words.
            person = self.names.get(" ".join(mention.group().split()))
            if person is None:
                continue
            next_start = (
                mentions[index + 1].start() if index + 1 < len(mentions) else len(body)
            )
            attribution = self._read(
                document, body, sentence, mention, person, next_start, consumed
            )
            if attribution is not None:
                found.append(replace(attribution, years=years[sentence.start]))
        return found

    def _read(self, document, body, sentence, mention, person, next_start, consumed):
        start, end = mention.span()
        window_start = max(sentence.start, start - 120)
        before = body[window_start:start]
        match = self.before.search(before)
        if match:
            span = (
                window_start + match.start("role"),
                window_start + match.end("role"),
            )
            held_by = _held_by(before, match)
            if span not in consumed and held_by != "another":
                return self._make(
                    document,
                    body,
                    sentence,
                    person,
                    window_start + match.start(),
                    end,
                    match,
                    "",
                    organisation=held_by == "organisation",
                )
        match = self.after.match(body, end, sentence.end)
        if match and self._role_is_ours(body, match.end(), sentence.end):
            consumed.add(match.span("role"))
            return self._make(
                document, body, sentence, person, start, match.end(), match, ""
            )
        match = self.possessive.search(before)
        if match:
            return self._possessive(
                document,
                body,
                sentence,
                person,
                window_start + match.start(),
                end,
                match,
            )
        match = self.nearby.match(body, end, min(sentence.end, next_start))
        if match:
            tense = (match.group("tense") or "").lower()
            return self._make(
                document,
                body,
                sentence,
                person,
                start,
                match.end(),
                match,
                "past" if tense in PAST_VERBS else "",
            )
        return None

    def _role_is_ours(self, body, role_end, sentence_end) -> bool:
        """In “NAME, ROLE NAME2 …” the role is NAME2's, unless NAME2 has its own
        (“Keir Starmer, British prime minister Emmanuel Macron, French president”)."""
        at = role_end
        while at < sentence_end and body[at].isspace():
            at += 1
        following = self.name_re.match(body, at, sentence_end)
        if following is None:
            return True
        return bool(self.after.match(body, following.end(), sentence_end))

    def _make(
        self,
        document,
        body,
        sentence,
        person,
        start,
        end,
        match,
        tense,
        *,
        organisation=False,
    ):
        role = re.sub(r"\s+", " ", match.group("role").lower())
        country_word = match.group("c1") or match.group("c2")
        country = self.reference.country_of_term(country_word) if country_word else None
        qualifier = _qualifier(match.group("qual")) or tense
        offices = self._candidates(role, country, person, organisation)
        return Attribution(
            document,
            person,
            start,
            end,
            body[start:end],
            role,
            country,
            qualifier,
            tuple(office.key for office in offices),
            sentence,
        )

    def _possessive(self, document, body, sentence, person, start, end, match):
        country = self.reference.country_of_term(match.group("c1"))
        held = {
            term.office
            for term in self.reference.terms_of(person)
            if self.reference.offices[term.office].country == country
        }
        if not held:
            return None
        return Attribution(
            document,
            person,
            start,
            end,
            body[start:end],
            None,
            country,
            "",
            tuple(sorted(held)),
            sentence,
        )

    def _candidates(self, role, country, person, organisation=False) -> list[OfficeRef]:
        """The offices a title bound to ``person`` can mean.

        A country counts only when the text attaches it to the title (“British Prime
        Minister”, “Britain's”, “Prime Minister of Britain”). Without one, the
        person's own record decides: the offices with this title they held, else
        the offices with this title in the countries where they held any office
        (a junior minister called “Defence Secretary”). A country named elsewhere
        in the sentence says nothing (“President Charles Michel … Russia” is not
        Russia's president); a title the record cannot place gives no office, and
        the mention is listed as not in the reference data. Nor does the person's
        country when another body's name stands before the title (“Bundestag
        President”, “COP29 President”): that is some other office.
        """
        offices = self.reference.offices_with_role(role)
        if country:
            return [office for office in offices if office.country == country]
        held = [
            office for office in offices if self.reference.terms_of(person, office.key)
        ]
        if held or organisation:
            return held
        countries = {
            self.reference.offices[term.office].country
            for term in self.reference.terms_of(person)
        }
        return [office for office in offices if office.country in countries]

    def unnamed(
        self,
        document: str,
        body: str,
        named: list[Attribution],
        parts: list[Sentence] | None = None,
    ):
        """Envoys named by role alone (“The U.S. Special Envoy for the crisis”)."""
        if self.unnamed_envoy is None:
            return []
        taken = sorted((item.start, item.end) for item in named)
        starts = [start for start, _ in taken]
        parts = sentences(body) if parts is None else parts
        found = []
        for match in self.unnamed_envoy.finditer(body):
            at = bisect_right(starts, match.start()) - 1
            if at >= 0 and match.start() < taken[at][1]:
                continue
            if not match.group("role")[0].isupper():
                continue
            at = match.end()
            while at < len(body) and at < match.end() + 40 and body[at] in " ,":
                at += 1
            if self.name_re.match(body, at, match.end() + 40):
                continue
            country = self.reference.country_of_term(match.group("c1"))
            role = re.sub(r"\s+", " ", match.group("role").lower())
            offices = [
                office
                for office in self.reference.offices_with_role(role)
                if office.country == country
            ]
            found.append(
                Attribution(
                    document,
                    None,
                    match.start(),
                    match.end(),
                    match.group(),
                    role,
                    country,
                    "",
                    tuple(office.key for office in offices),
                    sentence_at(parts, match.start()),
                )
            )
        return found


#: Words that make a title another office: a deputy prime minister is not the
#: prime minister, a shadow chancellor not the chancellor.
_OTHER_OFFICE = {"deputy", "vice", "shadow", "junior", "assistant", "under"}
_ARTICLES = {"the", "a", "an", "and", "or", "with", "by", "of", "to", "as", "for"}
_LAST_WORD = re.compile(r"([\w'’.-]+)[^\w]*$")


def _held_by(before: str, match: re.Match) -> str:
    """Whose office the title in ``match`` (at the end of ``before``) names.

    "another" when a word before it makes it a different office (“deputy prime
    minister”), or when it is the second part of “NAME ROLE, NAME2” (a list:
    “Yvette Cooper home secretary, John Healey”); "organisation" when a capitalised
    word that is no country stands right before it (“Bundestag President”);
    "" otherwise.
    """
    if match.group("c1") is not None or match.group("qual"):
        return ""
    last = _LAST_WORD.search(before, 0, match.start("role"))
    word = last.group(1) if last else ""
    if word.lower() in _OTHER_OFFICE:
        return "another"
    comma = "," in before[match.end("role") :]
    opened = match.group().lstrip()[:4].lower() == "the "
    if comma and not opened and word and word[0].isupper():
        return "another"
    touching = (
        last is not None and not before[last.end(1) : match.start("role")].strip()
    )
    bare = match.start() == match.start("role")  # no “the”, qualifier or country
    if bare and touching and word[:1].isupper() and word.lower() not in _ARTICLES:
        return "organisation"
    return ""


def _qualifier(word: str | None) -> str:
    if not word:
        return ""
    word = word.lower().replace("-", " ")
    if word in {"former", "ex"}:
        return "former"
    if word in {"new", "newly elected", "newly appointed", "incoming"}:
        return "new"
    if word in {"then", "late"}:
        return "then"
    if word == "outgoing":
        return "outgoing"
    return ""
