"""Numbers as texts write them: digits, words, scales and approximations, as ranges.

``NUMBER`` matches one number ("3,000", "33.7", "twenty-six", "two dozen", "a dozen");
``number_value`` reads it. Digit strings longer than ``MAX_DIGITS`` are not read (a
4,301-digit number would exceed Python's ``int`` limit, and no newsroom figure has
that many digits). ``approximate`` turns a qualifier ("around", "more than", "at
least") and a value into the range of values the words allow.
"""

from __future__ import annotations

import math
import re

from .text import TENS
from .text import UNITS as _NUMBER_WORDS

#: Longer digit strings are not figures (and ``int`` refuses past 4,300 digits).
MAX_DIGITS = 15

#: Number words ("zero" left out: "zero tolerance" is rarely a figure); the words are
#: ``text``'s, which reads numbers for the restated-claim check.
UNITS = {word: value for word, value in _NUMBER_WORDS.items() if word != "zero"}
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "tn": 1_000_000_000_000,
}

_UNITS = "|".join(sorted(UNITS, key=len, reverse=True))
_TENS = "|".join(TENS)
#: “one” alone is left out: “one of them”, “one year after” are rarely figures.
_SMALL = "|".join(sorted(set(UNITS) - {"one"}, key=len, reverse=True))
_WORDS = (
    rf"(?:{_TENS})(?:[-‐ ](?:{_UNITS}))?"
    rf"|(?:half\s+a|a|{_SMALL})\s+dozen"
    rf"|(?:{_SMALL})"
)
#: One number in digits (with thousands separators or decimals) or in words.
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?i:{_WORDS})\b)"
SCALE = r"(?i:hundred|thousand|million|billion|trillion|bn|mn|tn|m|k)\b"

# What each qualifier does to a value: (low factor, high factor), or a rule name.
_AROUND = {
    "around",
    "about",
    "some",
    "roughly",
    "approximately",
    "estimated",
    "an estimated",
    "close to",
    "almost",
    "nearly",
}
_ABOVE = {"more than", "over", "just over", "upwards of"}
_AT_LEAST = {"at least"}
_BELOW = {"fewer than", "less than", "under", "just under"}
_UP_TO = {"up to", "as many as", "at most"}
APPROXIMATE = (
    r"(?i:an\s+estimated|estimated|around|about|some|roughly|approximately|close\s+to"
    r"|almost|nearly|just\s+over|more\s+than|over|upwards\s+of|at\s+least"
    r"|fewer\s+than|less\s+than|just\s+under|under|up\s+to|as\s+many\s+as|at\s+most"
    r"|between)"
)


def number_value(text: str) -> float | None:
    """The value of one ``NUMBER`` match, or None for digit strings too long to be figures."""
    word = re.sub(r"\s+", " ", text.lower().replace(",", "")).strip()
    if word[:1].isdigit():
        if len(word.split(".")[0]) > MAX_DIGITS:
            return None
        return float(word) if "." in word else int(word)
    if word.endswith("dozen"):
        head = word[: -len("dozen")].strip()
        return {"a": 1, "half a": 0.5}.get(head, UNITS.get(head, 1)) * 12
    parts = re.split(r"[-‐ ]", word)
    if parts[0] in TENS:
        return TENS[parts[0]] + (UNITS.get(parts[1], 0) if len(parts) > 1 else 0)
    return UNITS.get(parts[0])


def scaled(value: float, scale: str | None) -> float:
    return value * SCALES[scale.lower()] if scale else value


def approximate(qualifier: str | None, value: float) -> tuple[float, float]:
    """The ``(low, high)`` values that ``qualifier value`` allows."""
    word = re.sub(r"\s+", " ", (qualifier or "").lower())
    if word in {"almost", "nearly"}:
        return value * 0.85, value
    if word in _AROUND:
        return value * 0.85, value * 1.15
    if word in _ABOVE:
        return value, math.inf
    if word in _AT_LEAST:
        return value, math.inf
    if word in _BELOW:
        return 0, value
    if word in _UP_TO:
        return 0, value
    return value, value


def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two ranges can both be true (a small tolerance for rounding)."""
    slack = 1e-9 * max(abs(a[0]), abs(b[0]), 1)
    return a[0] <= b[1] + slack and b[0] <= a[1] + slack


def label(low: float, high: float, qualifier: str | None = None) -> str:
    """How a range reads back: “26”, “28 to 30”, “more than 30”, “around 20”."""
    word = re.sub(r"\s+", " ", (qualifier or "").lower())
    if high == math.inf:
        return f"{'at least' if word in _AT_LEAST else 'more than'} {_plain(low)}"
    if low == 0 and word in _BELOW | _UP_TO:
        return f"{word} {_plain(high)}"
    if word in _AROUND:
        middle = high if word in {"almost", "nearly"} else (low + high) / 2
        return f"{word} {_plain(middle)}"
    if low == high:
        return _plain(low)
    return f"{_plain(low)} to {_plain(high)}"


def _plain(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
