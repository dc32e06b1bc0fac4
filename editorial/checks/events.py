"""Event words and what qualifies them: the vocabulary of ``event_dates``.

An event is named by a noun (“summit”, “election”, “ceasefire”, …) or a verb that
makes one (“elected”, “signed”, “died”). Its qualifiers are the names in its noun
phrase (“the EU–Japan Akasaka Palace summit”, “Chile's national election”) or right
after it (“the summit in Tokyo”, “the State Opening of Parliament”), not a verb's
subject (“Pope Francis … died”); its phase is its start (“opened”, “took effect”)
or its end (“ended”, “until”), when words next to it say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .words import CALENDAR, MARKERS, STOP

_NOUNS = {
    "summit": "summit",
    "election": "election",
    "elections": "election",
    "vote": "vote",
    "referendum": "referendum",
    "conclave": "conclave",
    "funeral": "funeral",
    "burial": "burial",
    "inauguration": "inauguration",
    "coronation": "coronation",
    "ceasefire": "ceasefire",
    "truce": "ceasefire",
    "armistice": "ceasefire",
    "signing": "signing",
    "meeting": "meeting",
    "talks": "talks",
    "negotiations": "talks",
    "conference": "conference",
    "congress": "congress",
    "convention": "convention",
    "speech": "speech",
    "opening": "opening",
    "debate": "debate",
    "deal": "deal",
    "agreement": "deal",
    "accord": "deal",
    "treaty": "treaty",
    "attack": "attack",
    "invasion": "invasion",
    "raid": "raid",
    "bombing": "bombing",
    "launch": "launch",
    "visit": "visit",
    "ceremony": "ceremony",
    "parade": "parade",
    "hearing": "hearing",
    "trial": "trial",
    "verdict": "verdict",
    "ruling": "ruling",
    "death": "death",
    "resignation": "resignation",
    "withdrawal": "withdrawal",
    "release": "release",
    "handover": "handover",
    "swearing-in": "inauguration",
    "earthquake": "earthquake",
    "explosion": "explosion",
    "crash": "crash",
    "wedding": "wedding",
}
_VERBS = {
    "elected": "election",
    "signed": "signing",
    "died": "death",
    "resigned": "resignation",
    "inaugurated": "inauguration",
    "sworn": "inauguration",
    "buried": "burial",
    "invaded": "invasion",
    "crowned": "coronation",
}
#: Everyday events: compared only when both mentions name them.
EVERYDAY = {
    "meeting",
    "talks",
    "speech",
    "visit",
    "vote",
    "debate",
    "hearing",
    "release",
}
_START = {
    "opened",
    "opens",
    "began",
    "begins",
    "started",
    "starts",
    "start",
    "opening",
    "effect",
    "force",
}
_END = {"ended", "ends", "end", "closed", "closes", "concluded", "until", "close"}
#: Words are found with one cheap pattern and looked up, rather than one pattern of
#: every event word tried at every offset (ten times slower on long texts).
WORD = re.compile(r"(?P<word>[A-Za-z][A-Za-z-]*)")
TRIGGER_WORDS = frozenset(_NOUNS) | frozenset(_VERBS)


def triggers(body: str):
    """The event words of ``body``, as matches with a ``word`` group."""
    return (m for m in WORD.finditer(body) if m.group().lower() in TRIGGER_WORDS)


_NAME = re.compile(r"[A-Z][\w'’.–-]*|[A-Z]{2,}[\w–-]*|\d+[A-Za-z]+")
#: Words that give a date the event was planned for or moved from (“originally
#: planned for”, “postponed”). A future the source simply expects (“is due to be
#: signed”, “is expected on”, “will be”) is the event's date like any other.
_PLAN = {
    "planned",
    "scheduled",
    "originally",
    "initially",
    "postponed",
    "delayed",
    "rescheduled",
    "moved",
}
TOKEN = re.compile(r"[\w'’.–-]+")


@dataclass(frozen=True)
class Event:
    start: int
    end: int
    event: str
    phase: str
    names: frozenset
    words: str


def event_at(body, trigger, part) -> Event | None:
    word = trigger.group("word").lower()
    event = _NOUNS.get(word) or _VERBS[word]
    before = body[max(part.start, trigger.start() - 80) : trigger.start()]
    after = body[trigger.end() : min(part.end, trigger.end() + 60)]
    # A verb's subject is not the event's name (“Pope Francis … died”).
    phrase = re.split(r"[,;:()—]", before)[-1]
    names = (set() if word in _VERBS else _names_before(phrase)) | _names_after(after)
    if word == "sworn" and not after.lower().lstrip().startswith("in"):
        return None
    near = {
        w.lower() for w in TOKEN.findall(before)[-4:] + TOKEN.findall(after)[:3]
    } | {word}
    phase = "start" if near & _START else "end" if near & _END else ""
    if event == "opening":
        phase = "start"
    # A round, a plan or a postponement is another date of the event, not its date.
    kinds = sorted(
        {MARKERS[w] for w in near if w in MARKERS}
        | ({"plan"} if near & _PLAN else set())
    )
    phase = ":".join([phase, *kinds]) if kinds else phase
    return Event(
        trigger.start(),
        trigger.end(),
        event,
        phase,
        frozenset(names),
        (before[-30:] + trigger.group() + after[:20]).strip(),
    )


def _names_before(before: str) -> set[str]:
    """Names in the event's noun phrase: “the EU–Japan Akasaka Palace summit”."""
    names = set()
    tokens = TOKEN.findall(before)
    for token in reversed(tokens[-3:]):
        base = re.sub(r"['’]s$", "", token)
        if CALENDAR.fullmatch(base) or re.fullmatch(r"\d+(?:st|nd|rd|th)?", base):
            continue  # the date itself (“the February 24 election”)
        if _NAME.fullmatch(base) and base.lower() not in STOP:
            names.update(_parts(base))
        elif base.lower() in STOP or not base[:1].islower():
            break
    return names


def _names_after(after: str) -> set[str]:
    """Names after it: “the summit in Tokyo”, “the State Opening of Parliament”."""
    found = re.match(
        r"\s+(?:of|in|at|on)\s+(?:the\s+)?((?:[A-Z][\w'’.–-]*\s*)+)", after
    )
    if not found:
        return set()
    words = [w for w in found.group(1).split() if not CALENDAR.fullmatch(w)]
    return {part for word in words for part in _parts(word)}


def _parts(word: str) -> set[str]:
    return {p.lower() for p in re.split(r"[–-]", word) if p and p.lower() not in STOP}
