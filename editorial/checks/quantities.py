"""Every quantity a text states, with what it counts and the words that qualify it.

A quantity is a number (``numbers.NUMBER``, with an approximation, a range, a scale)
that is a count of something (“32 allied nations”, “a 12-nation bloc”, “411 of
the 650 seats”), a percentage (“33.7 per cent of the vote”, “a turnout of 82.5 per
cent”, “a 25% tariff”) or an amount of money (“€500 billion infrastructure fund”,
“$300 billion a year”). Each becomes a ``Quantity``: the range of values the words
allow, the unit, the counted noun (lemma, plural folded, with its modifiers), who
it belongs to (the nearest name before it), marker words that say it measures
something else (a projection, a threshold needed, a draft, an earlier figure, the
eligible, a first round) and the years that anchor it in time.

Not quantities: years, dates, times of day, ages, ordinals, identifiers after a name
(“Article 5”, “G20”), fractions (“two-thirds”), counts of one, and numbers whose
counted noun cannot be told. The text is scanned once; each sentence is split into
words once (``Sentences``), so reading is linear in the text's length.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass

from .nouns import (
    clause,
    count_noun,
    measure_before,
    noun_run,
    owner,
    percent_noun,
)
from .numbers import (
    APPROXIMATE,
    NUMBER,
    SCALE,
    TENS,
    UNITS,
    approximate,
    label,
    number_value,
    scaled,
)
from .words import CALENDAR, MARKERS, STOP, WORD, content_words

_CURRENCY = r"(?:US\$|A\$|C\$|\$|€|£|¥|₹|\b(?:USD|EUR|GBP)\s?)"
QUANTITY = re.compile(
    rf"(?P<cur>{_CURRENCY})?(?<![\w.,:/+#])(?P<num>{NUMBER})(?![\w:/]|[.,]\d)"
    rf"(?:\s*(?P<scale>{SCALE}))?"
    rf"(?:\s*(?:-|–|—|\bto\b|\band\b)\s*{_CURRENCY}?(?P<num2>{NUMBER})(?![\w:/]|[.,]\d)"
    rf"(?:\s*(?P<scale2>{SCALE}))?)?"
    r"(?P<pct>\s*(?:%|(?i:per\s?cent|percent)\b)(?:\s*(?:-|–|\bto\b)\s*\d[\d.]*\s*(?:%|(?i:per\s?cent|percent)\b))?)?"
    r"(?P<curword>\s+(?i:dollars|euros|pounds|yen)\b)?"
)
_RATE = re.compile(r"\s+(?i:a|per|each|every)\s+(?i:year|annum)\b|\s+(?i:annually)\b")
_COMPOUND = re.compile(r"[-‐](?P<word>[a-z]+)\b(?:[-‐](?P<more>[a-z]+))?")
_NAME_BEFORE = re.compile(r"[^\s.!?:;\"“(]\s+(?P<word>[A-Z][\w'’.-]*)\s+$")
_APPROX_BEFORE = re.compile(rf"\b({APPROXIMATE})\s+$")
_MONTH_NAMES = frozenset(m.lower() for m in calendar.month_name if m)
_MID_SENTENCE_NAME = re.compile(r"(?<=[a-z,;)] )[A-Z][\w-]*")
_AGE_BEFORE = re.compile(r"(?i:\baged?|\bages|\bage\s+of)\s+$")
_FRACTIONS = {"third", "thirds", "quarter", "quarters", "half", "fifths", "tenths"}
#: Compound words that make an age or a time of day, not a count.
_NOT_COUNTS = {"year-old", "years-old", "old", "th", "st", "nd", "rd"}
#: Counts of these are compared only when their sentences share other words too.
WEAK_NOUNS = {
    "second",
    "minute",
    "hour",
    "day",
    "week",
    "month",
    "year",
    "decade",
    "century",
    "time",
    "people",
    "person",
    "way",
    "thing",
    "part",
}


@dataclass(frozen=True)
class Quantity:
    document: str
    start: int
    end: int
    exact: str
    low: float
    high: float
    label: str
    #: "count", "percent", or "money:<currency>"; rates add "/year".
    unit: str
    noun: str | None
    modifiers: frozenset
    #: Words of the nearest name before the figure (its owner: a party, a country).
    owner: frozenset
    markers: frozenset
    #: Years the figure is anchored in (other than the publication's own).
    years: frozenset
    #: A year the figure is due by (“by 2035”): compared only when both give one.
    deadline: int | None
    #: Content words of the figure's sentence, to tell weak nouns apart.
    context: frozenset
    #: Content words of the words around it (up to the next figure either side).
    near: frozenset
    #: The clause that states it, to phrase the question and statement from.
    clause: str
    #: The noun phrase as written (“registered voters”).
    phrase: str
    #: The source's publication date: a running total (“the toll rose to 35”) is
    #: compared only with the same day's.
    day: object = None


class Sentences:
    """A text's sentences, each split into words once, found by offset in O(log n)."""

    def __init__(self, body: str, parts):
        self.body = body
        self.parts = parts
        self.starts = [part.start for part in parts]
        self._words: dict[int, tuple] = {}

    def index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def words(self, index: int) -> tuple[list[re.Match], list[int], frozenset]:
        """The sentence's words, their offsets and its content words, made once."""
        found = self._words.get(index)
        if found is None:
            part = self.parts[index]
            words = list(WORD.finditer(self.body, part.start, part.end))
            starts = [word.start() for word in words]
            found = (words, starts, content_words(w.group() for w in words))
            self._words[index] = found
        return found


