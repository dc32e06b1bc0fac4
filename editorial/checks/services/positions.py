"""The other side of a conflict the checks decided: positions that are not flagged.

When most of a story's sources agree on a figure or a date, or one source against one
is decided by the first report (``findings.first_report``), the checks flag only the
outlier's or the departure's words and name the agreeing words (the record's) in the
finding's evidence (their source, offsets, quote and statement: ``findings.Cited``).
Accepting the proposed dispute makes those words a position too, so the dispute still
holds both sides: each becomes a highlight linked to a claim (the claim the words are
already highlighted with, when they are). Words whose source has changed since the run no
longer say it and are left out.
"""

from __future__ import annotations

from editorial.claims import services as claim_services
from editorial.highlights import services as highlight_services
from editorial.models import Claim, ClaimHighlight, Highlight, Suggestion
from sources.models import Source


def positions_stated_elsewhere(
    *, suggestion: Suggestion, claims: dict[str, Claim], user, reason: str
) -> list[Claim]:
    """The claims of the agreeing words ``suggestion``'s evidence names, made as needed.

    ``claims`` maps statements to claims already made in this decision (one claim
    per statement); the new ones are added to it. Words that are themselves a
    position of the suggestion's group are left to their own suggestion (a
    dismissed one stays dismissed). Must run inside the caller's transaction.
    """
    rows = [
        row
        for row in suggestion.evidence
        if str(row.get("document", "")).isdigit() and row.get("start") is not None
    ]
    # Words that are a position of the group themselves (open, accepted or
    # dismissed) are decided through their own suggestion.
    proposed = set(
        Suggestion.objects.filter(group=suggestion.group).values_list(
            "source_id", "start", "end"
        )
    )
    rows = [
        row
        for row in rows
        if (int(row["document"]), int(row["start"]), int(row.get("end") or 0))
        not in proposed
    ]
    if not rows:
        return []
    sources = Source.objects.select_related("current_revision").in_bulk(
        {int(row["document"]) for row in rows}
    )
    made = []
    for row in rows:
        source = sources.get(int(row["document"]))
        revision = source.current_revision if source is not None else None
        start, end = int(row["start"]), int(row.get("end") or 0)
        if revision is None or revision.body[start:end] != row.get("exact"):
            continue
        highlight = Highlight.objects.filter(
            revision=revision, start=start, end=end
        ).first()
        linked = (
            ClaimHighlight.objects.filter(highlight=highlight)
            .select_related("claim")
            .first()
            if highlight is not None
            else None
        )
        statement = row.get("statement") or row.get("exact")
        claim = linked.claim if linked is not None else claims.get(statement)
        if claim is None:
            claim = claim_services.claim_create(
                statement=statement, user=user, reason=reason
            )
        claims.setdefault(statement, claim)
        if highlight is None:
            highlight = highlight_services.highlight_create(
                source=source,
                revision=revision,
                start=start,
                end=end,
                exact=row["exact"],
                user=user,
                reason=reason,
            )
        if linked is None:
            claim_services.claim_link_highlight(
                claim=claim,
                highlight=highlight,
                stance=ClaimHighlight.Stance.ASSERT,
                user=user,
                reason=reason,
            )
        made.append(claim)
    return made
