"""Conflicting figures, continued: the same event dated differently.

The events are ones the corpus dates: the founding of the Coalition of the Willing
(“inaugural meeting”, “formally launched … in March 2025”), the start of Russia's
full-scale invasion (“in February 2022”) and the London summit at Lancaster House.
A date is read from the event's sentence in any of the forms the sources write:
“6 January 2026”, “January 6th”, “on Tuesday, January 6th”, “in March 2025”,
“February 2022”, “the 2022 full-scale invasion”. Words that need the source's
publication date (“January 6th” without a year, “in March”, “on Thursday”,
“yesterday”) are resolved against it, and only when that is sound: a source without
a publication date leaves them unread, and a weekday that does not fall on the day
named leaves the day unread. Each date becomes a range of days (“March 2025” is the
whole month); when two ranges of one event cannot both be true, every dated mention
of the event is proposed as a position of one dispute, like the other figures.

Not read: dates inside quotation marks (an older statement quoted, not the source's
own dating), mentions with no date at all, and meetings that recur (there have been
several Paris summits, so “the Paris summit” names no single event to compare).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .figures import any_incompatible
from .findings import Cited, Finding, Kind
from .offices import format_day
from .text import inside_quotation, sentence_at, sentences

MONTHS = {
    name.lower(): number for number, name in enumerate(calendar.month_name) if name
}
MONTHS |= {
    name.lower(): number for number, name in enumerate(calendar.month_abbr) if name
}
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}

# Capitalised only: “may” and “march” are verbs too.
_MONTH = (
    r"(?P<{}>"
    + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
    + r")\b\.?"
)
# A month without a day is written in full: “Mar” alone is more often a name.
_FULL_MONTH = (
    r"(?P<{}>" + "|".join(name for name in calendar.month_name if name) + r")\b"
)
_WEEKDAYS = "|".join(day.capitalize() for day in WEEKDAYS)
_WEEKDAY = rf"(?:(?P<weekday>{_WEEKDAYS}),?\s+)?"
_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{}>(?:19|20)\d\d)"

#: Date forms, most precise first; names are unique per alternative.
DATE = re.compile(
    "|".join(
        [
            # 6 January 2026, Tuesday 6 January, 6th of January
            rf"\b{_WEEKDAY}{_DAY.format('d1')}(?:\s+of)?\s+{_MONTH.format('m1')}"
            rf"(?:,?\s+{_YEAR.format('y1')})?\b",
            # January 6, 2026, Tuesday, January 6th
            rf"\b{_WEEKDAY.replace('weekday', 'weekday2')}{_MONTH.format('m2')}\s+"
            rf"{_DAY.format('d2')}(?:,?\s+{_YEAR.format('y2')})?(?!\d)\b",
            # March 2025, in March
            rf"\b{_FULL_MONTH.format('m3')}(?:\s+{_YEAR.format('y3')})?\b",
            # the 2022 full-scale invasion, in 2025
            rf"(?<![\d–-]){_YEAR.format('y4')}(?![\d–-])",
            # Relative words
            r"\b(?P<relative>(?i:today|yesterday))\b",
            rf"\b(?:(?i:on)|(?P<last>(?i:last)))\s+(?P<weekday3>{_WEEKDAYS})\b"
            # not “on Tuesday, January 6th”: the weekday of a day given in full
            rf"(?!,?\s+(?:[0-3]?\d|{_MONTH.format('m4')}))",
        ]
    )
)

#: How many days before its publication a source reports an event “as news”.
NEWS_DAYS = 7


@dataclass(frozen=True)
class When:
    """A date as the range of days it allows, and how to say it."""

    low: date
    high: date
    label: str
    #: How the date was inferred, when the words do not say it.
    why: str = ""

    def compatible(self, other: When) -> bool:
        return self.low <= other.high and other.low <= self.high


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _last_weekday(weekday: int, published: date) -> date:
    """The latest day on or before ``published`` that falls on ``weekday``."""
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def read_date(match: re.Match, published: date | None) -> When | None:
    """The date a ``DATE`` match names, or None when it cannot soundly be read."""
    groups = match.groupdict()
    if groups["relative"] or groups["weekday3"]:
        if published is None:
            return None
        if groups["relative"]:
            back = 0 if groups["relative"].lower() == "today" else 1
            day = published - timedelta(days=back)
        else:
            # “on Thursday” may be the day of publication; “last Thursday” is not.
            latest = published - timedelta(days=1 if groups["last"] else 0)
            day = _last_weekday(WEEKDAYS[groups["weekday3"].lower()], latest)
        return When(day, day, format_day(day))
    if groups["y4"]:
        year = int(groups["y4"])
        return When(date(year, 1, 1), date(year, 12, 31), str(year))
    if groups["m3"]:
        month = MONTHS[groups["m3"].lower()]
        if groups["y3"]:
            year = int(groups["y3"])
        elif published is None:
            return None
        else:
            # “in March” in a text of December 2025 is the March before it.
            year = published.year if month <= published.month else published.year - 1
        low, high = _month_range(year, month)
        return When(low, high, f"{calendar.month_name[month]} {year}")
    number = "1" if groups["d1"] else "2"
    month = MONTHS[groups[f"m{number}"].lower()]
    weekday = groups["weekday" if number == "1" else "weekday2"]
    year_text = groups[f"y{number}"]
    if year_text:
        year = int(year_text)
    elif published is None:
        return None
    else:
        # The year that puts the day nearest the publication date.
        year = min(
            (published.year - 1, published.year, published.year + 1),
            key=lambda y: abs((_safe_day(y, month, 1) - published).days),
        )
    try:
        day = date(year, month, int(groups[f"d{number}"]))
    except ValueError:
        return None
    if weekday and WEEKDAYS[weekday.lower()] != day.weekday():
        return None  # the weekday contradicts the day: which one is wrong is unknown
    return When(day, day, format_day(day))


def _safe_day(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Event:
    key: str
    question: str
    #: With {when}: “The Coalition of the Willing was founded {when}.”
    statement: str
    pattern: re.Pattern
    #: Words that report the event as news when the sentence gives no date: such a
    #: mention in a dated source is dated to the days just before its publication.
    as_news: re.Pattern | None = None


_COALITION = (
    r"['‘\"“]?(?i:coalition\s+of\s+the\s+willing|coalition\s+of\s+volunteers)['’\"”]?"
)

EVENTS = [
    Event(
        key="coalition-founding",
        question="When was the Coalition of the Willing founded?",
        statement="The Coalition of the Willing was founded {when}.",
        pattern=re.compile(
            rf"(?i:inaugural|first|founding)\s+(?i:meeting|summit)\s+of\s+the\s+{_COALITION}"
            rf"|(?i:formally\s+)?(?i:launched|founded|formed)\s+as\s+an?\s+{_COALITION}"
            rf"|(?i:formal\s+)?(?i:launch|founding|foundation)\s+(?:of|as)\s+(?:the|an?)\s+"
            rf"{_COALITION}"
        ),
        as_news=re.compile(
            r"(?i:\b(?:at|during)\s+(?:the|its)\s+(?:inaugural|first|founding)\s+"
            r"(?:meeting|summit))"
        ),
    ),
    Event(
        key="full-scale-invasion",
        question="When did Russia's full-scale invasion of Ukraine begin?",
        statement="Russia's full-scale invasion of Ukraine began {when}.",
        # “Russia's invasion” alone may be 2014's; only the full-scale one is this.
        pattern=re.compile(
            r"(?:(?:Russia's|Russian)\s+)?(?<!future )(?i:full-scale\s+invasion)"
            r"(?!\s+attempts?)"
        ),
    ),
    Event(
        key="london-summit",
        question="When was the London summit on Ukraine at Lancaster House held?",
        statement="The London summit on Ukraine at Lancaster House was held {when}.",
        pattern=re.compile(
            r"London\s+(?:[\"“]Securing\s+Our\s+Future[\"”]\s+)?(?i:summit)"
            r"(?:\s+on\s+Ukraine)?(?:,\s+Lancaster\s+House(?!\s+2\.0))?"
            r"|Lancaster\s+House\s+(?i:summit)"
        ),
    ),
]


@dataclass(frozen=True)
class Mention:
    document: str
    start: int
    end: int
    exact: str
    when: When


def _nearest_date(body, sentence, start, end, published):
    """The readable date in the sentence nearest the event's words, not quoted."""
    best = None
    text = body[sentence.start : sentence.end]
    for match in DATE.finditer(text):
        if inside_quotation(text, match.start()):
            continue
        when = read_date(match, published)
        if when is None:
            continue
        at = sentence.start + match.start()
        distance = start - (at + len(match.group())) if at < start else at - end
        if distance < 0:
            continue  # a year inside the event's own words
        if best is None or distance < best[0]:
            best = (distance, at, at + len(match.group()), when)
    return best


