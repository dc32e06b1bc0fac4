"""The protocol's documents: a source's container, its pages, one annotation (pure).

Built from highlights loaded as ``editorial.exports.annotations.highlight_annotation``
needs; the IRIs are the protocol's (``/annotations/<source>/<name>``), where ``name``
is the ``Slug`` a client asked for, else the highlight's number.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass

from editorial.exports.annotations import (
    ANNO_CONTEXT,
    DeskUrls,
    highlight_annotation,
    w3c_datetime,
)

LDP_CONTEXT = "http://www.w3.org/ns/ldp.jsonld"
PAGE_SIZE = 100


@dataclass(frozen=True)
class ProtocolUrls(DeskUrls):
    """Desk URLs whose annotation IRIs live in their source's container."""

    def container(self, source_id: int) -> str:
        return self.absolute(f"/annotations/{source_id}/")

    def annotation(self, highlight) -> str:
        name = highlight.slug or str(highlight.pk)
        return self.container(highlight.source_id) + name


def annotation_document(highlight, urls: ProtocolUrls) -> dict:
    return highlight_annotation(highlight, urls)


def etag(document: dict) -> str:
    """A strong validator of a representation: the hash of its canonical JSON."""
    digest = hashlib.sha256(
        json.dumps(document, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()
    return f'"{digest[:32]}"'


def page_count(total: int) -> int:
    return max(1, math.ceil(total / PAGE_SIZE))


def _variant(container: str, iris_only: bool) -> str:
    return container + "?iris=1" if iris_only else container


def page_iri(container: str, number: int, iris_only: bool) -> str:
    base = _variant(container, iris_only)
    return f"{base}{'&' if '?' in base else '?'}page={number}"


def page_document(
    *,
    container: str,
    highlights: Sequence,
    urls: ProtocolUrls,
    number: int,
    total: int,
    modified,
    iris_only: bool,
    context: bool = True,
) -> dict:
    count = page_count(total)
    items = [
        urls.annotation(h) if iris_only else highlight_annotation(h, urls)
        for h in highlights
    ]
    page = {"@context": ANNO_CONTEXT} if context else {}
    page.update(
        {
            "id": page_iri(container, number, iris_only),
            "type": "AnnotationPage",
            "partOf": {
                "id": _variant(container, iris_only),
                "total": total,
                **({"modified": w3c_datetime(modified)} if modified else {}),
            },
            "startIndex": (number - 1) * PAGE_SIZE,
            "items": items,
        }
    )
    if number > 1:
        page["prev"] = page_iri(container, number - 1, iris_only)
    if number < count:
        page["next"] = page_iri(container, number + 1, iris_only)
    return page


def container_document(
    *,
    container: str,
    label: str,
    total: int,
    modified,
    iris_only: bool,
    minimal: bool,
    first_page: dict | None,
) -> dict:
    """The container: its type, total, modified, and its first page (embedded unless
    the client prefers a minimal container) and last page."""
    document = {
        "@context": [ANNO_CONTEXT, LDP_CONTEXT],
        "id": _variant(container, iris_only),
        "type": ["BasicContainer", "AnnotationCollection"],
        "label": label,
        "total": total,
    }
    if modified:
        document["modified"] = w3c_datetime(modified)
    if total:
        if minimal or first_page is None:
            document["first"] = page_iri(container, 1, iris_only)
        else:
            document["first"] = {k: v for k, v in first_page.items() if k != "@context"}
        document["last"] = page_iri(container, page_count(total), iris_only)
    return document
