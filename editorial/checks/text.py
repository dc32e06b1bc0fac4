"""Plain text helpers for the checks: sentences with offsets, numbers in digits or words."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n+")


#: Full stops that do not end a sentence: “U.S.”, “Mr.”, “Gen.”.
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|St|Jr|Sr|Rt|Hon|No|vs|etc)\.)$"
)


def alternation(words, *, ignore_case: bool = False) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace;
    "" for no words.

    Written as a trie (“prime minister|president” as ``pr(?:ime\\s+minister|esident)``):
    the regex engine then tries a few characters at each position instead of every
    word in turn, which is most of the time a search over text spends. It matches
    what the plain alternation ``word1|word2|…`` (longest first) matches, and
    prefers the same word: the words that match at one position are prefixes of one
    another, and at each branch of the trie the longer word is tried first
    (``(?:…)?`` is greedy). Under ``(?i:…)`` (``ignore_case``) that holds only when
    no two words differ by case alone, so words that are not all lowercase are
    joined plainly.
    """
    ordered = sorted({word for word in words if word}, key=len, reverse=True)
    if not ordered:
        return ""
    if ignore_case and any(word != word.lower() for word in ordered):
        return "|".join(_escaped(word) for word in ordered)
    trie: dict = {}
    for word in ordered:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _escaped(text: str) -> str:
    return re.escape(text).replace(r"\ ", r"\s+")


def _trie_pattern(node: dict) -> str:
    branches = [
        _escaped(char) + _trie_pattern(child) for char, child in node.items() if char
    ]
    if not branches:
        return ""
    if "" in node:
        return f"(?:{'|'.join(branches)})?"
    if len(branches) == 1:
        return branches[0]
    return f"(?:{'|'.join(branches)})"


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def sentences(body: str) -> list[Sentence]:
    """Split ``body`` into sentences and lines, keeping each one's offsets."""
    found = []
    position = 0
    for match in _SENTENCE_END.finditer(body):
        if "\n" not in match.group() and _ABBREVIATION.search(
            body, max(0, match.start() - 8), match.start()
        ):
            continue
        _append(found, body, position, match.start())
        position = match.end()
    _append(found, body, position, len(body))
    return found


def _append(found, body, start, end):
    text = body[start:end]
    stripped = text.strip()
    if stripped:
        lead = len(text) - len(text.lstrip())
        start += lead
        found.append(Sentence(start, start + len(stripped), stripped))


def sentence_at(sentences_: list[Sentence], offset: int) -> Sentence:
    """The sentence holding ``offset``, found by bisection (``sentences_`` is in order).

    Called once per match, so a scan here would make reading a text quadratic.
    """
    at = bisect_right(sentences_, offset, key=_start) - 1
    if at >= 0 and offset < sentences_[at].end:
        return sentences_[at]
    raise ValueError(f"No sentence holds offset {offset}.")


def _start(sentence: Sentence) -> int:
    return sentence.start


_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def years_in(text: str) -> tuple[int, ...]:
    """The years (1950–2099) written in ``text``, in order."""
    return tuple(int(year) for year in _YEAR.findall(text))


UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_TENS = "|".join(TENS)
_UNITS = "|".join(sorted(UNITS, key=len, reverse=True))
#: A whole number written in digits ("26", "30,000", "5000") or words ("twenty-six").
NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+"
    rf"|(?i:(?:{_TENS})(?:[- ](?:{_UNITS}))?|(?:{_UNITS})))"
)
_NUMBER_RE = re.compile(rf"\b{NUMBER}\b", re.IGNORECASE)


def number_value(text: str) -> int:
    """The value of one NUMBER match: ``"twenty-six"`` and ``"26"`` are both 26."""
    word = text.lower().replace(",", "")
    if word.isdigit():
        return int(word)
    parts = re.split(r"[- ]", word)
    if parts[0] in TENS:
        return TENS[parts[0]] + (UNITS[parts[1]] if len(parts) > 1 else 0)
    return UNITS[parts[0]]


def numbers_in(text: str) -> set[int]:
    """Every number written in ``text``, in digits or words, as values."""
    return {number_value(match.group()) for match in _NUMBER_RE.finditer(text)}


def inside_quotation(text: str, offset: int) -> bool:
    """Whether ``offset`` falls between opening and closing quotation marks."""
    before = text[:offset]
    curly = before.count("“") - before.count("”")
    straight = before.count('"')
    return curly > 0 or straight % 2 == 1
