"""Claims as spreadsheet rows: one per claim and highlight, safe to open in Excel or LibreOffice.

Pure: claims come with ``reviewed_by``, their links' highlights and sources loaded, and
``last_change`` annotated (``export_selectors.claims_for_spreadsheet``).

A cell is prefixed with ``'``, so it is read as text and never run as a formula
(OWASP's advice on CSV injection), when it starts with a tab or carriage return (which
some spreadsheets skip before reading a formula), or when the first visible character
of the cell, or of any of its lines, is ``=``, ``+``, ``-`` or ``@`` or one of their
full-width or small forms (``＝``, ``＋``, ``－``, ``＠``, …). "Visible" means after
spaces and invisible format characters: zero-width spaces and joiners, the
byte-order mark, bidi controls (Unicode category Cf), which a spreadsheet or a
person's eye may pass over while the formula still runs.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable, Iterator

BOM = "\ufeff"
HEADER = [
    "claim id",
    "statement",
    "status",
    "verdict note",
    "source title",
    "source date",
    "quote",
    "start",
    "end",
    "reviewer",
    "last change",
    "verified as of",
]
FORMULA_STARTS = ("\t", "\r")
#: Formula triggers, compared after NFKC, which folds the full-width forms (＝ ＋ － ＠)
#: and the small forms (﹦ ﹢ ﹣ ﹫) into these.
FORMULA_TRIGGERS = frozenset("=+-@")


def spreadsheet_cell(value) -> str | int:
    """A value as a cell: whole numbers stay numbers, text that looks like a formula is escaped."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if looks_like_formula(text) else text


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet might read ``text``, or one of its lines, as a formula."""
    if text.startswith(FORMULA_STARTS):
        return True
    return any(_first_visible(line) in FORMULA_TRIGGERS for line in text.splitlines())


def _first_visible(line: str) -> str:
    """The line's first character that is neither a space nor invisible, NFKC-folded."""
    for character in line:
        if character.isspace() or unicodedata.category(character) == "Cf":
            continue
        return unicodedata.normalize("NFKC", character)
    return ""


def as_of_date(claim) -> str:
    """The date a verified claim is right as of (a dispute settled "each right at its
    date"), as ISO text, or empty."""
    when = getattr(claim, "verified_as_of", None)
    return when.isoformat() if when and claim.status == "verified" else ""


def claim_rows(claim) -> Iterator[list]:
    """The claim's rows: one per highlight, or one with empty source columns when it has none."""
    reviewer = claim.reviewed_by.get_username() if claim.reviewed_by else ""
    last = getattr(claim, "last_change", None)
    common = [claim.pk, claim.statement, claim.status, claim.verdict_note]
    tail = [reviewer, last.isoformat() if last else "", as_of_date(claim)]
    links = list(claim.links.all())
    if not links:
        yield [*common, "", "", "", "", "", *tail]
    for link in links:
        highlight = link.highlight
        source = highlight.source
        yield [
            *common,
            source.title,
            source.published_on.isoformat() if source.published_on else "",
            highlight.exact,
            highlight.start,
            highlight.end,
            *tail,
        ]


class _Line:
    """A file-like object whose ``write`` hands back what it is given (for streaming)."""

    def write(self, value):
        return value


def csv_lines(claims: Iterable) -> Iterator[str]:
    """The whole sheet as text lines, BOM first, for a streaming response."""
    writer = csv.writer(_Line())
    yield BOM + writer.writerow(HEADER)
    for claim in claims:
        for row in claim_rows(claim):
            yield writer.writerow([spreadsheet_cell(value) for value in row])
