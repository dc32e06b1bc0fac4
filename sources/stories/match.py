"""Proposing a story for a source from what its text shares with each story's sources.

Pure: no Django. How it decides:

* A text's **profile** is its proper names (runs of capitalised words not at the
  start of a sentence, or repeated: "Camp David", "Keir Starmer", "Baku") and its
  key phrases (pairs of content words said at least twice: "debt brake"), each with a
  weight (a name counts twice a phrase, and more the more often the text says it),
  keeping the strongest ``TERMS``. Reading is one pass over the words: linear in the
  text.
* A **story's profile** counts, for each term, how many of its sources say it, and
  keeps the span of their publication dates.
* A source's **score** against a story is the share of its terms' weight that the
  story's sources also say, each shared term weighted by how much of the story says
  it and by how rare it is among the stories (a name every story shares, such as a
  country, tells little); it is lowered when the dates are far apart (``DAYS``).
* The best story at or above ``THRESHOLD`` is proposed; otherwise a new story, named
  from the source's strongest name or phrase.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

#: Terms kept per source, and per story.
TERMS = 30
STORY_TERMS = 300
#: Below this score a source starts a new story.
THRESHOLD = 0.10
#: Dates this many days apart or closer do not lower the score; farther apart, it
#: falls slowly (halved at ``DAYS * 4``), since stories run for weeks.
DAYS = 21
#: Proposals compare a new source with this many of the most recent stories, so an
#: import costs the same on a desk of ten stories or ten thousand; the Stories page's
#: merge and move menus pick from as many.
RECENT_STORIES = 500

_WORD = re.compile(r"[^\W\d_](?:\.[^\W\d_])+\.?|[^\W\d_](?:[\w’'\-]*\w)?")
_SENTENCE_END = re.compile(r"[.!?]['’\"”)]*\s+|\n\s*\n")

STOPWORDS = frozenset(
    """a about above after again against all almost also although am among an and
    another any are around as at be because been before being below between both but
    by can could did do does doing down during each either else even ever every few
    for from further had has have having he her here hers herself him himself his how
    however i if in into is it its itself just last least less let like made make many
    may me might more most much must my myself near nearly neither never new next no
    nor not now of off on once one only or other our ours ourselves out over own past
    per perhaps said same say says she should since so some still such than that the
    their theirs them themselves then there these they this those though through to
    too two under until up upon us very via was we were what when where whether which
    while who whom whose why will with within without would yet you your yours
    yourself mr mrs ms dr told according week weeks year years day days month months
    time times first second third three four five six seven eight nine ten percent
    people including earlier later today yesterday tomorrow""".split()
)
#: Capitalised words that are not names (days, months, sentence openers).
NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december""".split()
)
#: Titles and ranks, said of everyone in every story.
TITLES = frozenset(
    """president prime minister chancellor secretary king queen prince foreign
    defence defense finance state general chief head leader deputy vice former
    senator governor mayor pope cardinal ambassador envoy spokesman spokeswoman
    spokesperson minister's officials official government news reuters associated
    press""".split()
)


@dataclass(frozen=True)
class Proposal:
    """The story to propose: an existing one's key, or ``None`` and a new story's name."""

    key: object
    name: str
    score: float


def _words(text: str):
    """Each word with whether it opens a sentence (linear: one scan of each pattern)."""
    ends = [match.end() for match in _SENTENCE_END.finditer(text)]
    cursor, opener = 0, True
    last = 0
    for match in _WORD.finditer(text):
        while cursor < len(ends) and ends[cursor] <= match.start():
            if ends[cursor] > last:
                opener = True
            cursor += 1
        if text.find("\n", last, match.start()) != -1:
            opener = True
        yield match.group(), opener
        opener = False
        last = match.end()


def _is_capitalised(word: str) -> bool:
    return word[0].isupper() and word.lower() not in NOT_NAMES


def _key(word: str) -> str:
    lower = word.lower().replace("’", "'")
    return lower[:-2] if lower.endswith("'s") else lower


