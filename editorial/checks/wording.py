"""Sentences as comparable words: what ``checks.restated`` matches claims on.

Numbers written in words become digits (“twenty-six” is 26), common words are
dropped, plurals and verb endings are folded and a few newsroom synonyms are merged
(“nations” and “countries”, “pledged” and “committed”).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .text import NUMBER, TENS, UNITS, number_value

STOPWORDS = frozenset(
    """a an the and or but of to in on at by for with from as that this these those is
    are was were be been being has have had will would could should may might can do
    does did it its their there they them he she his her we our you your which who
    whom whose what when where while also not no than then so such into over after
    before about said says say according once any all some more most other same own
    very just only both each per via upon this""".split()
)
SYNONYMS = {
    "nation": "country",
    "state": "country",
    "pledge": "commit",
    "promise": "commit",
    "agree": "commit",
    "troop": "force",
    "soldier": "force",
    "military": "force",
    "britain": "british",
    "uk": "british",
    "kingdom": "british",
    "premier": "prime",
    "pm": "prime",
    "us": "american",
    "u.s": "american",
    "america": "american",
    "washington": "american",
    "represent": "attend",
    "delegation": "attend",
    "coalition": "alliance",
    "comprise": "include",
    "consist": "include",
    "deal": "agreement",
    "pact": "agreement",
    "accord": "agreement",
    "inaugural": "first",
    "war": "conflict",
}
_NUMBER_WORD = re.compile(rf"\b{NUMBER}\b")
_WORD = re.compile(r"[\w.]+")
_DIGIT = re.compile(r"[0-9]")
_NUMBER_WORDS = (*UNITS, *TENS)


def may_hold_number(text: str) -> bool:
    """False only when ``text`` holds no ``text.NUMBER`` (a cheap test before the slow
    pattern). In ASCII text (only there: case-insensitive matching folds some other
    letters into ASCII ones) a NUMBER is digits, or a word of ``UNITS`` or ``TENS``
    in any case, which ``text.lower()`` then holds as it is."""
    if not text.isascii() or _DIGIT.search(text):
        return True
    lowered = text.lower()
    return any(word in lowered for word in _NUMBER_WORDS)


@lru_cache(maxsize=20000)
def _stem(word: str) -> str:
    word = word.strip(".").removesuffix("'s").removesuffix("’s")
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + keep
            if (
                suffix in {"ing", "ed"}
                and word[-1] == word[-2]
                and word[-1] not in "ls"
            ):
                word = word[:-1]  # committed -> commit
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def _synonym(word: str) -> str:
    return _stem(SYNONYMS.get(word, SYNONYMS.get(word + "e", word)))


def words(text: str) -> list[str]:
    """The content words of ``text``, normalised for comparison."""
    if may_hold_number(text):
        text = _NUMBER_WORD.sub(lambda m: str(number_value(m.group())), text)
    found = []
    for raw in _WORD.findall(text.lower().replace(",", "")):
        raw = raw.strip(".")
        if not raw or raw in STOPWORDS:
            continue
        if raw.isdigit():
            found.append(raw)
            continue
        stemmed = _synonym(_stem(raw))
        if stemmed and stemmed not in STOPWORDS:
            found.append(stemmed)
    return found
