"""Running the consistency checks: each new finding stored as an open ``Suggestion``.

What the checks keep between runs (readings, the claim index, the sentence encoder)
is ``editorial.checks.memory.checks_memory``; every write is atomic and kept in
history with its user and reason.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from core import roles
from core.history import clean_reason
from core.inserts import insert_with_history
from editorial.checks import Finding, background, run_checks
from editorial.checks import selectors as check_selectors
from editorial.checks.desk_work import DeskWork, claim_at, same_question
from editorial.checks.memory import checks_memory
from editorial.checks.restated import restated_claims
from editorial.checks.shared_readings import shared_readings
from editorial.highlights import spans
from editorial.models import Suggestion
from sources.models import Source

logger = logging.getLogger(__name__)

GROUP_KINDS = {Suggestion.Kind.FIGURES, Suggestion.Kind.IDENTITY}
#: New suggestions stored per INSERT (and as many history rows per INSERT).
BATCH = 500
#: From this many sources a run searches for restated claims in a second process
#: while it reads the stories' sources (``checks.background``); fewer are not worth
#: a fork.
FORK_FROM = 200
#: A new suggestion's fields ``full_clean`` leaves out: those read in the run's
#: transaction, and those the run leaves at the model's defaults.
UNCHECKED = ["source", "revision", "claim", "uid", "status", "decision_reason"]
UNCHECKED += ["decided_by", "decided_at", "created_at", "highlight", "dispute"]


@dataclass
class CheckReport:
    """What one run did, per source: new suggestions, known ones, and why some checks skipped."""

    created: dict[int, int] = field(default_factory=dict)
    known: dict[int, int] = field(default_factory=dict)
    undated: list[Source] = field(default_factory=list)
    #: Sources the checks could not handle, with the reason (the rest were checked).
    skipped: dict[Source, str] = field(default_factory=dict)

    @property
    def total_created(self) -> int:
        return sum(self.created.values())

    def __str__(self):
        known = sum(self.known.values())
        text = (
            f"{self.total_created} new suggestion{'s' if self.total_created != 1 else ''}; "
            f"{known} already proposed before or already on the desk."
        )
        if self.undated:
            names = ", ".join(f"“{source.title}”" for source in self.undated)
            text += (
                f" No office anachronism check for {names}: without a publication "
                "date there is no day to check offices against."
            )
        for source, why in self.skipped.items():
            text += f" Not checked: “{source.title}”: {why}."
        return text


def _require_checker(user) -> None:
    """Editors run checks; so does the ``system`` account, for commands and imports."""
    if getattr(user, "username", None) != roles.SYSTEM_USERNAME:
        roles.require_editor(user)


def claim_encoder():
    """The sentence encoder for semantic claim matching, or None for lexical only.

    Loaded once per process (kept in ``checks_memory``) from the installed model
    package; a missing extra is a clear ValidationError, never a download.
    """
    if settings.EDITORIAL_CLAIM_MATCHING != "semantic":
        return None
    encoders = checks_memory.encoders
    if "semantic" not in encoders:
        from editorial.checks.semantic import packaged_encoder

        try:
            encoders["semantic"] = packaged_encoder(
                Path(settings.EDITORIAL_MODEL_CACHE)
            )
        except ImportError as error:
            raise ValidationError({"matching": str(error)}) from error
    return encoders["semantic"]


def fingerprint(kind: str, body: str, start: int, end: int) -> str:
    """The finding's identity: its kind and its words in their context, not offsets."""
    prefix, suffix = spans.quote_context(body, start, end)
    text = "\x1f".join([kind, prefix, body[start:end], suffix])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def by_story(targets, corpus, stories: dict[int, int | None]):
    """``(label, targets, corpus)`` for each story the targets are in.

    Sources are compared only with the sources of their own story, whatever their
    publication days, and a source in no story with nothing but itself. ``label``
    keeps one story's proposed disputes apart from another's.
    """
    members: dict[int, list] = {}
    for document in corpus:
        story = stories.get(int(document.key))
        if story is not None:
            members.setdefault(story, []).append(document)
    grouped: dict[tuple, list] = {}
    for document in targets:
        story = stories.get(int(document.key))
        key = (
            (None, f"source-{document.key}")
            if story is None
            else (story, f"story-{story}")
        )
        grouped.setdefault(key, []).append(document)
    for (story, label), chosen in grouped.items():
        yield label, chosen, chosen if story is None else members[story]