def quantities(
    document: str, body: str, parts, published=None, sentences: Sentences | None = None
) -> list[Quantity]:
    """Every quantity ``body`` states; ``parts`` are its sentences (``text.sentences``)."""
    sentences = sentences or Sentences(body, parts)
    matches = []
    for match in _quantity_matches(body) if parts else ():
        found = _Found(body, match)
        if not _not_a_figure(body, found, number_value(match.group("num"))):
            matches.append(found)
    names = {m.group() for m in _MID_SENTENCE_NAME.finditer(body)} if matches else set()
    found, seen = [], set()
    for position, match in enumerate(matches):
        # The same words around the same figure say the same thing again: a phrase
        # repeated a thousand times is read once.
        at = match.start()
        said = (body[max(0, at - 80) : at], body[at : match.end() + 80])
        if said in seen:
            continue
        seen.add(said)
        read = _read(
            document, body, sentences, match, published, matches, position, names
        )
        if read is not None:
            found.append(read)
    return found


_WORDS = "|".join(sorted({*UNITS, *TENS, "dozen", "half", "a"}, key=len, reverse=True))
#: Where a quantity can start; only these offsets are tried with ``QUANTITY``.
_START = re.compile(
    rf"[\d$€£¥₹]|(?<![\w])(?:USD|EUR|GBP|(?:{_WORDS}|{_WORDS.title()}))\b"
)


def _quantity_matches(body: str):
    """Every ``QUANTITY`` match, left to right, not overlapping."""
    end = 0
    for start in _START.finditer(body):
        at = start.start()
        if at < end or (at and body[at - 1].isdigit()):
            continue
        match = QUANTITY.match(body, at)
        if match:
            end = match.end()
            if _backwards(match):  # “in 2019 to 121”: a year, then a figure
                end = match.end("num")
            yield match


def _backwards(match) -> bool:
    first, second = match.group("num"), match.group("num2")
    if second and re.fullmatch(r"(?:19|20)\d\d", first):
        return (number_value(second) or float("inf")) < int(first)
    return False


class _Found:
    """A ``QUANTITY`` match with the approximation written before it (“some 3,000”):
    looked for behind the number, so the pattern does not try it at every offset."""

    def __init__(self, body: str, match: re.Match):
        self.match = match
        found = _APPROX_BEFORE.search(body, max(0, match.start() - 24), match.start())
        self.approx = found.group(1) if found else None
        self.begin = found.start() if found else match.start()

    def group(self, name=0):
        return self.approx if name == "approx" else self.match.group(name)

    def start(self, name=None):
        return self.begin if name is None else self.match.start(name)

    def end(self, name=None):
        return self.match.end() if name is None else self.match.end(name)


