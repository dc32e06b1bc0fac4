"""What the checks read from one source's text, read once and kept between runs.

The grouped checks compare every source on the desk, so each run needs every
source's figures, dated events and roles. Reading a text is the costly part (a dozen
regular-expression scans); comparing what was read is grouping by key. A source's
reading depends only on its text, its publication date and the reference data, so
``Readings`` keeps it until one of them changes: checking one newly imported source
reads that source and reuses the rest.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from . import plain
from .event_dates import date_mentions
from .figures import figure_mentions
from .identities import placed_titles, roles_at_events
from .offices import Attribution, OfficeReader
from .reference import ReferenceData
from .text import sentences


def _code_version() -> str:
    """A digest of the checks' modules: a reading stored by other code is not ours.

    Every module of ``editorial.checks`` (not only those a reading runs: any change
    there makes a new version, which costs one reading per source, never a wrong one).
    """
    digest = hashlib.blake2b(digest_size=12)
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


#: Part of every shared reading's key (see ``Readings.shared``).
CODE_VERSION = _code_version()


@dataclass(frozen=True)
class Reading:
    """One source as the checks read it."""

    #: People named with a role (dated sources only: undated ones are not judged).
    attributions: tuple[Attribution, ...]
    #: The quantities it states (``quantities.Quantity``).
    figures: tuple
    #: The events it dates and the weekdays it gets wrong (``event_dates.Dated``).
    dates: tuple
    #: ``(country, kind, attribution)`` of roles at the day's event (dated sources).
    roles: tuple
    #: “TITLE NAME” mentions the reference data does not place (``titles``).
    titles: tuple = ()


def read(reference: ReferenceData, reader: OfficeReader, document) -> Reading:
    """Everything the checks need from ``document``'s text, splitting it once."""
    key, body, day = document.key, document.body, document.published_on
    parts = sentences(body)
    named, roles = [], []
    if day is not None:
        named = reader.attributions(key, body, parts)
        unnamed = reader.unnamed(key, body, named, parts)
        roles = roles_at_events(reference, [*named, *unnamed])
    return Reading(
        tuple(named),
        figure_mentions(key, body, parts, day),
        date_mentions(key, body, day, parts),
        tuple(roles),
        placed_titles(document, named, parts),
    )


class Readings:
    """Readings kept by source, text and date, for one version of the reference data.

    At most ``limit`` are kept (the oldest go first), in this process. With ``shared``
    (an object with ``get_many(keys) -> {key: text}`` and ``set_many({key: text})``,
    e.g. ``editorial.checks.shared_readings``), readings are also written there as
    JSON (``checks.plain``) and read from there before a source is read again, so
    another process reuses one process's reading: keyed by this code's version
    (``CODE_VERSION``), the reference data, the source's key, its date and its text's
    digest, so a stored reading is never stale. What comes back that is not a reading
    this code writes is ignored and the source read again.
    """

    def __init__(self, limit: int = 100_000, shared=None):
        self.limit = limit
        self.shared = shared
        self.reference: ReferenceData | None = None
        self.office_reader: OfficeReader | None = None
        self.kept: dict[tuple, Reading] = {}
        self._reference_digest = ""
        #: Readings made here and not yet written to ``shared``, by shared key.
        self._unsaved: dict[str, Reading] = {}

    def reader(self, reference: ReferenceData) -> OfficeReader:
        """The office reader for ``reference``; other reference data forgets all."""
        if self.office_reader is None or reference != self.reference:
            self.reference = reference
            self.office_reader = OfficeReader(reference)
            self.kept.clear()
            self._unsaved.clear()
            self._reference_digest = hashlib.blake2b(
                repr(reference).encode("utf-8"), digest_size=16
            ).hexdigest()
        return self.office_reader

    @staticmethod
    def _key(document) -> tuple:
        digest = (
            getattr(document, "sha256", "")
            or hashlib.blake2b(
                document.body.encode("utf-8"), digest_size=16
            ).hexdigest()
        )
        return (document.key, document.published_on, digest)

    def _shared_key(self, key: tuple) -> str:
        name = hashlib.blake2b(repr(key).encode("utf-8"), digest_size=16).hexdigest()
        return f"checks-reading:{CODE_VERSION}:{self._reference_digest}:{name}"

    def _keep(self, key: tuple, found: Reading) -> None:
        if len(self.kept) >= self.limit:
            del self.kept[next(iter(self.kept))]
        self.kept[key] = found

    def load(self, documents) -> None:
        """Take from ``shared`` the readings of ``documents`` not kept here (one
        ``get_many``); call ``reader`` first."""
        if self.shared is None:
            return
        wanted = {}
        for document in documents:
            key = self._key(document)
            if key not in self.kept:
                wanted[self._shared_key(key)] = key
        if not wanted:
            return
        for name, text in self.shared.get_many(list(wanted)).items():
            found = plain.loads(text, Reading) if name in wanted else None
            if found is not None:
                self._keep(wanted[name], found)

    def save(self) -> None:
        """Write to ``shared`` the readings made since the last ``save`` (one
        ``set_many``); one that would not be read back equal is not written."""
        if self.shared is None or not self._unsaved:
            return
        texts = {name: plain.dumps(found) for name, found in self._unsaved.items()}
        self._unsaved.clear()
        texts = {name: text for name, text in texts.items() if text is not None}
        if texts:
            self.shared.set_many(texts)

    def of(self, document) -> Reading:
        """``document``'s reading; call ``reader`` first with this run's reference."""
        key = self._key(document)
        found = self.kept.get(key)
        if found is None:
            found = read(self.reference, self.office_reader, document)
            self._keep(key, found)
            if self.shared is not None:
                self._unsaved[self._shared_key(key)] = found
        return found
