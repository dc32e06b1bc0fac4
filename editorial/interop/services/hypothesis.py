"""Hypothesis annotations taken onto the desk.

Each annotation's address is matched to a source (``addresses.normalised``); its
quoted words are found in the source's current text (the quote decides, a position
that disagrees is ignored); its text becomes a claim on those words or a comment on
them (the importer chooses); its tags become tags; replies become comments in the
thread of what their parent became. An annotation imported before (its Hypothesis
address kept as the highlight's canonical IRI) is not imported twice.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core.history import clean_reason, stamp
from core.roles import require_editor
from editorial.claims import services as claim_services
from editorial.conversation import services as comment_services
from editorial.exports.annotation_parse import ParsedClaim
from editorial.highlights import services as highlight_services
from editorial.interop import addresses, hypothesis_format
from editorial.interop import selectors as interop_selectors
from editorial.interop.services import ImportReport
from editorial.models import Comment, Highlight
from editorial.tags import services as tag_services
from editorial.tags.names import BadTag, normalise

TEXT_AS = ("claim", "comment")
#: Longer texts are commentary, not a statement to check: they become comments.
CLAIM_MAX = 600


def _canonical(item) -> str:
    return f"https://hypothes.is/a/{item.id}" if item.id else ""


def _label(item) -> str:
    words = (item.exact or item.text or "").replace("\n", " ")
    return f"{item.id or 'annotation'} “{words[:60]}”"


def _byline(item) -> str:
    who = item.user.removeprefix("acct:").split("@")[0] if item.user else "someone"
    return f"*From Hypothesis ({who}):* "


def _tags(owner_setter, owner_taggings, item, user, reason) -> None:
    names = []
    for tag in item.tags:
        try:
            names.append(normalise(tag))
        except BadTag:
            continue
    if names:
        current = [tagging.tag.name for tagging in owner_taggings.select_related("tag")]
        owner_setter(
            text=", ".join(dict.fromkeys(current + names)), user=user, reason=reason
        )


def _became(highlight: Highlight) -> tuple[str, object]:
    """What an annotation imported before became: its claim, its comment, or its words."""
    link = highlight.links.select_related("claim").order_by("id").first()
    if link is not None:
        return ("claim", link.claim)
    comment = highlight.comments.filter(parent__isnull=True).order_by("id").first()
    return ("comment", comment) if comment is not None else ("highlight", highlight)


def _top_level(item, *, by_address, user, text_as, reason, made, report) -> None:
    key = addresses.normalised(item.uri)
    sources = by_address.get(key or "", [])
    if not sources:
        report.refused.append(
            (
                _label(item),
                f"no source on the desk has the address {item.uri or '(none)'}",
            )
        )
        return
    if len(sources) > 1:
        report.refused.append((_label(item), "several sources have this address"))
        return
    source = interop_selectors.source_with_text(sources[0])
    if not item.exact:
        report.refused.append(
            (
                _label(item),
                "a page note without quoted words: the desk keeps notes on words",
            )
        )
        return
    canonical = _canonical(item)
    known = (
        Highlight.objects.filter(source=source, canonical=canonical).first()
        if canonical
        else None
    )
    if known is not None:
        made[item.id] = _became(known)
        report.matched.append(_label(item))
        return
    span = hypothesis_format.locate(source.current_revision.body, item)
    if span is None:
        report.refused.append(
            (
                _label(item),
                "the quoted words are not (or not once) in the source's current text",
            )
        )
        return
    start, end = span
    as_claim = text_as == "claim" and item.text and len(item.text) <= CLAIM_MAX
    if as_claim:
        highlight = claim_services.annotation_create(
            source=source,
            start=start,
            end=end,
            exact=item.exact,
            claims=[ParsedClaim(claim_id=None, statement=item.text)],
            user=user,
            reason=reason,
        )
        claim = highlight.links.latest("id").claim
        made[item.id] = ("claim", claim)
        _tags(
            lambda **kw: tag_services.claim_set_tags(claim=claim, **kw),
            claim.taggings,
            item,
            user,
            reason,
        )
    else:
        highlight = Highlight.objects.filter(
            revision_id=source.current_revision_id, start=start, end=end
        ).first() or highlight_services.highlight_create(
            source=source,
            start=start,
            end=end,
            exact=item.exact,
            user=user,
            reason=reason,
        )
        made[item.id] = ("highlight", highlight)
        if item.text:
            comment = comment_services.comment_post(
                body=_byline(item) + item.text,
                user=user,
                highlight=highlight,
                reason=reason,
            )
            made[item.id] = ("comment", comment)
        _tags(
            lambda **kw: tag_services.source_set_tags(source=source, **kw),
            source.taggings,
            item,
            user,
            reason,
        )
    highlight.canonical = canonical or None
    highlight.via = (item.link or canonical)[:500] or None
    highlight.full_clean()
    stamp(highlight, user=user, reason=reason)
    highlight.save(update_fields=["canonical", "via"])
    report.imported.append(
        _label(item) + (" as a claim" if as_claim else " as highlighted words")
    )


def _reply(item, *, user, reason, made, report) -> None:
    parent = made.get(item.parent)
    if parent is None:
        report.refused.append(
            (_label(item), "a reply to an annotation that was not imported")
        )
        return
    if not item.text:
        report.refused.append((_label(item), "an empty reply"))
        return
    kind, thing = parent
    body = _byline(item) + item.text
    target = (
        {"claim": thing}
        if kind == "claim"
        else {"highlight": thing}
        if kind == "highlight"
        else {}
    )
    existing = Comment.objects.filter(
        body=body, **({"parent": thing} if kind == "comment" else target)
    )
    if existing.exists():
        report.matched.append(_label(item))
        return
    if kind == "comment":
        comment = comment_services.comment_reply(
            parent=thing, body=body, user=user, reason=reason
        )
    else:
        comment = comment_services.comment_post(
            body=body, user=user, reason=reason, **target
        )
    made[item.id] = ("comment", comment)
    report.imported.append(_label(item) + " as a comment")


def import_hypothesis(
    *, data, user, text_as: str = "claim", reason: str = ""
) -> ImportReport:
    """Take Hypothesis annotations (its export file or API JSON) onto the desk.

    Each annotation is its own transaction: one that is refused changes nothing and
    never stops the others. Bad data (not Hypothesis annotations) raises
    ``ValidationError`` before anything is written.
    """
    require_editor(user)
    reason = clean_reason(reason or "Imported from Hypothesis")
    if text_as not in TEXT_AS:
        raise ValidationError({"text_as": "Choose claim or comment."})
    try:
        items = hypothesis_format.read(data)
    except hypothesis_format.NotHypothesis as bad:
        raise ValidationError({"file": str(bad)}) from bad
    report, made = ImportReport(), {}
    by_address = interop_selectors.sources_by_address()
    for item in items:
        try:
            with transaction.atomic():
                if item.parent is None:
                    _top_level(
                        item,
                        by_address=by_address,
                        user=user,
                        text_as=text_as,
                        reason=reason,
                        made=made,
                        report=report,
                    )
                else:
                    _reply(item, user=user, reason=reason, made=made, report=report)
        except (ValidationError, PermissionDenied) as refused:
            text = " ".join(getattr(refused, "messages", [str(refused)]))
            report.refused.append((_label(item), text))
    return report
