"""The checks' readings in a cache every application server and worker shares.

``checks.reading.Readings`` keeps each source's reading in the process; with
``settings.EDITORIAL_CHECK_READINGS_CACHE`` (the "default" cache when ``CACHE_URL``
names a Redis) it also writes each new reading there and looks there before reading
a source again, so a second server, a worker or the next process reuses one
server's reading instead of reading every text on the desk again.

What is stored is JSON text (``checks.plain``), signed with ``django.core.signing``
(keyed by ``SECRET_KEY``, salted for this use). What comes back is data until
proven ours: anything that is not a string carrying this desk's signature is
ignored, and a signed text that is not a reading this code writes is ignored by
``checks.plain``; the source is then read again. A cache that fails is treated as
empty (logged): the checks never depend on it.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core import signing
from django.core.cache import caches

logger = logging.getLogger(__name__)

SALT = "editorial.checks.reading"
#: Seconds a reading stays in the cache. Readings are keyed by content, so never
#: stale; the limit only bounds what a cache holds for texts no longer checked.
TIMEOUT = 30 * 24 * 3600


class SharedReadings:
    """``get_many`` / ``set_many`` of signed JSON texts in one Django cache."""

    def __init__(self, alias: str):
        self.cache = caches[alias]
        self.signer = signing.Signer(salt=SALT)

    def get_many(self, keys: list[str]) -> dict[str, str]:
        try:
            stored = self.cache.get_many(keys)
        except Exception:  # noqa: BLE001 - a cache down is a cache empty
            logger.warning(
                "The checks' reading cache could not be read.", exc_info=True
            )
            return {}
        found = {}
        for key, value in stored.items():
            if not isinstance(value, str):
                continue
            try:
                found[key] = self.signer.unsign(value)
            except signing.BadSignature:
                continue
        return found

    def set_many(self, texts: dict[str, str]) -> None:
        try:
            self.cache.set_many(
                {key: self.signer.sign(text) for key, text in texts.items()},
                timeout=TIMEOUT,
            )
        except Exception:  # noqa: BLE001
            logger.warning(
                "The checks' reading cache could not be written.", exc_info=True
            )


def shared_readings() -> SharedReadings | None:
    """The shared store for readings, or None when readings stay in each process."""
    alias = getattr(settings, "EDITORIAL_CHECK_READINGS_CACHE", "")
    return SharedReadings(alias) if alias else None
