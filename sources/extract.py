"""Files in, article text and metadata out, with no database.

Plain text is kept exactly as written. Markdown is read with markdown-it-py and saved
HTML pages with trafilatura (made for news pages: it finds the article's main text and
its title, author, publisher, date and canonical URL). Both give the same shape as a
plain-text article: the title on the first line, then one line per paragraph, heading
or list item, so the three forms of one article give one body.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError

from sources.datelines import dateline
from sources.validators import web_url_validator

TEXT = "text"
MARKDOWN = "markdown"
HTML = "html"
FORMATS = {TEXT: "Plain text", MARKDOWN: "Markdown", HTML: "Saved web page (HTML)"}

_SUFFIXES = {
    ".txt": TEXT,
    ".text": TEXT,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
}
#: What a folder import picks up.
IMPORTABLE_SUFFIXES = frozenset(_SUFFIXES)
_LOOKS_LIKE_HTML = re.compile(r"\A\s*(<!doctype html|<html[\s>])", re.IGNORECASE)


class ExtractionError(ValueError):
    """A file the desk cannot read as an article; the message says why."""


@dataclass
class Extracted:
    """An article read from a file, ready for an editor to review and import."""

    body: str
    title: str
    format: str
    file_name: str
    file_sha256: str
    author: str = ""
    publisher: str = ""
    url: str = ""
    published_on: datetime.date | None = None
    published_on_note: str = ""
    notes: list[str] = field(default_factory=list)

    def metadata(self) -> dict:
        """The fields a source takes from the file; empty ones are left out."""
        values = {
            "title": self.title,
            "author": self.author,
            "publisher": self.publisher,
            "url": self.url,
            "published_on": self.published_on,
            "published_on_note": self.published_on_note,
        }
        return {name: value for name, value in values.items() if value}


def decode(data: bytes) -> str:
    """The file's text, exactly; refuses empty, binary and non-UTF-8 files with a reason."""
    if not data.strip():
        raise ExtractionError("the file is empty")
    if b"\x00" in data:
        raise ExtractionError("this is a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ExtractionError(
            f"not UTF-8 text (byte {error.start} cannot be decoded); save it as UTF-8"
        ) from error
    # A byte-order mark is an encoding marker, not part of the article.
    text = text.removeprefix("\ufeff")
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\n\r\f")
    if controls > max(2, len(text) // 1000):
        raise ExtractionError("this is a binary file, not text")
    return text


def guess_format(file_name: str, text: str) -> str:
    """The file's format from its suffix; a page saved without one is still HTML."""
    suffix = PurePath(file_name).suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    return HTML if _LOOKS_LIKE_HTML.match(text) else TEXT


def extract(data: bytes, file_name: str, format: str | None = None) -> Extracted:
    """Read an uploaded or imported file. Raises ExtractionError with a reason."""
    text = decode(data)
    format = format or guess_format(file_name, text)
    digest = hashlib.sha256(data).hexdigest()
    if format == HTML:
        extracted = from_html(text)
    elif format == MARKDOWN:
        extracted = from_markdown(text)
    elif format == TEXT:
        extracted = from_text(text)
    else:
        raise ExtractionError(f"unknown format {format!r}")
    extracted.file_name = PurePath(file_name).name
    extracted.file_sha256 = digest
    if not extracted.published_on:
        found = dateline(extracted.body, datetime.date.today())
        if found:
            extracted.published_on = found.day
            extracted.published_on_note = found.note()
    return extracted


def from_text(text: str) -> Extracted:
    """A plain-text article: the first line is the title, the text is the body, exactly."""
    if not text.strip():
        raise ExtractionError("the text is empty")
    return Extracted(
        body=text, title=first_line(text), format=TEXT, file_name="", file_sha256=""
    )


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:500]
    return ""


def from_markdown(text: str) -> Extracted:
    """A Markdown article: the first heading is the title; markup is dropped, words kept."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    blocks: list[str] = []
    title = ""
    in_item = 0
    for index, token in enumerate(tokens):
        if token.type == "list_item_open":
            in_item += 1
        elif token.type == "list_item_close":
            in_item -= 1
        elif token.type in ("fence", "code_block"):
            blocks.extend(line for line in token.content.splitlines() if line.strip())
        elif token.type == "inline":
            words = _inline_text(token)
            if not words.strip():
                continue
            opener = tokens[index - 1].type if index else ""
            if opener == "heading_open" and not title:
                title = words.strip()
            blocks.append(f"- {words}" if in_item else words)
    if not blocks:
        raise ExtractionError("the Markdown file has no text")
    return _shaped(blocks, title, MARKDOWN)


def _inline_text(token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts).strip()


def from_html(text: str) -> Extracted:
    """A saved web page: trafilatura's main text and metadata."""
    import trafilatura

    document = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=True
    )
    if document is None or not (document.text or "").strip():
        raise ExtractionError("no article text was found in this page")
    blocks = [
        line for line in tables_as_text(document.text).split("\n") if line.strip()
    ]
    extracted = _shaped(blocks, (document.title or "").strip(), HTML)
    extracted.author = (document.author or "").strip()[:300]
    extracted.publisher = (document.sitename or "").strip()[:200]
    url = (document.url or "").strip()
    if url:
        try:
            web_url_validator(url)
            extracted.url = url[:2000]
        except ValidationError:
            extracted.notes.append(
                f"The page names {url!r} as its address; it is not a web address and was left out."
            )
    if document.date:
        try:
            extracted.published_on = datetime.date.fromisoformat(document.date[:10])
            extracted.published_on_note = "From the saved page's metadata (read by trafilatura); check it against the text."
        except ValueError:
            extracted.notes.append(
                f"The page's date {document.date!r} could not be read."
            )
    return extracted


_TABLE_RULE = re.compile(r"^[\s|:-]*-[\s|:-]*$")


def tables_as_text(text: str) -> str:
    """trafilatura's pipe tables as lines a reader reads: "Founders: 2025 London Summit".

    trafilatura writes each table row as ``| cell | cell |`` with a ``|---|---|`` rule
    under the first; an infobox came out as lines of pipes. A row of two cells (a
    label and its value) becomes "label: value", longer rows are joined with " · ",
    a cell that runs over lines keeps its lines, and rules and empty rows go.
    """
    lines = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not (stripped.startswith("|") or stripped.endswith("|")):
            lines.append(line)
            continue
        if _TABLE_RULE.match(stripped):
            continue
        cells = [cell.strip() for cell in stripped.strip("|").split("|")]
        cells = [cell for cell in cells if cell]
        if not cells:
            continue
        lines.append(": ".join(cells) if len(cells) == 2 else " · ".join(cells))
    return "\n".join(lines)


def _shaped(blocks: list[str], title: str, format: str) -> Extracted:
    """Title line, then one line per block; the title is not repeated when the text starts with it."""
    if title and blocks[0].strip() != title:
        blocks = [title, *blocks]
    return Extracted(
        body="\n".join(blocks),
        title=(title or blocks[0]).strip()[:500],
        format=format,
        file_name="",
        file_sha256="",
    )
