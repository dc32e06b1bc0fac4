"""People named with a title the reference data need not know: “Vatican spokesman X”.

A title is an office word (president, spokesman, chief, chief of staff, minister, …)
with the words that say whose office it is: up to two capitalised words or acronyms
before it (“UN climate chief”, “COP29 President”, “Bundestag President”, “Downing
Street chief of staff”, “Azerbaijan's chief negotiator”), or nothing for a title that
is specific by itself (“chief of staff”, “prime minister”). A bare one-word title
(“President Joe Biden”, “leader Lars Klingbeil”) does not say whose office it is, so it
is listed but never compared. “NAME, who presided over …” and “presided over by NAME”
name who presided.

The role's key is its words, lowercased, without articles or possessives: mentions
with the same key in one story name the same office. Qualifiers (“former”, “then-”,
“late”, “ex-”, “outgoing”) and a year earlier than the publication written in the
sentence (“In 2018, …”) mark a mention about the past. Reading is one pass over the
text; each sentence's years are read once.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from .text import Sentence, alternation, sentence_at

#: Office words, longest first where one contains another.
HEADS = (
    "chief of staff",
    "chief executive",
    "chief negotiator",
    "press secretary",
    "secretary-general",
    "secretary general",
    "secretary of state",
    "executive secretary",
    "director-general",
    "director general",
    "vice president",
    "vice-president",
    "deputy prime minister",
    "prime minister",
    "president",
    "chancellor",
    "minister",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chief",
    "envoy",
    "negotiator",
    "leader",
    "speaker",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "governor",
    "mayor",
    "ambassador",
    "commissioner",
    "premier",
    "head",
)
#: Titles that are specific without a word saying whose office they are.
SPECIFIC = {
    "chief of staff",
    "press secretary",
    "secretary of state",
    "deputy prime minister",
    "prime minister",
    "vice president",
    "vice-president",
}
_QUALIFIERS = {"former", "then", "late", "ex", "outgoing", "past"}
#: The qualifiers read before a title (each prefix of no other).
_TITLE_QUALIFIERS = (
    "former",
    "then",
    "late",
    "ex",
    "outgoing",
    "new",
    "acting",
    "incoming",
    "interim",
)
_DROP = {"the", "a", "an", "its", "his", "her", "their", "our", "new", "acting"}
_DROP |= {"incoming", "interim", "current", "and", "but", "by", "as", "with"}
#: The office words as one alternation (a trie: ``text.alternation``); it prefers
#: what ``HEADS``' order prefers, since where one word starts another the longer
#: comes first there.
_HEAD = alternation(HEADS, ignore_case=True)
_CAP = r"(?:[A-Z][\w.’'-]*|[A-Z]\.(?:[A-Z]\.)+)"
#: A name's word: “Klöckner”, “O'Brien”, “JD”; never a possessive (“Scholz's”).
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ](?:[\w-]|['’](?=[A-Z]))+"
#: An organisation's initials (“UN”, “EU”, “COP29”, “U.S.”): the one kind of word a
#: lowercase word may follow in a title (“UN climate chief”; not “Staff met chief”).
_ACRONYM = r"(?:[A-Z]{2,}\d*|[A-Z]+\d+|[A-Z]\.(?:[A-Z]\.)+)"
#: Words that end a title's modifiers (“coordinated by chief of staff X”).
_FUNCTION = r"(?:by|of|the|and|to|for|with|from|in|on|at|as|said|says|who|was|is)"
_NAME = rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})"
_TITLE = re.compile(
    rf"(?:\b(?P<qual>(?i:{alternation(_TITLE_QUALIFIERS, ignore_case=True)}))"
    rf"(?:\s*-\s*|\s+))?"
    rf"(?P<mods>(?:{_CAP}\s+){{1,2}}|{_ACRONYM}\s+(?!{_FUNCTION}\b)[a-z]+\s+)?"
    rf"\b(?P<head>(?i:{_HEAD}))\s*,?\s+{_NAME}"
    rf"|(?P<name2>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}),\s+who\s+presided\s+over"
    rf"|presided\s+over\s+by\s+(?:(?:Cardinal|Bishop|Archbishop|Dr\.?|Mr\.?|Ms\.?)"
    rf"\s+)?(?P<name3>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})"
)


#: A year a sentence sets its events in: “In 2018, …”, “won a third term in 2005”,
#: “in May 2019”; not “2035 targets” or “1990 levels”.
_IN_YEAR = re.compile(
    r"\b(?i:in|during|since|until)\s+(?:(?i:early|late|mid)[- ]\s*)?"
    r"(?:[A-Z][a-z]+\s+)?(19[5-9]\d|20\d\d)\b"
)
_RANKS = re.compile(r"^(?:(?:Cardinal|Bishop|Archbishop|Dr|Mr|Mrs|Ms|Sir|Dame)\.?\s+)+")


def anchored_years(text: str) -> tuple[int, ...]:
    """The years ``text`` sets what it tells in (“In 2018, …”)."""
    return tuple(int(year) for year in _IN_YEAR.findall(text))


@dataclass(frozen=True)
class TitleMention:
    """A person named with a title: the words, the role's key and the name."""

    document: str
    start: int
    end: int
    exact: str
    #: The role's words, lowercased (“vatican spokesman”); "" when not comparable.
    key: str
    name: str
    #: Whether the mention is about the past (a qualifier or an earlier year).
    past: bool


def title_mentions(
    document: str, body: str, parts: list[Sentence], published_on: date | None
) -> list[TitleMention]:
    """Every “TITLE NAME” in ``body`` (``parts`` are its sentences), in order."""
    found = []
    years: dict[int, tuple[int, ...]] = {}
    for match in _TITLE.finditer(body):
        try:
            sentence = sentence_at(parts, match.start())
        except ValueError:
            continue
        if match.end() > sentence.end:
            continue  # a title and a name across sentences are not one mention
        if sentence.start not in years:
            years[sentence.start] = anchored_years(sentence.text)
        qualifier = (match.group("qual") or "").lower()
        earlier = published_on is not None and any(
            year < published_on.year for year in years[sentence.start]
        )
        past = qualifier in _QUALIFIERS or earlier
        if match.group("head"):
            key = _key(match.group("mods") or "", match.group("head"))
            name = match.group("name")
        else:
            key, name = "presided over", match.group("name2") or match.group("name3")
        found.append(
            TitleMention(
                document,
                match.start(),
                match.end(),
                match.group(),
                key,
                _RANKS.sub("", " ".join(name.split())),
                past,
            )
        )
    return found


def _key(mods: str, head: str) -> str:
    words = [re.sub(r"(?:'s|’s)$", "", word).lower() for word in mods.split()]
    while words and words[0] in _DROP | _QUALIFIERS:
        words.pop(0)
    head = " ".join(head.lower().split())
    if not words and head not in SPECIFIC:
        return ""
    return " ".join([*words, head])


def not_in_reference(
    document: str, body: str, parts: list[Sentence], placed: list[tuple[int, int]]
) -> list[str]:
    """The “TITLE NAME” words in ``body`` that no span in ``placed`` covers, once each.

    ``placed`` are the spans the reference data resolved to an office; what is left
    are titles the office checks cannot judge, listed for editors to add.
    """
    spans = sorted(placed)
    starts = [start for start, _ in spans]
    found: dict[str, None] = {}
    for mention in title_mentions(document, body, parts, None):
        at = bisect_left(starts, mention.end) - 1
        if at >= 0 and spans[at][1] > mention.start:
            continue
        found.setdefault(" ".join(mention.exact.split()))
    return list(found)
