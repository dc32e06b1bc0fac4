"""Writes of the annotation protocol: create (POST), replace (PUT), delete (DELETE).

Each goes through the desk's own services (``annotation_create``, ``highlight_create``,
``claim_link_highlight``/``claim_unlink_highlight``, ``claim_set_status``,
``highlight_delete``), so the roles, the rules of verdicts, history with a user and a
reason, all hold as on the desk's pages. What the protocol adds is kept on the
highlight, with history: the ``Slug`` a client asked for, its own IRI (``via``) and its
``canonical`` IRI, by which posting the same annotation again finds the first one.
"""

from __future__ import annotations

import re
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction

from core.history import clean_reason, stamp
from core.roles import require_editor
from editorial.claims import services as claim_services
from editorial.exports import annotation_parse
from editorial.highlights import services as highlight_services
from editorial.models import Claim, Highlight
from sources.models import Source

SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
DEFAULT_REASON = "Through the annotation protocol"


def _reason(data) -> str:
    reason = data.get("reason") if isinstance(data, dict) else None
    return reason.strip() if isinstance(reason, str) and reason.strip() else ""


def _with_source(data, source: Source, container_url: str) -> dict:
    """The posted annotation, its target pointed at the container's source when it
    names none (a selector alone, or the source's own URL)."""
    if not isinstance(data, dict):
        raise ValidationError({"annotation": "Send one annotation as a JSON object."})
    target = data.get("target")
    if isinstance(target, list) and len(target) == 1:
        target = target[0]
    if isinstance(target, str):
        raise ValidationError(
            {
                "target": "The desk annotates words of a source: give a target with "
                "a TextQuoteSelector or TextPositionSelector."
            }
        )
    if isinstance(target, dict):
        named = target.get("source")
        if named in (None, source.url or None, container_url):
            target = {**target, "source": f"/sources/{source.pk}/"}
    return {**data, "target": target}


def _known(source: Source, canonical) -> Highlight | None:
    if not isinstance(canonical, str) or not canonical:
        return None
    found = Highlight.objects.filter(source=source, canonical=canonical).first()
    if found is None and canonical.startswith("urn:uuid:"):
        try:
            uid = uuid.UUID(canonical.removeprefix("urn:uuid:"))
        except ValueError:
            return None
        found = Highlight.objects.filter(source=source, uid=uid).first()
    return found


def _slug(source: Source, asked: str | None) -> str | None:
    """The client's ``Slug`` when it is a usable, free name (never all digits, which
    are the desk's own names); otherwise the desk names the annotation itself."""
    asked = (asked or "").strip()
    if not SLUG.match(asked) or asked.isdigit():
        return None
    if Highlight.objects.filter(source=source, slug=asked).exists():
        return None
    return asked


@transaction.atomic
def annotation_post(
    *, source: Source, data, slug: str | None, user, base: str, container_url: str
) -> tuple[Highlight, bool]:
    """Store a posted annotation; ``(highlight, created)``.

    An annotation whose ``canonical`` the container already holds is not stored twice:
    the first one comes back with ``created`` False.
    """
    require_editor(user)
    data = _with_source(data, source, container_url)
    known = _known(source, data.get("canonical"))
    if known is not None:
        return known, False
    parsed = annotation_parse.parse_annotation(data, base=base)
    if parsed.source_id not in (None, source.pk):
        raise ValidationError(
            {"target.source": "This container holds annotations of another source."}
        )
    if source.current_revision is None:
        raise ValidationError({"target.source": "The source has no text yet."})
    start, end, exact = annotation_parse.resolve_span(
        source.current_revision.body, parsed
    )
    reason = _reason(data) or DEFAULT_REASON
    if parsed.claims:
        highlight = claim_services.annotation_create(
            source=source,
            start=start,
            end=end,
            exact=exact,
            claims=parsed.claims,
            user=user,
            reason=reason,
        )
    else:
        highlight = Highlight.objects.filter(
            revision_id=source.current_revision_id, start=start, end=end
        ).first() or highlight_services.highlight_create(
            source=source, start=start, end=end, exact=exact, user=user, reason=reason
        )
    canonical = data.get("canonical")
    via = data.get("id")
    highlight.canonical = (
        canonical if isinstance(canonical, str) and canonical else highlight.canonical
    )
    highlight.via = via[:500] if isinstance(via, str) and via else highlight.via
    highlight.slug = highlight.slug or _slug(source, slug)
    highlight.full_clean()
    stamp(highlight, user=user, reason=reason)
    highlight.save(update_fields=["canonical", "via", "slug"])
    return highlight, True


