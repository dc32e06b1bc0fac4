"""A JSON list read one element at a time, so a large file is never held whole.

``json.load`` keeps the whole document, and every object built from it, until the last
byte is parsed: a fixture of 100,000 highlights costs hundreds of megabytes that way.
``iter_json_list`` reads the text in chunks and hands out each element of the top-level
list as soon as it is complete (``json.JSONDecoder.raw_decode``, the standard library's
C scanner), keeping only the current chunk and the element being read. Syntax errors
name the line and column in the whole file, as ``json.load``'s do.

No ORM here: it is tested without a database.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, TextIO

CHUNK_CHARS = 1 << 20
#: An error this close to the end of what has been read may only mean "read more":
#: a number, ``true``, ``null`` or an escape cut off by the chunk boundary.
_MARGIN = 32
_SPACE = re.compile(r"[ \t\n\r]*")
_KINDS = {"{": "JSON object", '"': "string", "t": "boolean", "f": "boolean"}


class JSONListError(ValueError):
    """Not valid JSON; the message says where (line, column), as ``json.load``'s."""


class NotAJSONList(JSONListError):
    """Valid JSON, maybe, but not a list: ``kind`` says what it starts as."""

    def __init__(self, kind: str):
        super().__init__(f"expected a JSON list; this is a {kind}")
        self.kind = kind


class _Reader:
    def __init__(self, stream: TextIO, chunk_chars: int):
        self.stream = stream
        self.chunk_chars = chunk_chars
        self.text = ""
        self.at = 0  # the position in ``text`` reading has reached
        self.offset = 0  # characters of the file before ``text``
        self.line = 1  # the line ``text`` starts on
        self.line_start = 0  # where in the file that line starts
        self.eof = False

    def more(self, chars: int | None = None) -> bool:
        """Read on, dropping what is consumed; False at the end of the file."""
        if self.eof:
            return False
        chunk = self.stream.read(chars or self.chunk_chars)
        if not chunk:
            self.eof = True
            return False
        consumed = self.text[: self.at]
        newlines = consumed.count("\n")
        if newlines:
            self.line += newlines
            self.line_start = self.offset + consumed.rindex("\n") + 1
        self.offset += self.at
        self.text = self.text[self.at :] + chunk
        self.at = 0
        return True

    def skip_space(self) -> str:
        """The next character that is not white space ("" at the end of the file)."""
        while True:
            self.at = _SPACE.match(self.text, self.at).end()
            if self.at < len(self.text):
                return self.text[self.at]
            if not self.more():
                return ""

    def error(self, message: str, at: int | None = None) -> JSONListError:
        at = self.at if at is None else at
        before = self.text[:at]
        newlines = before.count("\n")
        line = self.line + newlines
        if newlines:
            column = at - before.rindex("\n")
        else:
            column = self.offset + at - self.line_start + 1
        return JSONListError(
            f"{message}: line {line} column {column} (char {self.offset + at})"
        )

    def value(self, decoder: json.JSONDecoder) -> Any:
        """The complete JSON value starting at the reading position."""
        wanted = self.chunk_chars
        while True:
            try:
                value, end = decoder.raw_decode(self.text, self.at)
            except json.JSONDecodeError as error:
                cut_off = error.pos >= len(self.text) - _MARGIN or error.msg.startswith(
                    "Unterminated string"
                )
                if cut_off and self.more(wanted):
                    wanted *= (
                        2  # a long value is read in growing steps, not quadratically
                    )
                    continue
                raise self.error(error.msg, error.pos) from None
            # A number that ends near where the text read so far ends may go on.
            if end > len(self.text) - _MARGIN and self.more(wanted):
                wanted *= 2
                continue
            self.at = end
            return value


def iter_json_list(
    stream: TextIO, *, chunk_chars: int | None = None, **decoder_options
) -> Iterator[Any]:
    """Each element of the JSON list in ``stream``, in order, read as it goes.

    Raises :class:`JSONListError` if the text is not a JSON list or not valid JSON
    (elements before the problem have been handed out by then).
    """
    reader = _Reader(stream, chunk_chars or CHUNK_CHARS)
    decoder = json.JSONDecoder(**decoder_options)
    first = reader.skip_space()
    if first != "[":
        if first == "":
            raise reader.error("Expecting value")
        kind = _KINDS.get(first, "null" if first == "n" else "number")
        if first not in _KINDS and first != "n" and not re.match(r"[-0-9]", first):
            raise reader.error("Expecting value")
        raise NotAJSONList(kind)
    reader.at += 1
    if reader.skip_space() == "]":
        reader.at += 1
    else:
        while True:
            if reader.skip_space() == "":
                raise reader.error("Expecting value")
            yield reader.value(decoder)
            following = reader.skip_space()
            if following == "]":
                reader.at += 1
                break
            if following != ",":
                raise reader.error("Expecting ',' delimiter")
            reader.at += 1
    if reader.skip_space() != "":
        raise reader.error("Extra data")