def _on_the_desk(finding: Finding, source_id: int, work: DeskWork):
    """The claim the finding attaches to (None for a new one), or False when the desk
    already has it: its exact words tied to a claim (one finding per source), the same
    claim already proposed here, or the claim already a position of the open dispute
    on the same question."""
    linked = work.linked.get(source_id, ())
    claim_id = finding.claim_id or claim_at(linked, finding.start, finding.end)
    if claim_id is None:
        return None
    exact = any(
        (start, end) == (finding.start, finding.end) for start, end, _ in linked
    )
    if (
        (exact and finding.kind not in GROUP_KINDS)
        or (source_id, finding.kind, claim_id) in work.proposed
        or (
            finding.question
            and claim_id in work.disputed.get(same_question(finding.question), ())
        )
    ):
        return False
    return claim_id


def _evidence_rows(finding: Finding) -> list[dict]:
    # Another source's words on the other side of a conflict keep where they are,
    # so accepting can make them a position (``positions``).
    return [
        {"citation": cited.citation, "note": cited.note, "supports": cited.supports}
        | (
            {k: getattr(cited, k) for k in ("document", "start", "end", "exact")}
            | {"statement": cited.statement}
            if cited.document
            else {}
        )
        for cited in finding.evidence
    ]


def checks_run(
    *, user, sources=None, reason: str = "Consistency checks"
) -> CheckReport:
    """Run the checks on ``sources`` (default: every source) and store new findings.

    A finding already stored for the same words (open, accepted or dismissed) is not
    stored again; words the desk already ties to a claim are not proposed again. The
    queries are the same few however many sources and findings there are (new
    suggestions go in in batches).

    The findings are made first, outside any transaction, so no write lock is held
    while the checks read; they are stored in one short atomic block. A source the
    checks cannot handle is logged and named in the report; the others are checked.
    """
    _require_checker(user)
    reason = clean_reason(reason)
    everything = check_selectors.documents(
        linked_for=None if sources is None else [source.pk for source in sources]
    )
    by_key = {document.key: document for document in everything}
    wanted = (
        {str(source.pk) for source in sources} if sources is not None else set(by_key)
    )
    targets = [by_key[key] for key in sorted(wanted) if key in by_key]
    skipped: dict[str, str] = {}
    reference = check_selectors.reference_data()
    claims = checks_memory.claim_index(check_selectors.known_claims())
    encoder = claim_encoder()
    readings = checks_memory.readings
    readings.shared = shared_readings()  # one server's readings serve the others
    stories = list(by_story(targets, everything, check_selectors.stories_of()))
    restated = _restated_meanwhile(
        targets, claims, encoder, readings, reference, stories
    )
    findings = []
    for label, story_targets, story_corpus in stories:
        findings += [
            replace(finding, group=f"{label}:{finding.group}")
            if finding.group
            else finding
            for finding in run_checks(
                targets=story_targets,
                corpus=story_corpus,
                reference=reference,
                claims=claims,
                encoder=encoder,
                readings=readings,
                skipped=skipped,
                restated=restated,
            )
        ]
    findings.sort(key=lambda finding: finding.sort_key)
    return _stored(findings, targets, by_key, skipped, user=user, reason=reason)