def mentions(
    event: Event, document: str, body: str, published, parts: list | None = None
) -> list[Mention]:
    """Every dated mention of ``event`` in one source; ``parts`` are its sentences."""
    found = []
    parts = sentences(body) if parts is None else parts
    for match in event.pattern.finditer(body):
        sentence = sentence_at(parts, match.start())
        if inside_quotation(
            body[sentence.start : sentence.end], match.start() - sentence.start
        ):
            continue
        nearest = _nearest_date(body, sentence, match.start(), match.end(), published)
        if nearest is not None:
            _, date_start, date_end, when = nearest
            start, end = min(match.start(), date_start), max(match.end(), date_end)
        elif (
            event.as_news is not None
            and published is not None
            and event.as_news.search(body, sentence.start, match.end())
        ):
            start, end = match.start(), match.end()
            when = When(
                published - timedelta(days=NEWS_DAYS),
                published,
                f"the week to {format_day(published)}",
                why=" (the source reports it as news and gives no other date, so it "
                "is dated by the source's publication)",
            )
        else:
            continue
        found.append(Mention(document, start, end, body[start:end], when))
    return found


def date_mentions(document: str, body: str, published, parts: list) -> tuple:
    """Each event's dated mentions in one source, in the order of ``EVENTS``."""
    return tuple(mentions(event, document, body, published, parts) for event in EVENTS)