def _read(document, body, sentences, match, published, matches, position, names):
    now = getattr(published, "year", None)
    value = number_value(match.group("num"))
    upper = number_value(match.group("num2")) if match.group("num2") else None
    if match.group("num2") and upper is None:
        return None
    scale = match.group("scale") or match.group("scale2")
    value, upper = scaled(value, scale), (scaled(upper, scale) if upper else None)
    approx = match.group("approx")
    if approx and approx.lower() == "between" and upper is None:
        return None
    low, high = (value, upper) if upper is not None else approximate(approx, value)
    if upper is not None and upper < value:
        return None
    end = match.end()
    rate = _RATE.match(body, end)
    if rate:
        end = rate.end()
    currency = match.group("cur") or match.group("curword")
    pct = match.group("pct")
    elided_from = None
    index = sentences.index(match.start())
    part = sentences.parts[index]
    tail = body[end : min(part.end, end + 200)]  # bounded: a sentence may be endless
    if currency:
        unit = "money:" + _currency(currency)
        noun, mods, phrase, end = noun_run(tail, end, singular=True)
        if noun is None:
            noun, mods = measure_before(body, part.start, match.start())
    elif pct:
        unit = "percent"
        noun, mods, phrase, end = percent_noun(body, tail, end, part, match)
    else:
        if value == 1 and upper is None:
            return None
        unit = "count"
        noun, mods, phrase, end = count_noun(tail, end, value)
        if noun is None:
            elided_from = _elided(body, part.start, match.start())
            if elided_from is None:
                return None
            noun, mods, phrase = elided_from
    if rate:
        unit += "/year"
    words, starts, context = sentences.words(index)
    at = bisect.bisect_left(starts, match.start())
    after = bisect.bisect_left(starts, end)
    before_limit = matches[position - 1].end() if position else part.start
    if elided_from is not None:  # the words before its “to” are the earlier figure's
        before_limit = max(before_limit, match.start() - 4)
    after_limit = (
        matches[position + 1].start() if position + 1 < len(matches) else part.end
    )
    window = [
        w.group().lower()
        for w in words[max(0, at - 8) : at]
        if w.start() >= before_limit
    ] + [w.group().lower() for w in words[after : after + 8] if w.end() <= after_limit]
    markers = {MARKERS[w] for w in window if w in MARKERS}
    if _COMPOUND.match(body, match.end("num")) and unit == "count":
        markers.add("size")  # “a 630-seat chamber”: the size of something
    if _total_before(body, part.start, match.start()):
        markers.add("total")
    if re.search(
        r"\bfrom\s+$", body[max(part.start, match.start() - 6) : match.start()]
    ):
        markers.add("earlier")
    years, deadline = _years(window, body, match, now)
    whose = owner(words[max(0, at - 20) : at], noun, names, body)
    start = match.start()
    return Quantity(
        document=document,
        start=start,
        end=end,
        exact=body[start:end],
        low=low,
        high=high,
        label=label(low, high, None if upper is not None else approx),
        unit=unit,
        noun=noun,
        modifiers=frozenset(mods),
        owner=frozenset(whose),
        markers=frozenset(markers),
        years=frozenset(years),
        deadline=deadline,
        context=context,
        near=content_words(window),
        clause=clause(body, part, start, end),
        phrase=phrase,
        day=published,
    )


_FROM_TO = re.compile(
    r"\bfrom\s+[\d,.]+\s+(?P<noun>[^\W\d]+(?:\s+[^\W\d]+)?)[^.;:]{0,60}?\bto\s+$"
)


def _elided(body, start, at):
    """The noun a bare count takes from “from 365 seats in 2019 to 121” (bounded)."""
    found = _FROM_TO.search(body, max(start, at - 100), at)
    if not found:
        return None
    noun, mods, phrase, _ = count_noun(" " + found.group("noun") + " ", 0, 2)
    return (noun, mods, phrase) if noun else None


def _not_a_figure(body, match, value) -> bool:
    if value is None:
        return True
    num = match.group("num")
    start = match.start("num")
    plain = num.replace(",", "").isdigit() and "," not in num
    if (
        plain
        and 1800 <= value <= 2100
        and not match.group("cur")
        and not match.group("pct")
    ):
        return True  # a year
    before = body[max(0, start - 12) : start]
    after = body[match.end("num") : match.end("num") + 14]
    if CALENDAR.search(before.split()[-1] if before.split() else "") or re.match(
        rf"\s+{CALENDAR.pattern}", after
    ):
        return True  # a date
    if _AGE_BEFORE.search(before) or re.match(r"\s*(?:-|‐)?\s*years?[-‐\s]old", after):
        return True
    compound = _COMPOUND.match(body, match.end("num"))
    if compound and (
        compound.group("word") in _FRACTIONS
        or f"{compound.group('word')}-{compound.group('more')}" in _NOT_COUNTS
    ):
        return True
    if match.group("approx") or match.group("cur"):
        return False
    previous = _NAME_BEFORE.search(body, max(0, start - 40), start)
    # An identifier after a name (“Article 6”, “the SPD 120”), not a sentence's start.
    return bool(previous and previous.group("word").lower() not in STOP)


def _currency(text: str) -> str:
    text = text.strip().lower()
    return {
        "$": "usd",
        "us$": "usd",
        "dollars": "usd",
        "€": "eur",
        "euros": "eur",
        "£": "gbp",
        "pounds": "gbp",
        "¥": "jpy",
        "yen": "jpy",
    }.get(text, text)


def _total_before(body, start, at) -> bool:
    return bool(
        re.search(
            rf"{NUMBER}\s+(?:of|out\s+of)\s+(?:the\s+)?$",
            body[max(start, at - 40) : at],
        )
    )


def _years(window, body, match, now):
    years, deadline = set(), None
    for i, word in enumerate(window):
        if word == "year" and i and now and window[i - 1] in {"last", "next"}:
            years.add(now + (1 if window[i - 1] == "next" else -1))
        if i and window[i - 1] in {"in", "for", "during"} and word in _MONTH_NAMES:
            years.add(word)  # “3.2% in March”: March's figure, not February's
        if re.fullmatch(r"(?:19|20)\d\d(?:'s|’s)?", word):
            year = int(word[:4])
            if i and window[i - 1] in {"by", "until", "before", "through"}:
                deadline = year
            elif i and window[i - 1] in {"since", "than", "till"}:
                continue  # a comparison with that year, not the figure's year
            elif year != now:
                years.add(year)
    return years, deadline