def _restated_meanwhile(targets, index, encoder, readings, reference, stories):
    """The targets' restated claims, searched in a forked child while this process
    reads the sources of their stories (``checks.background``), by key; None when the
    run is small, the machine has one core, or the child failed (then ``run_checks``
    searches here, as it does for any target missing from the answer).

    Same findings either way: a search depends only on the target and the index.
    The child's answers are kept in this process's index, as a search here keeps
    them, so the next run over the same sources finds them.
    """
    if len(targets) < FORK_FROM or encoder is not None or not background.can_fork():
        return None

    def search():
        found = {}
        for document in targets:
            try:
                found[document.key] = restated_claims(
                    document.key, document.body, index, set(document.linked)
                )
            except Exception:  # noqa: BLE001, S112 - searched again in the parent
                continue
        return found, index.remembered()

    try:
        child = background.Forked(search)
    except OSError:
        logger.warning("No second process for the checks; all done in this one.")
        return None
    try:
        readings.reader(reference)
        corpus = {d.key: d for _, _, members in stories for d in members}
        readings.load(corpus.values())
        for document in corpus.values():
            try:
                readings.of(document)  # kept for run_checks
            except Exception:  # noqa: BLE001, S112 - run_checks reads it again and says why
                continue
        answer = child.result()
    finally:
        child.abandon()
    if answer is None:
        logger.warning("The restated-claims search in a second process failed.")
        return None
    found, answers = answer
    index.remember(answers)
    return found


@transaction.atomic
def _stored(findings, targets, by_key, skipped, *, user, reason) -> CheckReport:
    """Store ``findings`` not stored before as suggestions; the run's report."""
    report = CheckReport()
    concerned = {int(document.key) for document in targets} | {
        int(finding.document) for finding in findings
    }
    records = check_selectors.sources_checked(concerned)
    report.undated = [
        records[int(document.key)]
        for document in targets
        if records[int(document.key)].published_on is None
    ]
    if skipped:  # one query, and only when a source was skipped
        for source in Source.objects.filter(pk__in=[int(key) for key in skipped]):
            why = skipped[str(source.pk)]
            logger.warning("Consistency checks skipped source %s: %s", source.pk, why)
            report.skipped[source] = why
    stored = check_selectors.suggestion_fingerprints(records)
    work = check_selectors.desk_work(records)
    made = []
    for finding in findings:
        source = records[int(finding.document)]
        document = by_key[finding.document]
        mark = fingerprint(finding.kind, document.body, finding.start, finding.end)
        claim_id = _on_the_desk(finding, source.pk, work)
        if (source.pk, mark) in stored or claim_id is False:
            report.known[source.pk] = report.known.get(source.pk, 0) + 1
            continue
        if claim_id is not None:
            work.proposed.add((source.pk, finding.kind, claim_id))
        suggestion = Suggestion(
            kind=finding.kind,
            source=source,
            revision_id=source.current_revision_id,
            start=finding.start,
            end=finding.end,
            exact=finding.exact,
            statement=finding.statement,
            explanation=finding.explanation,
            stance=finding.stance,
            evidence=_evidence_rows(finding),
            group=finding.group,
            question=finding.question,
            claim_id=claim_id,
            fingerprint=mark,
        )
        # The finding's fields are checked here; the rest without a query per
        # suggestion: the source, revision and claim were read in this transaction,
        # ``stored`` keeps the words once per source, and the database holds the
        # check constraints (a violation is a bug in a check and rolls the whole run
        # back). The fields left at the model's defaults are not checked again.
        suggestion.full_clean(
            exclude=UNCHECKED, validate_unique=False, validate_constraints=False
        )
        made.append(suggestion)
        stored.add((source.pk, mark))
        report.created[source.pk] = report.created.get(source.pk, 0) + 1
    # The history rows simple_history's bulk_create_with_history would write, without
    # its per-object work (core.inserts).
    insert_with_history(made, user=user, reason=reason, batch_size=BATCH)
    return report


def checks_after_import(source_id: int, user_id: int | None) -> None:
    """Run the checks on a newly imported source; a failure is logged, never raised.

    Called on commit of the import, so the import stands whatever happens here.
    """
    from django.contrib.auth import get_user_model

    try:
        user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
        if user is None or not roles.is_editor(user):
            user = roles.system_user()
        source = Source.objects.get(pk=source_id)
        checks_run(user=user, sources=[source], reason="Checks after import")
    except Exception:
        logger.exception(
            "The consistency checks failed after importing source %s; the import "
            "stands. Run `manage.py check_sources %s` to try again.",
            source_id,
            source_id,
        )
