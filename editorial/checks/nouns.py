"""The words around a figure: what it counts, whose it is, and the clause saying it.

Helpers of ``quantities``: the noun phrase after a number (“registered voters”, with
“411 of the 650 seats” counting seats), the measured noun before a percentage or an
amount (“a turnout of”, “Turnout was”), the nearest name before it that is not a
place after a preposition, and the clause that states it.
"""

from __future__ import annotations

import re

from .numbers import APPROXIMATE, NUMBER
from .words import CALENDAR, STOP, lemma, plural

_COMPOUND = re.compile(r"[-‐](?P<word>[a-z]+)\b(?:[-‐](?P<more>[a-z]+))?")
_OF_THE = re.compile(
    rf"\s+of\s+(?:the|its|their|all|a)?\s*(?:(?P<total>{NUMBER})\s+)?(?=[a-z])"
)
_MEASURE_BEFORE = re.compile(
    r"(?P<noun>[a-z][a-z-]+)\s+(?:of|was|is|were|are|stood\s+at|stands\s+at|reached|at"
    r"|(?:rose|fell|climbed|dropped|jumped|slowed|eased)\s+to)\s+(?:a\s+|an\s+)?$"
)
_ACRONYM = re.compile(r"[A-Z][A-Z0-9/&-]+")

#: Plurals without a final s, and nouns counted in the singular.
IRREGULAR = {
    "people",
    "men",
    "women",
    "children",
    "police",
    "personnel",
    "staff",
    "cattle",
    "aircraft",
    "troops",
}
_TAIL_WORDS = re.compile(r"\s*([A-Za-z][A-Za-z'’-]*)")
_VERBS = {
    "set",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "can",
    "must",
    "did",
    "do",
    "does",
}


def tokens(tail: str, limit: int = 4):
    """Up to ``limit`` words at the start of ``tail``, stopping at punctuation."""
    found, at = [], 0
    while len(found) < limit:
        match = _TAIL_WORDS.match(tail, at)
        if not match:
            break
        found.append((match.group(1), match.start(1), match.end(1)))
        at = match.end()
    return found


def noun_run(tail, end, singular=False):
    """The noun phrase right after the figure: (head, modifiers, phrase, new end)."""
    run = []
    for word, _, stop in tokens(tail, 3):
        low = word.lower()
        if low in STOP or low in _VERBS or (low.endswith("ed") and run):
            break
        if low.endswith("ed") or low.endswith("ing"):
            break
        run.append((low, stop))
    if not run:
        return None, (), "", end
    head = run[-1][0]
    phrase = tail[: run[-1][1]].strip()
    return lemma(head), [lemma(w) for w, _ in run[:-1]], phrase, end + run[-1][1]


def count_noun(tail, end, value):
    compound = _COMPOUND.match(tail)
    if compound:
        word = compound.group("word")
        if word == "strong":
            head, _, phrase, new_end = noun_run(tail[compound.end() :], 0)
            if head is None:
                return None, (), "", end
            return head, ["strong"], phrase, end + compound.end() + new_end
        return lemma(word), [], word, end + len(word) + 1
    of = _OF_THE.match(tail)
    offset = of.end() if of else 0
    run = []
    for word, _, stop in tokens(tail[offset:], 3):
        low = word.lower()
        if low in STOP or low in _VERBS:
            break
        run.append((low, stop))
        if plural(low) or low in IRREGULAR:
            phrase = tail[offset : offset + stop].strip()
            return (
                lemma(low),
                [lemma(w) for w, _ in run[:-1]],
                phrase,
                end + offset + stop,
            )
    return None, (), "", end


def percent_noun(body, tail, end, part, match):
    of = re.match(r"\s+of\s+(?:the\s+|a\s+|its\s+|their\s+)?", tail)
    if of:
        head, mods, phrase, new_end = noun_run(tail[of.end() :], 0)
        if head:
            return head, mods, "per cent of " + phrase, end + of.end() + new_end
        return None, (), "", end
    head, mods, phrase, new_end = noun_run(tail, 0)
    if head and len(phrase.split()) <= 2:
        return head, mods, phrase, end + new_end
    noun, mods = measure_before(body, part.start, match.start())
    return noun, mods, noun or "", end


def measure_before(body, start, at):
    """“a turnout of 64 per cent”, “Turnout was 61 per cent”: the measured noun."""
    before = body[max(start, at - 60) : at]
    approx = re.search(rf"{APPROXIMATE}\s+$", before)
    if approx:
        before = before[: approx.start()]
    found = _MEASURE_BEFORE.search(before.lower())
    if not found or found.group("noun") in STOP:
        return None, ()
    written = before[found.start("noun") : found.end("noun")]
    if written[:1].isupper() and before[: found.start("noun")].strip():
        return None, ()  # a name (“the SPD fell to”), not a measure
    words = re.findall(r"[a-z-]+", before.lower()[: found.start("noun")])[-2:]
    mods = [lemma(w) for w in words if w not in STOP]
    return lemma(found.group("noun")), mods


_PLACE = {
    "in",
    "at",
    "of",
    "from",
    "to",
    "for",
    "with",
    "on",
    "into",
    "near",
    "across",
    "outside",
    "inside",
    "over",
}


def owner(words_before, noun, names, body) -> list[str]:
    """The nearest name before the figure that is not a place after a preposition.

    A capitalised word counts as a name when the text also writes it capitalised
    mid-sentence (``names``): a sentence's first word is capitalised anyway.
    """
    name: list[str] = []
    for i in range(len(words_before) - 1, -1, -1):
        base = re.sub(r"['’]s$", "", words_before[i].group())
        dateline = body.startswith(" —", words_before[i].end())
        if (
            base[:1].isupper()
            and not dateline
            and base.lower() not in STOP
            and not CALENDAR.fullmatch(base)
            and lemma(base.lower()) != noun
            and (base in names or name or _ACRONYM.fullmatch(base))
        ):
            name.append(base.lower())
            continue
        if name:
            previous = [w.group().lower() for w in words_before[max(0, i - 1) : i + 1]]
            if previous and previous[-1] == "the":
                previous = previous[:-1]
            if previous and previous[-1] in _PLACE:
                name = []
                continue
            break
    return name


#: Characters a clause reaches either side of its figure (a sentence may be endless).
CLAUSE_REACH = 300


def clause(body, part, start, end) -> str:
    """The clause around ``[start, end)``: from the last comma or semicolon before it."""
    first = max(part.start, start - CLAUSE_REACH)
    last = min(part.end, end + CLAUSE_REACH)
    left = max(
        body.rfind(", ", first, start),
        body.rfind("; ", first, start),
        body.rfind(" — ", first, start),
    )
    left = first if left < 0 else left + 2
    right = last
    for mark in (",", ";", " — "):
        found = body.find(mark, end, last)
        if found >= 0:
            right = min(right, found)
    if len(body[left:start].split()) < 3:
        left = first  # “on 33.7 per cent of the vote”: say whose
    return body[left:right].strip().rstrip(".")
