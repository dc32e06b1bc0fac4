"""A news article's dateline, read as its publication date. Pure: no Django.

Wire copy opens its first paragraph with a dateline: the place, often the day, and the
agency, then a dash: "PARIS, Jan. 6 (Reuters) -", "LONDON, 6 January 2026 (AP) —",
"NAIROBI, Kenya, March 3, 2025 -". When a pasted or imported article has no date of
its own, the dateline's day is the best the text offers. Most datelines leave out
the year: the latest such day on or before the import is taken, and the note says so,
for the editor to check.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_PLACE = r"(?P<place>[A-Z][A-Z'’.\- ]{1,40}(?:,\s*[A-Z][A-Za-z'’.\- ]{1,40})?)"
_DAY_FIRST = rf"(?P<day1>\d{{1,2}})\s+{_MONTH}"
_MONTH_FIRST = r"(?P<month2>[A-Za-z]{3,9})\.?\s+(?P<day2>\d{1,2})"
DATELINE = re.compile(
    rf"^\s*{_PLACE},?\s+(?:{_MONTH_FIRST}|{_DAY_FIRST})(?:,?\s+(?P<year>\d{{4}}))?"
    r"\s*(?:\((?P<agency>[^()\n]{1,40})\))?\s*[-–—]"
)
#: A dateline sits at the top: the title, perhaps a byline, then the first paragraph.
LINES_LOOKED_AT = 5


@dataclass(frozen=True)
class Dateline:
    """The day a dateline names, the dateline's own words, and whether the year was printed."""

    day: datetime.date
    words: str
    year_printed: bool

    def note(self) -> str:
        if self.year_printed:
            return f"From the dateline “{self.words}”; check it against the text."
        return (
            f"From the dateline “{self.words}”, which prints no year: the latest "
            f"{self.day:%-d %B} on or before the import was taken. Check the year."
        )


def dateline(text: str, today: datetime.date) -> Dateline | None:
    """The dateline at the top of ``text`` as a day no later than ``today``, or None."""
    lines = [line for line in text.splitlines() if line.strip()][:LINES_LOOKED_AT]
    for line in lines:
        found = DATELINE.match(line)
        if found:
            return _read(found, today)
    return None


def _read(found: re.Match, today: datetime.date) -> Dateline | None:
    month_name = (found["month"] or found["month2"]).lower()
    month = MONTHS.get(month_name)
    day = int(found["day1"] or found["day2"])
    if month is None:
        return None
    words = found.group(0).rstrip("-–— ").strip()
    if found["year"]:
        try:
            when = datetime.date(int(found["year"]), month, day)
        except ValueError:
            return None
        return Dateline(when, words, True) if when <= today else None
    for year in (today.year, today.year - 1, today.year - 4):
        try:
            when = datetime.date(year, month, day)
        except ValueError:  # 29 February outside a leap year
            continue
        if when <= today:
            return Dateline(when, words, False)
    return None
