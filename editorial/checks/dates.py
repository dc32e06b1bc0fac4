"""Dates as sources write them, read as ranges of days.

Forms: “6 January 2026”, “January 6th”, “on Tuesday, January 6”, “in March 2025”,
“February 2022”, a bare year, “today”, “yesterday”, “on Thursday”, “last Thursday”.
Words that need the source's publication date (a day without a year, “in March”,
“on Thursday”) are resolved against it, and left unread without one: a day without
a year is put in the year that brings it nearest the publication; a weekday alone
is the latest such day on or before the publication (the next one when the
sentence speaks of the future: “will”, “is due to”). A day with a weekday but no
year, more than ``NEAR_DAYS`` from the publication, is put in the nearby year whose
calendar has that weekday on that day, if one has. A weekday written with its
date that does not fall on it is kept as ``When.weekday_wrong``: the date is read
as written, and the contradiction is a finding of its own.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

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
_WEEKDAY = rf"(?:(?P<weekday>{_WEEKDAYS}),?\s+(?:the\s+)?)?"
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
            rf"(?!,?\s+(?:the\s+)?(?:[0-3]?\d|{_MONTH.format('m4')}))",
        ]
    )
)
#: Where a date can start: a digit, a month or weekday, or a relative word. Only
#: these offsets are tried with ``DATE`` (trying it at every offset is slow).
_START = re.compile(
    r"\b(?:\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri"
    r"|Sat|Sun)|[Tt]oday|[Yy]esterday|[Oo]n\s|[Ll]ast\s)"
)


def dates_in(body: str):
    """Every ``DATE`` match in ``body``, left to right, not overlapping."""
    end = 0
    for start in _START.finditer(body):
        if start.start() < end:
            continue
        match = DATE.match(body, start.start())
        if match:
            end = match.end()
            yield match


#: Days from the publication within which a day without a year is that nearest year's.
NEAR_DAYS = 60
_FUTURE = re.compile(r"(?i)\b(?:will|is\s+due|are\s+due|is\s+to|are\s+to|next)\b")


@dataclass(frozen=True)
class When:
    """A date as the range of days it allows, and how to say it."""

    low: date
    high: date
    label: str
    #: The weekday written with the date when the date does not fall on it.
    weekday_wrong: str = ""

    @property
    def phrase(self) -> str:
        if self.low == self.high:
            return f"on {self.label}"
        return f"in {self.label}"


def format_day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _weekday_near(weekday: int, published: date, future: bool, last: bool) -> date:
    if future and not last:
        return published + timedelta(days=(weekday - published.weekday()) % 7)
    latest = published - timedelta(days=1 if last else 0)
    return latest - timedelta(days=(latest.weekday() - weekday) % 7)


def read_date(
    match: re.Match, published: date | None, sentence: str = ""
) -> When | None:
    """The date a ``DATE`` match names, or None when it cannot soundly be read."""
    groups = match.groupdict()
    if groups["relative"] or groups["weekday3"]:
        if published is None:
            return None
        if groups["relative"]:
            back = 0 if groups["relative"].lower() == "today" else 1
            day = published - timedelta(days=back)
        else:
            future = bool(_FUTURE.search(sentence))
            day = _weekday_near(
                WEEKDAYS[groups["weekday3"].lower()],
                published,
                future,
                bool(groups["last"]),
            )
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
        # The year that puts the day nearest the publication date; for a day far
        # from it (“on Friday, March 7” in December), the year its weekday fits.
        number_day = int(groups[f"d{number}"])
        years = sorted(
            (published.year - 1, published.year, published.year + 1),
            key=lambda y: abs((_safe_day(y, month, number_day) - published).days),
        )
        year = years[0]
        far = abs((_safe_day(year, month, number_day) - published).days) > NEAR_DAYS
        if weekday and far:
            fitting = [
                y for y in years if _weekday_of(y, month, number_day) == weekday.lower()
            ]
            year = fitting[0] if fitting else year
    try:
        day = date(year, month, int(groups[f"d{number}"]))
    except ValueError:
        return None
    wrong = ""
    if weekday and WEEKDAYS[weekday.lower()] != day.weekday():
        wrong = weekday.capitalize()
    return When(day, day, format_day(day), weekday_wrong=wrong)


def _weekday_of(year: int, month: int, day: int) -> str:
    try:
        return calendar.day_name[date(year, month, day).weekday()].lower()
    except ValueError:
        return ""


def _safe_day(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def gap(a: When, b: When) -> int:
    """Days between two ranges (0 when they overlap)."""
    if a.low <= b.high and b.low <= a.high:
        return 0
    return (max(a.low, b.low) - min(a.high, b.high)).days


_WEEKDAY_WITH_DATE = re.compile(
    rf"\b({_WEEKDAYS}),?\s+(?:the\s+)?(?:\d|{_FULL_MONTH.format('m')})"
)


def witness(when: When, exact: str, published: date | None) -> tuple[int, str]:
    """How well a report published on ``published`` witnessed the event it dates
    ``when`` in the words ``exact``: ``(rank, words)`` (``{}`` in the words is
    where the report is named).

    A report published on the day it gives the event or the day after describes it
    as it happened (rank 1); one that also writes the day's weekday, agreeing with
    its date, gives a further sign (rank 2). Any other report ranks 0.
    """
    if published is None or not 0 <= (published - when.high).days <= 1:
        return 0, ""
    written = _WEEKDAY_WITH_DATE.search(exact)
    if (
        when.low == when.high
        and written
        and not when.weekday_wrong
        and WEEKDAYS[written.group(1).lower()] == when.low.weekday()
    ):
        return 2, "the report of the event's day, {}, whose weekday and date agree"
    return 1, "the report of the event's day, {}"