def conflicting_dates(documents) -> list[Finding]:
    """``documents`` are ``(key, body, published_on)``; undated ones read fewer dates."""
    read = [
        date_mentions(key, body, published, sentences(body))
        for key, body, published in documents
    ]
    return date_conflicts(
        [[m for found in read for m in found[i]] for i in range(len(EVENTS))]
    )


def date_conflicts(found_by_event) -> list[Finding]:
    """The findings for every dated mention of each event whose dates conflict."""
    findings = []
    for event, found in zip(EVENTS, found_by_event, strict=True):
        if not any_incompatible([(m.when.low, m.when.high) for m in found]):
            continue
        first: dict[str, Mention] = {}
        for mention in found:
            first.setdefault(mention.when.label, mention)
        for mention in found:
            label = mention.when.label
            others = [other for key, other in first.items() if key != label]
            findings.append(
                Finding(
                    kind=Kind.FIGURES,
                    document=mention.document,
                    start=mention.start,
                    end=mention.end,
                    exact=mention.exact,
                    statement=event.statement.format(when=_phrase(mention.when)),
                    explanation=(
                        f"“{mention.exact}” dates it {_phrase(mention.when)}"
                        f"{mention.when.why}; other "
                        "mentions date it "
                        + "; ".join(_phrase(other.when) for other in others)
                        + "."
                    ),
                    evidence=tuple(
                        Cited(
                            citation=f"source {other.document}: “{other.exact}”",
                            note=f"Another mention dates it {_phrase(other.when)}.",
                        )
                        for other in others
                    ),
                    group=f"figures:date:{event.key}",
                    question=event.question,
                )
            )
    return findings


def _phrase(when: When) -> str:
    if when.label[0].isdigit() and when.low == when.high:
        return f"on {when.label}"
    return f"in {when.label}"
