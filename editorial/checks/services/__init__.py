"""Writes of the consistency checks.

* :mod:`.runs`: running the checks and storing their findings as suggestions
  (``checks_run``, ``checks_after_import``);
* :mod:`.suggestions`: an editor's decision on a suggestion (``suggestion_accept``,
  ``suggestion_dismiss`` and their group forms).
"""

from .runs import (
    BATCH,
    GROUP_KINDS,
    CheckReport,
    checks_after_import,
    checks_run,
    claim_encoder,
    fingerprint,
)
from .suggestions import (
    BULK_LIMIT,
    suggestion_accept,
    suggestion_dismiss,
    suggestion_group_accept,
    suggestion_group_dismiss,
    suggestions_decide_in_bulk,
)

__all__ = [
    "BATCH",
    "BULK_LIMIT",
    "GROUP_KINDS",
    "CheckReport",
    "checks_after_import",
    "checks_run",
    "claim_encoder",
    "fingerprint",
    "suggestion_accept",
    "suggestion_dismiss",
    "suggestion_group_accept",
    "suggestion_group_dismiss",
    "suggestions_decide_in_bulk",
]
