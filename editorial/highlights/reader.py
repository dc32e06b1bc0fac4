"""The reader's text with its marks drawn, kept so an unchanged article is drawn once.

Drawing thousands of highlights is most of the reader's time, and an article is read
far more often than its highlights change. The drawing is a pure function of the
revision's text and the highlights' ``(id, start, end, status)``, so it is kept under a
key made of exactly those: the revision's sha256 and a digest of the highlights. A new
highlight, link or status gives a new key, so nothing is ever invalidated and a stale
drawing cannot be served, whichever process or write path made the change.

The cache is ``settings.EDITORIAL_READER_CACHE`` (one of ``CACHES``): memory local to
each process by default; with ``CACHE_URL`` several application servers share one
(Redis) and draw each state once between them, and the ``drawing`` task
(``editorial.highlights.tasks``) draws a new state before anyone reads it.

What comes back from a shared cache is data until proven ours: anyone who can write to
the cache could otherwise put markup in the reader. Each drawing is stored signed
(``django.core.signing``, keyed by ``SECRET_KEY`` and salted for this use) and marked
safe only when its signature holds; anything else is drawn again.
"""

from __future__ import annotations

import marshal
from hashlib import blake2b

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.utils.safestring import SafeString, mark_safe

from editorial.highlights import marks

#: Part of every key: change it when ``marks.reader_html``'s markup changes, so a shared
#: cache never serves a drawing made by an older release.
MARKUP = "marks-3"
SALT = "editorial.highlights.reader.drawing"


def drawing_key(sha256: str, highlights: list[tuple]) -> str:
    """The cache key of a revision's drawing: its text's sha256 and its highlights.

    ``marshal`` writes the highlights exactly (equal bytes mean equal highlights), and
    fast; the same highlights in another order only make another key (the selector
    gives them in id order). Format version 0: later versions mark interned strings
    and repeated objects, so equal highlights could give different bytes in another
    process (a status string read from the database is not interned; the "none" of
    ``marks.NO_CLAIM`` is), and servers sharing a cache would never meet.
    """
    digest = blake2b(marshal.dumps(highlights, 0), digest_size=20).hexdigest()
    return f"reader:{MARKUP}:{sha256}:{digest}"


def drawn_text(*, revision, highlights) -> SafeString:
    """``marks.reader_html(revision.body, highlights)``, drawn once per state.

    ``revision`` may be ``None`` (a source with no text yet): the drawing is empty.
    """
    if revision is None:
        return mark_safe("")
    if not highlights:
        return mark_safe(marks.reader_html(revision.body, highlights))
    cache = caches[settings.EDITORIAL_READER_CACHE]
    key = drawing_key(revision.sha256, highlights)
    drawn = _verified(cache.get(key))
    if drawn is None:
        drawn = marks.reader_html(revision.body, highlights)
        cache.set(key, signing.Signer(salt=SALT).sign(drawn), timeout=None)
    return mark_safe(drawn)


def is_drawn(*, revision, highlights) -> bool:
    """Whether this state's drawing is in the cache already (and ours)."""
    if revision is None or not highlights:
        return True
    cache = caches[settings.EDITORIAL_READER_CACHE]
    return _verified(cache.get(drawing_key(revision.sha256, highlights))) is not None


def _verified(stored) -> str | None:
    """The drawing in ``stored`` if it carries this desk's signature, else None."""
    if not isinstance(stored, str):
        return None
    try:
        return signing.Signer(salt=SALT).unsign(stored)
    except signing.BadSignature:
        return None
