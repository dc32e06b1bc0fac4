"""Claims as spreadsheet rows: one per claim and highlight, safe to open in Excel or LibreOffice.

Pure: claims come with ``reviewed_by``, their links' highlights and sources loaded, and
``last_change`` annotated (``export_selectors.claims_for_spreadsheet``).

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return,
which some spreadsheets skip before reading a formula) is prefixed with ``'``, so it
is read as text and never run as a formula (OWASP's advice on CSV injection).
"""

from __future__ import annotations

import csv
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
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value) -> str | int:
    """A value as a cell: whole numbers stay numbers, text that looks like a formula is escaped."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def claim_rows(claim) -> Iterator[list]:
    """The claim's rows: one per highlight, or one with empty source columns when it has none."""
    reviewer = claim.reviewed_by.get_username() if claim.reviewed_by else ""
    last = getattr(claim, "last_change", None)
    common = [claim.pk, claim.statement, claim.status, claim.verdict_note]
    tail = [reviewer, last.isoformat() if last else ""]
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
