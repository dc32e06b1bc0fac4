"""Consistency checks over source texts: pure functions of text, dates and reference data.

``run_checks`` takes the sources to check, every source to compare them with, the
reference data and the claims the desk tracks, and returns findings. Nothing here
touches the database; ``editorial.check_services`` stores findings as suggestions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .anachronisms import anachronisms
from .event_dates import conflicting_dates
from .figures import conflicting_figures
from .findings import Cited, Finding, Kind
from .identities import conflicting_identities
from .offices import OfficeReader
from .reference import ReferenceData
from .restated import KnownClaim, restated_claims

__all__ = [
    "Cited",
    "Document",
    "Finding",
    "Kind",
    "KnownClaim",
    "ReferenceData",
    "run_checks",
]


@dataclass(frozen=True)
class Document:
    """A source's current text, keyed by whatever the caller uses to find it again."""

    key: str
    body: str
    published_on: date | None
    #: ``(start, end, claim_id)`` of highlights already linked to claims.
    linked: frozenset = field(default_factory=frozenset)


def run_checks(
    *,
    targets: list[Document],
    corpus: list[Document],
    reference: ReferenceData,
    claims: list[KnownClaim] = (),
    encoder=None,
) -> list[Finding]:
    """Every finding about ``targets``; ``corpus`` (which includes them) is compared across.

    Group findings (conflicting figures and identities) are kept whole when any of
    their mentions is in a target, so a proposed dispute lists every position.
    ``encoder`` turns on semantic matching of restated claims (``checks.semantic``).
    """
    reader = OfficeReader(reference)
    wanted = {document.key for document in targets}
    findings: list[Finding] = []
    for document in targets:
        findings += anachronisms(
            reference, reader, document.key, document.body, document.published_on
        )
        findings += restated_claims(
            document.key, document.body, list(claims), set(document.linked), encoder
        )
    dated = [
        (document.key, document.body, document.published_on) for document in corpus
    ]
    grouped = (
        conflicting_figures([(document.key, document.body) for document in corpus])
        + conflicting_dates(dated)
        + conflicting_identities(reference, reader, dated)
    )
    touched = {finding.group for finding in grouped if finding.document in wanted}
    findings += [finding for finding in grouped if finding.group in touched]
    return sorted(findings, key=lambda finding: finding.sort_key)
