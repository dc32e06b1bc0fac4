"""History in the newsroom's words: each version says what its object is, not its number.

"the highlight “British Prime Minister Rishi Sunak” in *US Pledges …*", "evidence
refuting “…”", never "Highlight 9" or "Supports: False". Field names are the desk's
("quote", "verdict note"); offsets, keys and bookkeeping fields are set apart as
``technical`` so pages can fold them away.

``describe`` adds the same four lookups (claims, highlights with their sources,
sources, disputes) to any list of versions, whatever its length or kinds, so the pages
using it keep a fixed number of queries.
"""

from __future__ import annotations

from core.diffs import FieldChange
from editorial.models import Claim, Dispute, Highlight
from sources.models import Source

#: The desk's words for fields whose model name is a developer's.
LABELS = {
    "exact": "quote",
    "prefix": "words before",
    "suffix": "words after",
    "start": "start offset",
    "end": "end offset",
    "verdict_note": "verdict note",
    "resolution_note": "reason for the resolution",
    "supports": "stance",
    "url": "link",
    "assigned_to_id": "assigned to",
    "reviewed_by_id": "reviewer",
    "reviewed_at": "verdict given",
    "created_by_id": "by",
    "added_by_id": "added by",
    "resolved_by_id": "resolved by",
    "imported_by_id": "imported by",
}

#: Fields an editor rarely needs, shown behind a toggle: offsets, keys, bookkeeping.
TECHNICAL = frozenset(
    {
        "start",
        "end",
        "prefix",
        "suffix",
        "anchoring",
        "source_id",
        "revision_id",
        "claim_id",
        "highlight_id",
        "dispute_id",
        "current_revision_id",
        "version",
        "created_at",
        "added_at",
        "imported_at",
        "sha256",
        "original_sha256",
        "number",
    }
)

ELLIPSIS_AT = 90


def _short(text: str, limit: int = ELLIPSIS_AT) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _lookups(changes) -> tuple[dict, dict, dict, dict]:
    """Claims, highlights (with sources), sources and disputes the versions name.

    Always four queries, so a page's count does not depend on which kinds it shows.
    """
    wanted = {"claim": set(), "highlight": set(), "source": set(), "dispute": set()}
    for change in changes:
        values = change.values
        for key in ("claim", "highlight", "source", "dispute"):
            if values.get(f"{key}_id"):
                wanted[key].add(values[f"{key}_id"])
        if change.kind.slug in wanted:
            wanted[change.kind.slug].add(change.object_id)
    claims = Claim.objects.only("statement").in_bulk(wanted["claim"] or [0])
    highlights = (
        Highlight.objects.select_related("source")
        .only("exact", "source__title")
        .in_bulk(wanted["highlight"] or [0])
    )
    sources = Source.objects.only("title").in_bulk(wanted["source"] or [0])
    disputes = Dispute.objects.only("question").in_bulk(wanted["dispute"] or [0])
    return claims, highlights, sources, disputes


def _subject(change, claims, highlights, sources, disputes) -> list[tuple[str, str]]:
    """The object as parts: ("text", …), ("quote", …) shown in quotes, ("cite", …) a title."""
    values = change.values
    slug = change.kind.slug

    def statement(claim_id):
        claim = claims.get(claim_id)
        if claim is not None:
            return ("quote", _short(claim.statement))
        return ("text", "a claim since deleted")

    def title(source_id):
        source = sources.get(source_id)
        return ("cite", _short(source.title, 70)) if source else ("text", "a source")

    if slug == "source":
        return [("text", "the source "), ("cite", _short(values.get("title"), 70))]
    if slug == "revision":
        return [("text", "the text of "), title(values.get("source_id"))]
    if slug == "highlight":
        return [
            ("text", "the highlight "),
            ("quote", _short(values.get("exact"))),
            ("text", " in "),
            title(values.get("source_id")),
        ]
    if slug == "claim":
        return [("text", "the claim "), ("quote", _short(values.get("statement")))]
    if slug == "evidence":
        stance = "supporting" if values.get("supports") else "refuting"
        found = values.get("url") or values.get("citation")
        parts = [("text", f"evidence {stance} "), statement(values.get("claim_id"))]
        return parts + (
            [("text", " from "), ("cite", _short(found, 70))] if found else []
        )
    if slug == "link":
        highlight = highlights.get(values.get("highlight_id"))
        stance = {"assert": "stating", "refute": "refuting"}.get(
            values.get("stance"), "mentioning"
        )
        words = (
            [
                ("quote", _short(highlight.exact, 60)),
                ("text", " in "),
                ("cite", _short(highlight.source.title, 60)),
            ]
            if highlight
            else [("text", "a highlight since deleted")]
        )
        return [
            ("text", "the highlight "),
            *words,
            ("text", f" {stance} "),
            statement(values.get("claim_id")),
        ]
    if slug == "position":
        dispute = disputes.get(values.get("dispute_id"))
        where = (
            [("text", " in the dispute "), ("quote", _short(dispute.question))]
            if dispute
            else []
        )
        return [("text", "the position "), statement(values.get("claim_id")), *where]
    if slug == "dispute":
        return [("text", "the dispute "), ("quote", _short(values.get("question")))]
    if slug == "claim-tag":
        return [
            ("text", "the tag "),
            ("quote", values.get("tag__name") or "a tag since deleted"),
            ("text", " on the claim "),
            statement(values.get("claim_id")),
        ]
    if slug == "source-tag":
        return [
            ("text", "the tag "),
            ("quote", values.get("tag__name") or "a tag since deleted"),
            ("text", " on "),
            title(values.get("source_id")),
        ]
    return [("text", change.title)]


def _plain(parts) -> str:
    return "".join(f"“{text}”" if kind == "quote" else text for kind, text in parts)


def _readable(change, item: FieldChange) -> FieldChange:
    label = LABELS.get(item.name, item.label)
    if item.name == "supports":
        words = {True: "supports the claim", False: "refutes the claim"}
        return FieldChange(item.name, label, words.get(item.old), words.get(item.new))
    return FieldChange(
        item.name, label, item.old, item.new, item.pieces, item.word_by_word
    )


def describe(changes) -> None:
    """Give every version its subject in words and its fields in the desk's words,
    offsets and keys set apart in ``technical``."""
    if not changes:
        return
    lookups = _lookups(changes)
    for change in changes:
        change.subject = _subject(change, *lookups)
        change.summary = _plain(change.subject)
        readable = [_readable(change, item) for item in change.changes]
        change.changes = [item for item in readable if item.name not in TECHNICAL]
        change.technical = [item for item in readable if item.name in TECHNICAL]