@transaction.atomic
def annotation_replace(
    *, highlight: Highlight, data, user, base: str, container_url: str
):
    """PUT: the annotation's claims become those of ``data``.

    Its words stay: a highlight is those words of that text, so a target that names
    other words is refused (delete the annotation and post a new one). Bodies naming
    a desk claim keep (or make) that link; new statements become new claims; links
    to claims no longer named are taken off. A status asked for on a body goes through
    ``claim_set_status`` (a verdict needs a reviewer, a note and a reason).
    """
    require_editor(user)
    source = highlight.source
    data = _with_source(data, source, container_url)
    parsed = annotation_parse.parse_annotation(data, base=base)
    if parsed.source_id not in (None, source.pk):
        raise ValidationError(
            {"target.source": "An annotation cannot move to another source."}
        )
    body = highlight.revision.body
    start, end, _ = annotation_parse.resolve_span(body, parsed)
    if (start, end) != (highlight.start, highlight.end):
        raise ValidationError(
            {
                "target.selector": "An annotation's words cannot be changed: delete it "
                "and post a new one for the other words."
            }
        )
    reason = clean_reason(_reason(data) or DEFAULT_REASON)
    links = {link.claim_id: link for link in highlight.links.select_related("claim")}
    wanted = []
    for item in parsed.claims:
        if item.claim_id is None:
            claim = claim_services.claim_create(
                statement=item.statement, user=user, reason=reason
            )
            if item.status and item.status != claim.status:
                claim = claim_services.claim_set_status(
                    claim=claim,
                    status=item.status,
                    verdict_note=item.verdict_note,
                    user=user,
                    reason=reason,
                )
        else:
            claim = Claim.objects.filter(pk=item.claim_id).first()
            if claim is None:
                raise ValidationError(
                    {"body": f"There is no claim {item.claim_id} on this desk."}
                )
            if item.status and item.status != claim.status:
                claim = claim_services.claim_set_status(
                    claim=claim,
                    status=item.status,
                    verdict_note=item.verdict_note,
                    user=user,
                    reason=reason,
                )
        wanted.append(claim.pk)
        link = links.get(claim.pk)
        if link is None:
            claim_services.claim_link_highlight(
                claim=claim,
                highlight=highlight,
                stance=item.stance,
                user=user,
                reason=reason,
            )
        elif link.stance != item.stance:
            claim_services.claim_unlink_highlight(link=link, user=user, reason=reason)
            claim_services.claim_link_highlight(
                claim=claim,
                highlight=highlight,
                stance=item.stance,
                user=user,
                reason=reason,
            )
    for claim_id, link in links.items():
        if claim_id not in wanted:
            claim_services.claim_unlink_highlight(link=link, user=user, reason=reason)
    via = data.get("via") if isinstance(data.get("via"), str) else None
    if via and via != highlight.via:
        highlight.via = via[:500]
        stamp(highlight, user=user, reason=reason)
        highlight.save(update_fields=["via"])
    return Highlight.objects.get(pk=highlight.pk)


def annotation_delete(*, highlight: Highlight, user, reason: str = "") -> None:
    """DELETE: the highlight and its links go, each kept in history (restorable)."""
    highlight_services.highlight_delete(
        highlight=highlight, user=user, reason=reason or DEFAULT_REASON
    )
