"""Highlights as W3C Web Annotations: one annotation, a page, a collection.

Pure functions: they take objects already loaded (a highlight with its source, its
links with their claims, and its creator) and never query. Callers load them through
selectors (``prefetch_related("links__claim")`` and ``select_related("source",
"created_by")``).

The shape, per https://www.w3.org/TR/annotation-model/:

* one Annotation per highlight, ``id`` the desk's URL for it and ``canonical`` its
  ``urn:uuid:`` (the same on every desk it travels to);
* ``target``: the source (its own URL when it has one, else the desk's page for it)
  with a ``TextQuoteSelector`` (exact, prefix, suffix) and a ``TextPositionSelector``
  (start, end in Unicode code points, as the W3C model counts them);
* per linked claim, one ``TextualBody`` with purpose ``describing`` and the
  statement as its value. The desk's extension keys on it say the rest: ``claim``
  (the claim's desk URL), ``stance``, ``status`` and, for a verdict, ``verdictNote``
  (its public explanation) and ``verifiedAsOf`` (the date a claim is right as of,
  when a dispute was settled "each right at its date"). Readers that do not know
  them still get the statement.
  The status is never a ``tagging`` body: a tag is free text anyone may write, and
  the desk never reads one as a status (see ``annotation_parse``);
* ``creator``, ``created`` and ``modified``.

Reading the same shape back from another desk or a script is
:mod:`editorial.exports.annotation_parse`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

from django.conf import settings

from editorial.models import Claim

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
DEFAULT_PAGE_SIZE = 100


@dataclass(frozen=True)
class DeskUrls:
    """Absolute URLs of the desk's pages, from its base (``request.build_absolute_uri("/")``)."""

    base: str
    source_path: str = "/sources/{pk}/"
    claim_path: str = "/claims/{pk}/"
    annotation_path: str = "/api/annotations/{pk}/"

    def absolute(self, path: str) -> str:
        return urljoin(self.base, path)

    def source(self, source) -> str:
        return self.absolute(self.source_path.format(pk=source.pk))

    def claim(self, claim) -> str:
        return self.absolute(self.claim_path.format(pk=claim.pk))

    def annotation(self, highlight) -> str:
        return self.absolute(self.annotation_path.format(pk=highlight.pk))

    def source_target(self, source) -> str:
        """What an annotation targets: the article's own URL, else the desk's page for it."""
        return source.url or self.source(source)


def w3c_datetime(value: datetime) -> str:
    """An aware datetime as xsd:dateTime in UTC, to the second (``2026-01-06T10:00:00Z``)."""
    return (
        value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    )


def agent(user) -> dict:
    """A W3C creator: the person who did it, or the desk itself for unattributed rows."""
    if user is None:
        return {"type": "Organization", "name": settings.EDITORIAL_ORGANISATION}
    name = user.get_full_name() or user.get_username()
    return {"type": "Person", "name": name, "nickname": user.get_username()}


def _modified(highlight, links) -> datetime:
    """The latest change known from loaded rows; a selector may annotate ``modified_at``."""
    annotated = getattr(highlight, "modified_at", None)
    if annotated is not None:
        return annotated
    moments = [highlight.created_at]
    for link in links:
        moments.append(link.created_at)
        if link.claim.reviewed_at is not None:
            moments.append(link.claim.reviewed_at)
    return max(moments)


def claim_bodies(link, urls: DeskUrls) -> list[dict]:
    """The body for one claim link: its statement, with stance, status and verdict note."""
    claim = link.claim
    body = {
        "type": "TextualBody",
        "purpose": "describing",
        "value": claim.statement,
        "format": "text/plain",
        "claim": urls.claim(claim),
        "stance": link.stance,
        "status": claim.status,
    }
    if claim.status in Claim.VERDICTS and claim.verdict_note:
        body["verdictNote"] = claim.verdict_note
    as_of = getattr(link, "verified_as_of", None)
    if as_of and claim.status == Claim.Status.VERIFIED:
        body["verifiedAsOf"] = as_of.isoformat()
    return [body]


