"""Consistency checks over source texts: pure functions of text, dates and reference data.

``run_checks`` takes the sources to check, every source to compare them with, the
reference data and the claims the desk tracks, and returns findings. Nothing here
touches the database; ``editorial.checks.services`` stores findings as suggestions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .anachronisms import judged
from .event_dates import date_conflicts
from .figures import figure_conflicts
from .findings import Cited, Finding, Kind, Report
from .identities import identity_conflicts, title_conflicts, titles_of
from .reading import Readings
from .reference import ReferenceData
from .restated import ClaimIndex, KnownClaim, restated_claims
from .watched import overlaps_any, watched_findings

__all__ = [
    "Cited",
    "ClaimIndex",
    "Document",
    "Finding",
    "Kind",
    "KnownClaim",
    "Readings",
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
    #: The text's SHA-256 when the caller has it (the desk stores one per revision).
    sha256: str = ""
    #: The source's title, to name it in a finding's explanation.
    title: str = ""
    #: The story's key (its slug), whose story figures and events apply to it.
    story: str = ""


def run_checks(
    *,
    targets: list[Document],
    corpus: list[Document],
    reference: ReferenceData,
    claims: list[KnownClaim] | ClaimIndex = (),
    encoder=None,
    readings: Readings | None = None,
    skipped: dict[str, str] | None = None,
    restated: dict[str, list[Finding]] | None = None,
) -> list[Finding]:
    """Every finding about ``targets``; ``corpus`` (which includes them) is compared across.

    Group findings (conflicting figures and identities) are kept whole when any of
    their mentions is in a target, so a proposed dispute lists every position.
    ``encoder`` turns on semantic matching of restated claims (``checks.semantic``).
    ``readings`` keeps each source's reading for the next run (``checks.reading``),
    and in a cache other processes share when it has one;
    ``claims`` may be a ``ClaimIndex`` kept from an earlier run with the same claims.

    Each source is read once and the grouped checks group what was read by key, so a
    run grows with the size of the corpus, not with its square.

    A source that cannot be checked (its text breaks a check) is left out and its key
    put in ``skipped`` with the reason; the other sources are checked as if it were
    not there.

    ``restated`` holds targets' restated claims already found (``restated_claims``
    with this ``claims`` and ``encoder``, e.g. in a ``checks.background`` child), by
    key; the other targets are searched here.
    """
    skipped = {} if skipped is None else skipped
    readings = Readings() if readings is None else readings
    readings.reader(reference)
    readings.load(corpus)
    wanted = {document.key for document in targets}
    index = claims if isinstance(claims, ClaimIndex) else ClaimIndex(claims)
    findings: list[Finding] = []
    read = []
    for document in corpus:
        try:
            read.append((document, readings.of(document)))
        except Exception as error:  # noqa: BLE001 - one source never stops the rest
            skipped[document.key] = _reason(error)
    readings.save()
    for document in targets:
        if document.key in skipped:
            continue
        try:
            if restated is not None and document.key in restated:
                found = list(restated[document.key])
            else:
                found = restated_claims(
                    document.key, document.body, index, set(document.linked), encoder
                )
            if document.published_on is not None:
                attributions = readings.of(document).attributions
                found += judged(reference, attributions, document.published_on)
        except Exception as error:  # noqa: BLE001
            skipped[document.key] = _reason(error)
            continue
        findings += found
    read = [
        (document, reading) for document, reading in read if document.key not in skipped
    ]
    # Findings are made only for groups a target is in: other groups would be
    # dropped below anyway (a run after an import builds one source's groups).
    days = {document.published_on for document in targets} - {None}
    reports = {d.key: Report(d.published_on, d.title) for d, _ in read}
    grouped = (
        figure_conflicts(
            [mention for _, reading in read for mention in reading.figures],
            wanted,
            reports,
        )
        + date_conflicts(
            [mention for _, reading in read for mention in reading.dates],
            wanted,
            reports,
        )
        + identity_conflicts(
            reference,
            [
                (document.key, document.published_on, reading.roles)
                for document, reading in read
                if document.published_on in days
            ],
        )
        + title_conflicts(titles_of(read))
    )
    grouped = _with_story_watches(reference, read, grouped)
    touched = {finding.group for finding in grouped if finding.document in wanted}
    findings += [finding for finding in grouped if finding.group in touched]
    return sorted(findings, key=lambda finding: finding.sort_key)


def _with_story_watches(reference: ReferenceData, read, grouped) -> list[Finding]:
    """``grouped`` with the findings of the story figures and events of the stories
    read, in place of the general findings on the words they matched."""
    extra, matched = [], set()
    for story in sorted({document.story for document, _ in read} - {""}):
        found, words = watched_findings(
            reference.watched.get(story, ()),
            [
                (document, reading)
                for document, reading in read
                if document.story == story
            ],
        )
        extra += found
        matched |= words
    # A general group any of whose words a story figure or event matched is left
    # out whole: the editor's question asks it.
    replaced = {
        finding.group
        for finding in grouped
        if finding.kind == Kind.FIGURES and overlaps_any(finding, matched)
    }
    return [finding for finding in grouped if finding.group not in replaced] + extra


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split())
    if len(text) > 200:
        text = text[:200] + "…"
    return f"the checks failed on its text ({type(error).__name__}: {text})"
