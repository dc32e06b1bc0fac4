"""Words the figure and date checks share: stop words, lemmas, and marker words.

``MARKERS`` maps words that change what a figure measures to a class: a projection
(“exit poll”, “projected”), a threshold (“needed”, “required”), a proposal (“draft”,
“proposed”), an earlier figure (“previous”, “former”), the eligible (“eligible”),
a part (“remaining”, “away”) or a round (“first”, “second”). Two figures with
different classes measure different things, whatever their numbers.
"""

from __future__ import annotations

import calendar
import re

WORD = re.compile(r"[A-Za-z0-9][\w'’.-]*[\w]|[A-Za-z0-9]")

STOP = set(
    """a an the and or but nor of in on at to for from by with as into onto over
    under about around than then that this these those which who whom whose what
    when where while is are was were be been being has have had will would could
    should may might can must do does did not no its it his her their our your my
    he she they we you i them him us after before since until during between among
    per each every all some any most more less least fewer many much such only also
    just even still so if because though although up down out off there here via
    one both either neither other another same own new
    it's he's she's they're we're mr mrs ms dr hundred thousand million billion
    trillion bn per cent percent""".split()
)
#: Capitalised words that are not names.
STOP |= {
    "said",
    "says",
    "according",
    "meanwhile",
    "however",
    "yesterday",
    "today",
    "tomorrow",
    "last",
    "next",
    "nearly",
    "almost",
    "roughly",
    "approximately",
    "estimated",
    "under",
    "over",
}

_CLASSES = {
    "projection": "projected projection projections forecast forecasts forecasted "
    "predicted prediction predictions exit poll polls polling survey surveys",
    "threshold": "needed need needs required requires require requirement threshold "
    "minimum necessary quorum",
    "proposal": "draft drafts proposed proposal proposals initial initially original "
    "originally",
    "earlier": "previous previously former formerly earlier prior old outgoing then",
    "revision": "revised updated amended amendment",
    "eligible": "eligible registered entitled",
    "part": "away absent remaining missing additional extra further",
    "running": "toll tally risen climbed mounting",
    "round:1": "first",
    "round:2": "second runoff run-off",
    "round:3": "third",
    "round:4": "fourth",
    "round:final": "final",
}
MARKERS = {word: name for name, words in _CLASSES.items() for word in words.split()}

_MONTHS = [m for m in calendar.month_name if m] + [m for m in calendar.month_abbr if m]
_DAYS = list(calendar.day_name)
CALENDAR = re.compile("(?:" + "|".join(_MONTHS + _DAYS + ["Sept"]) + r")\b\.?")


def plural(word: str) -> bool:
    """Whether a lower-case word looks like a plural noun (“seats”, “countries”)."""
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "'s", "’s"))
    ) or word in {"mps", "men"}


def lemma(word: str) -> str:
    """A crude singular: “countries” → “country”, “nations” → “country” (synonyms)."""
    word = word.lower().strip("'’")
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith(("sses", "ches", "shes", "xes")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    elif word == "mps":
        word = "mp"
    return SYNONYMS.get(word, word)


#: Nouns that count the same thing.
SYNONYMS = {
    "nation": "country",
    "soldier": "troop",
    "personnel": "troop",
    "ballots": "ballot",
    "product": "gdp",
    "per": "per",
}


def content_words(words) -> frozenset:
    """The lemmas of the words that carry meaning (no stop words, numbers, dates)."""
    return frozenset(
        lemma(word)
        for word in words
        if word.lower() not in STOP
        and not word[:1].isdigit()
        and not CALENDAR.fullmatch(word)
        and len(word) > 2
    )