def _read(text: str) -> tuple[dict[str, float], dict[str, str]]:
    """The text's weighted terms and, for each name, how the text writes it."""
    names: Counter = Counter()
    openers: Counter = Counter()
    phrases: Counter = Counter()
    surfaces: dict[str, str] = {}
    previous_name = previous = ""
    for word, opener in _words(text):
        lower = word.lower()
        key = _key(word)
        if _is_capitalised(word) and key not in STOPWORDS and key not in TITLES:
            surface = word[:-2] if key != lower else word
            if opener:
                # A lone capitalised word opening a sentence ("Talks stalled…") is a
                # name only when the text also writes it so mid-sentence.
                openers[key] += 1
            else:
                names[key] += 1
            surfaces.setdefault(key, surface)
            if previous_name:
                pair = f"{previous_name} {key}"
                names[pair] += 1
                surfaces.setdefault(pair, f"{surfaces[previous_name]} {surface}")
            previous_name, previous = key, ""
            continue
        previous_name = ""
        if key in STOPWORDS or len(key) < 3 or word[0].isupper():
            previous = ""
            continue
        if previous:
            phrases[f"{previous} {key}"] += 1
        previous = key
    for key, count in openers.items():
        if key in names:
            names[key] += count
    weights: dict[str, float] = {
        name: 2.0 * (1 + math.log(count)) for name, count in names.items()
    }
    for phrase, count in phrases.items():
        if count >= 2:
            weights[phrase] = 1 + math.log(count)
            surfaces.setdefault(phrase, phrase)
    return weights, surfaces


def profile(text: str) -> dict[str, float]:
    """The text's strongest names and key phrases (lower case), each with its weight."""
    weights, _ = _read(text)
    strongest = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:TERMS]
    return dict(strongest)


def story_profile(sources: list[tuple[dict[str, float], date | None]]) -> dict:
    """A story's profile from its sources' profiles and publication dates."""
    counts: Counter = Counter()
    for terms, _ in sources:
        counts.update(terms.keys())
    days = sorted(day.isoformat() for _, day in sources if day is not None)
    kept = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:STORY_TERMS]
    return {
        "sources": len(sources),
        "terms": dict(kept),
        "dates": [days[0], days[-1]] if days else [],
    }


def story_add(story: dict, terms: dict[str, float], day: date | None) -> dict:
    """``story``'s profile with one more source's terms and date."""
    counts = Counter(story.get("terms", {}))
    counts.update(terms.keys())
    kept = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:STORY_TERMS]
    days = list(story.get("dates", []))
    if day is not None:
        days = sorted({*days, day.isoformat()})
        days = [days[0], days[-1]]
    return {
        "sources": story.get("sources", 0) + 1,
        "terms": dict(kept),
        "dates": days,
    }


def _date_factor(day: date | None, dates: list[str]) -> float:
    if day is None or not dates:
        return 1.0
    first, last = date.fromisoformat(dates[0]), date.fromisoformat(dates[-1])
    apart = (
        0
        if first <= day <= last
        else min(abs((day - first).days), abs((day - last).days))
    )
    if apart <= DAYS:
        return 1.0
    return 1.0 / (1.0 + (apart - DAYS) / (DAYS * 3))


def score(terms: dict[str, float], day: date | None, story: dict, rarity) -> float:
    """How much of ``terms`` the story's sources also say (0 to 1), dates considered."""
    total = sum(terms.values())
    if not total or not story.get("sources"):
        return 0.0
    said = story.get("terms", {})
    size = story["sources"]
    shared = sum(
        weight * min(1.0, 0.5 + said[term] / size) * rarity(term)
        for term, weight in terms.items()
        if term in said
    )
    return shared / total * _date_factor(day, story.get("dates", []))


def propose(
    text: str, day: date | None, stories: dict, *, title: str = ""
) -> tuple[Proposal, dict[str, float]]:
    """The story to propose for a text published on ``day``, and the text's profile.

    ``stories`` maps each story's key to its profile (``story_profile``). Linear in the
    text; then a pass over the text's terms for each story.
    """
    weights, surfaces = _read(text)
    terms = dict(sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:TERMS])
    spread: Counter = Counter()
    for story in stories.values():
        spread.update(term for term in terms if term in story.get("terms", {}))
    many = max(len(stories), 1)

    def rarity(term: str) -> float:
        # 1 for a term one story says; less as more stories share it.
        return 1.0 / (1.0 + math.log(spread[term])) if many > 2 else 1.0

    best = Proposal(None, new_story_name(terms, surfaces, title), 0.0)
    for key, story in stories.items():
        found = score(terms, day, story, rarity)
        if found >= THRESHOLD and found > best.score:
            best = Proposal(key, story.get("name", ""), found)
    return best, terms


def new_story_name(
    terms: dict[str, float], surfaces: dict[str, str], title: str = ""
) -> str:
    """A name for a new story: the strongest name of two words, else the strongest
    term, else the title."""
    written = [surfaces.get(term, term) for term in terms]
    for name in written:
        if " " in name and name[:1].isupper():
            return name[:200]
    for name in written:
        return (name[:1].upper() + name[1:])[:200]
    return (title.strip() or "Untitled story")[:200]
