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

from .event_dates import date_mentions
from .figures import figure_mentions
from .identities import roles_at_events
from .offices import Attribution, OfficeReader
from .reference import ReferenceData
from .text import sentences


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
    )


class Readings:
    """Readings kept by source, text and date, for one version of the reference data.

    At most ``limit`` are kept (the oldest go first). Not shared across processes:
    each process reads the desk once, then only what changed.
    """

    def __init__(self, limit: int = 100_000):
        self.limit = limit
        self.reference: ReferenceData | None = None
        self.office_reader: OfficeReader | None = None
        self.kept: dict[tuple, Reading] = {}

    def reader(self, reference: ReferenceData) -> OfficeReader:
        """The office reader for ``reference``; other reference data forgets all."""
        if self.office_reader is None or reference != self.reference:
            self.reference = reference
            self.office_reader = OfficeReader(reference)
            self.kept.clear()
        return self.office_reader

    def of(self, document) -> Reading:
        """``document``'s reading; call ``reader`` first with this run's reference."""
        digest = (
            getattr(document, "sha256", "")
            or hashlib.blake2b(
                document.body.encode("utf-8"), digest_size=16
            ).hexdigest()
        )
        key = (document.key, document.published_on, digest)
        found = self.kept.get(key)
        if found is None:
            found = read(self.reference, self.office_reader, document)
            if len(self.kept) >= self.limit:
                del self.kept[next(iter(self.kept))]
            self.kept[key] = found
        return found