def highlight_annotation(highlight, urls: DeskUrls, *, context: bool = True) -> dict:
    """One highlight with its claims as a W3C Annotation.

    Needs ``highlight.source``, ``highlight.created_by`` and ``highlight.links`` with
    each link's ``claim`` loaded. ``context=False`` leaves ``@context`` to the
    collection that embeds it.
    """
    links = sorted(highlight.links.all(), key=lambda link: (link.claim_id, link.pk))
    annotation = {"@context": ANNO_CONTEXT} if context else {}
    annotation.update(
        {
            "id": urls.annotation(highlight),
            "type": "Annotation",
            "canonical": getattr(highlight, "canonical", None)
            or f"urn:uuid:{highlight.uid}",
            "motivation": "assessing" if links else "highlighting",
            "created": w3c_datetime(highlight.created_at),
            "modified": w3c_datetime(_modified(highlight, links)),
            "creator": agent(highlight.created_by),
        }
    )
    if getattr(highlight, "via", None):
        annotation["via"] = highlight.via
    bodies = [body for link in links for body in claim_bodies(link, urls)]
    if bodies:
        annotation["body"] = bodies
    annotation["target"] = {
        "source": urls.source_target(highlight.source),
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": highlight.exact,
                "prefix": highlight.prefix,
                "suffix": highlight.suffix,
            },
            {
                "type": "TextPositionSelector",
                "start": highlight.start,
                "end": highlight.end,
            },
        ],
    }
    return annotation


# Collections and pages -----------------------------------------------------------------


def page_url(collection_id: str, number: int) -> str:
    separator = "&" if "?" in collection_id else "?"
    return f"{collection_id}{separator}page={number}"


def annotation_page(
    *,
    collection_id: str,
    items: Sequence[dict],
    number: int,
    page_count: int,
    start_index: int,
    context: bool = False,
) -> dict:
    """Page ``number`` (from 1) of a collection; ``next``/``prev`` are left as links."""
    page = {"@context": ANNO_CONTEXT} if context else {}
    page.update(
        {
            "id": page_url(collection_id, number),
            "type": "AnnotationPage",
            "partOf": collection_id,
            "startIndex": start_index,
            "items": list(items),
        }
    )
    if number > 1:
        page["prev"] = page_url(collection_id, number - 1)
    if number < page_count:
        page["next"] = page_url(collection_id, number + 1)
    return page


def page_count(total: int, page_size: int = DEFAULT_PAGE_SIZE) -> int:
    """How many pages ``total`` items fill; an empty collection still has one page."""
    return max(1, math.ceil(total / page_size))


def annotation_collection(
    *,
    collection_id: str,
    label: str,
    total: int,
    first: dict,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> dict:
    """An AnnotationCollection with its first page embedded and the last page linked."""
    return {
        "@context": ANNO_CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": label,
        "total": total,
        "first": first,
        "last": page_url(collection_id, page_count(total, page_size)),
    }


def collection_document(
    *,
    items: Sequence[dict],
    total: int,
    collection_id: str,
    label: str,
    number: int | None = None,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> dict:
    """The document served at ``collection_id`` (``number`` None) or at its ``?page=N``.

    ``items`` are the annotations of that page only (page 1 for the collection), so the
    caller slices its query and never holds more than a page. The collection embeds its
    first page; pages link to their neighbours by URL (the W3C model requires ``next``
    and ``prev`` to be IRIs), which the same view answers.
    """
    count = page_count(total, page_size)
    page = annotation_page(
        collection_id=collection_id,
        items=items,
        number=number or 1,
        page_count=count,
        start_index=((number or 1) - 1) * page_size,
        context=number is not None,
    )
    if number is not None:
        return page
    return annotation_collection(
        collection_id=collection_id,
        label=label,
        total=total,
        first=page,
        page_size=page_size,
    )


def highlights_collection(
    highlights: Sequence,
    urls: DeskUrls,
    *,
    total: int,
    collection_id: str,
    label: str,
    number: int | None = None,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> dict:
    """One page of highlights (loaded as :func:`highlight_annotation` needs) as a document.

    ``highlights`` are the page's highlights; ``total`` counts all of them.
    """
    return collection_document(
        items=[highlight_annotation(h, urls, context=False) for h in highlights],
        total=total,
        collection_id=collection_id,
        label=label,
        number=number,
        page_size=page_size,
    )
