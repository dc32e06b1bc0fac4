"""Reads of the desk's history, each a fixed number of queries whatever the number of versions.

History rows are fetched per model in one query, paired with the version before in
Python, and users are looked up once.

* :mod:`.versions`: what the desk records (``KINDS``), timelines with their diffs,
  one version, a claim as it stood at a moment;
* :mod:`.recent`: the recent changes pages and the deleted objects.
"""

from .recent import RESTORABLE, changes_for_page, deleted_objects, recent_changes
from .versions import (
    ACTIONS,
    KIND_BY_MODEL,
    KINDS,
    Change,
    ClaimAsOf,
    Kind,
    claim_as_of,
    claim_timeline,
    source_timeline,
    version_of,
)

__all__ = [
    "ACTIONS",
    "KIND_BY_MODEL",
    "KINDS",
    "RESTORABLE",
    "Change",
    "ClaimAsOf",
    "Kind",
    "changes_for_page",
    "claim_as_of",
    "claim_timeline",
    "deleted_objects",
    "recent_changes",
    "source_timeline",
    "version_of",
]
