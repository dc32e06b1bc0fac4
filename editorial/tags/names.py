"""How a tag an editor types becomes the tag the desk keeps (pure, no Django)."""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 50
MAX_TAGS = 20

_SPACES = re.compile(r"[\s_]+")
_EDGES = re.compile(r"^[#\s\-.,;:]+|[\s\-.,;:]+$")


class BadTag(ValueError):
    """A tag the desk will not keep, with the reason in words an editor reads."""


def normalise(name: str) -> str:
    """``"  #Trade   Deals "`` → ``"trade deals"``: case folded, NFC, single spaces.

    A leading ``#`` and edge punctuation go; an empty result or one longer than
    ``MAX_LENGTH`` characters is refused with ``BadTag``.
    """
    text = unicodedata.normalize("NFC", name or "")
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = _EDGES.sub("", _SPACES.sub(" ", text)).casefold()
    if not text:
        raise BadTag("A tag needs at least one letter or digit.")
    if len(text) > MAX_LENGTH:
        raise BadTag(f"“{text[:20]}…” is longer than {MAX_LENGTH} characters.")
    return text


def parse(text: str) -> list[str]:
    """Comma-separated tags as typed, normalised, each once, in the order given."""
    names: list[str] = []
    for part in (text or "").split(","):
        if not part.strip():
            continue
        name = normalise(part)
        if name not in names:
            names.append(name)
    if len(names) > MAX_TAGS:
        raise BadTag(f"At most {MAX_TAGS} tags at once.")
    return names


def slug_for(name: str) -> str:
    """A URL-safe form of a normalised tag (letters of any script kept)."""
    slug = re.sub(r"[^\w]+", "-", name, flags=re.UNICODE).strip("-_")
    return slug or "tag"
