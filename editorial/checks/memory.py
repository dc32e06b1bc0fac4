"""What the consistency checks keep between runs, and for how long.

A run after an import checks one new source against the whole desk; re-reading every
other source, re-indexing every claim and re-splitting every highlighted text each
time would make that run as slow as the first. :class:`CheckMemory` keeps those, in
plain Python objects (an office reader, parsed readings, a word index), which is why
it is not Django's cache framework: a cache backend pickles what it stores, and
pickling a desk's readings on every run would cost what keeping them saves. The
readings alone are also written, once each, as signed JSON text to a cache servers
share when the desk has one (``checks.shared_readings``), so another process takes
them from there rather than reading every text again.

Pure: no Django, no database.
"""

from __future__ import annotations

from .reading import Readings
from .restated import ClaimIndex, KnownClaim


class CheckMemory:
    """What the checks keep between runs in one process.

    It holds five things, each keyed by content so that an edit on the desk makes a
    new key rather than a stale hit (nothing here can be wrong, only missing):

    * ``readings``: each source's reading (``checks.reading.Readings``), keyed by the
      source, its publication date and its revision's SHA-256. All are dropped when
      the reference data change; past ``Readings.limit`` the oldest go first.
    * the claim index (:meth:`claim_index`): the last run's known claims and their
      ``ClaimIndex``, reused while the claims compare equal (plain values: id,
      statement, quotes, sentences); replaced by the next run whose claims differ.
    * ``contexts``: the sentence a highlight stands in, keyed by its revision's
      SHA-256 and its start (a revision's text never changes); emptied at once when
      it grows past ``CONTEXTS_KEPT`` entries.
    * the known claims (:meth:`known_claims`): the last list read from the desk, with
      the stamp of the desk's claim writes it was read at; a run whose stamp is the
      same takes it instead of reading 100,000 claims again.
    * ``encoders``: the sentence encoder for semantic claim matching, by name, loaded
      once and kept for the life of the process.

    Lifetime: the one instance, :data:`checks_memory` below, lives as long as the
    process; nothing is shared between processes (each web worker or command reads
    the desk once, then only what changed). Tests start each test from an empty
    memory: ``tests/conftest.py`` calls :meth:`reset` before every test.
    """

    #: The most highlight sentences kept (one entry each; a few hundred bytes).
    CONTEXTS_KEPT = 2**18

    def __init__(self):
        self.readings = Readings()
        self.contexts: dict[tuple[str, int], str | None] = {}
        self.encoders: dict[str, object] = {}
        self._claims: list[KnownClaim] | None = None
        self._claim_index: ClaimIndex | None = None
        self._known: tuple[object, list[KnownClaim]] | None = None

    def claim_index(self, claims: list[KnownClaim]) -> ClaimIndex:
        """An index of ``claims``: the last one when the claims have not changed (one
        comparison of plain values), so a run after an import does not rebuild it."""
        if self._claim_index is None or self._claims != claims:
            self._claims, self._claim_index = claims, ClaimIndex(claims)
        return self._claim_index

    def known_claims(self, stamp) -> list[KnownClaim] | None:
        """The known claims last read while the desk's claims had this ``stamp`` (a
        value that changes with any write to claims, their links or highlights), or
        None: then they are read again and kept with :meth:`keep_known_claims`."""
        if self._known is not None and self._known[0] == stamp:
            return self._known[1]
        return None

    def keep_known_claims(self, stamp, claims: list[KnownClaim]) -> None:
        self._known = (stamp, claims)

    def bound_contexts(self) -> None:
        """Empty ``contexts`` when it has grown past ``CONTEXTS_KEPT``."""
        if len(self.contexts) > self.CONTEXTS_KEPT:
            self.contexts.clear()

    def reset(self, *, encoders: bool = False) -> None:
        """Forget the readings, the claim index and the sentences, as a new process
        starts; with ``encoders``, the loaded sentence encoder too."""
        self.readings = Readings()
        self.contexts.clear()
        self._claims = self._claim_index = self._known = None
        if encoders:
            self.encoders.clear()


#: The process's memory: made here, at import, and only here.
checks_memory = CheckMemory()
