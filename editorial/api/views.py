"""The JSON API's endpoints. Thin: parse, call a service, answer with JSON.

The API authenticates by itself (session with CSRF, or a token), so its views are
exempt from the login redirect every page has.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from rest_framework import parsers, status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.response import Response

from editorial.api import schema
from editorial.api.serializers import (
    ClaimChangeSerializer,
    claim_data,
    claim_summary,
    highlights_panel,
)
from editorial.claims import selectors as claim_selectors
from editorial.claims import services as claim_services
from editorial.exports import annotation_parse, annotations
from editorial.highlights import selectors as highlight_selectors
from editorial.models import Claim, Highlight
from sources.models import Source

CLAIMS_PAGE_SIZE = 20
#: No list has more pages; a larger number is refused, never sent to the database.
MAX_PAGE = 100_000


class AnnotationParser(parsers.JSONParser):
    """W3C annotations arrive as JSON-LD (``application/ld+json; profile=...anno.jsonld``)."""

    media_type = "application/ld+json"


JSON_PARSERS = [parsers.JSONParser, AnnotationParser]


def _desk_urls(request) -> annotations.DeskUrls:
    return annotations.DeskUrls(base=request.build_absolute_uri("/"))


def _page_number(request) -> int | None:
    raw = request.query_params.get("page")
    if raw is None:
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise ValidationError(
            {"page": f"The page is a whole number from 1 to {MAX_PAGE:,}."}
        )
    return int(raw)


@schema.source_annotations
@api_view(["GET"])
def source_annotations(request, pk):
    """The source's highlights as a W3C AnnotationCollection (``?page=N`` for a page)."""
    source = get_object_or_404(Source, pk=pk)
    number = _page_number(request)
    highlights = highlight_selectors.highlights_for_annotations(source=source)
    total = highlights.count()
    size = annotations.DEFAULT_PAGE_SIZE
    if number is not None and number > annotations.page_count(total, size):
        raise ValidationError({"page": f"There is no page {number}."})
    offset = ((number or 1) - 1) * size
    document = annotations.highlights_collection(
        list(highlights[offset : offset + size]),
        _desk_urls(request),
        total=total,
        collection_id=request.build_absolute_uri(
            reverse("api:source-annotations", args=[source.pk])
        ),
        label=f"Highlights of “{source.title}”",
        number=number,
        page_size=size,
    )
    return Response(document, content_type=annotations_content_type())


#: The most highlights one panel request may ask for (a click lists the few under it).
PANEL_HIGHLIGHTS_MAX = 50


@schema.source_highlights
@api_view(["GET"])
def source_highlights(request, pk):
    """What the reader's side panel shows for ``?ids=3,5``: each of those highlights of
    the source's current text with its claims (statement, status, stance) and their
    evidence. Ids that are not the source's current highlights are left out."""
    source = get_object_or_404(Source, pk=pk)
    ids = _highlight_ids(request.query_params.get("ids", ""))
    highlights = (
        highlight_selectors.highlights_for_panel(source=source, ids=ids) if ids else []
    )
    return Response({"highlights": highlights_panel(highlights)})


def _highlight_ids(raw: str) -> list[int]:
    parts = [part.strip() for part in raw.split(",") if part.strip()]
    if not all(part.isdigit() for part in parts):
        raise ValidationError(
            {"ids": "Give highlight ids as numbers, separated by commas."}
        )
    if len(parts) > PANEL_HIGHLIGHTS_MAX:
        raise ValidationError(
            {"ids": f"Ask for at most {PANEL_HIGHLIGHTS_MAX} highlights at once."}
        )
    # A number larger than any id names no highlight (and the database refuses it).
    return sorted({int(part) for part in parts if int(part) <= 2**63 - 1})


def annotations_content_type() -> str:
    return f'application/ld+json; profile="{annotations.ANNO_CONTEXT}"'


def _source_for(parsed: annotation_parse.ParsedAnnotation) -> Source:
    if parsed.source_id is not None:
        source = (
            Source.objects.select_related("current_revision")
            .filter(pk=parsed.source_id)
            .first()
        )
        if source is None:
            raise ValidationError(
                {
                    "target.source": f"There is no source {parsed.source_id} on this desk."
                }
            )
        return source
    found = list(
        Source.objects.select_related("current_revision").filter(url=parsed.source_url)[
            :2
        ]
    )
    if not found:
        raise ValidationError(
            {
                "target.source": f"No source on this desk has the URL {parsed.source_url}."
            }
        )
    if len(found) > 1:
        raise ValidationError(
            {
                "target.source": "Several sources have this URL; target the desk's page "
                "for one (/sources/<id>/)."
            }
        )
    return found[0]


@schema.annotation_create
@api_view(["POST"])
@parser_classes(JSON_PARSERS)
def annotation_create(request):
    """Store one W3C Annotation: highlight its words and attach its claims."""
    parsed = annotation_parse.parse_annotation(
        request.data, base=request.build_absolute_uri("/")
    )
    source = _source_for(parsed)
    if source.current_revision is None:
        raise ValidationError({"target.source": "The source has no text yet."})
    start, end, exact = annotation_parse.resolve_span(
        source.current_revision.body, parsed
    )
    reason = request.data.get("reason") if isinstance(request.data, dict) else None
    if not isinstance(reason, str) or not reason.strip():
        if any(claim.status in Claim.VERDICTS for claim in parsed.claims):
            raise ValidationError(
                {"reason": "Give a reason for the verdict; it is kept in the history."}
            )
        reason = "Annotated through the API"
    highlight = claim_services.annotation_create(
        source=source,
        start=start,
        end=end,
        exact=exact,
        claims=parsed.claims,
        user=request.user,
        reason=reason,
    )
    urls = _desk_urls(request)
    stored = highlight_selectors.highlight_for_annotation(pk=highlight.pk)
    return Response(
        annotations.highlight_annotation(stored, urls),
        status=status.HTTP_201_CREATED,
        headers={"Location": urls.annotation(stored)},
        content_type=annotations_content_type(),
    )


@schema.annotation_detail
@api_view(["GET"])
def annotation_detail(request, pk):
    try:
        highlight = highlight_selectors.highlight_for_annotation(pk=pk)
    except Highlight.DoesNotExist:
        return Response({"detail": "No such annotation."}, status=404)
    return Response(
        annotations.highlight_annotation(highlight, _desk_urls(request)),
        content_type=annotations_content_type(),
    )


@schema.claim_list
@api_view(["GET"])
def claim_list(request):
    """Claims whose statement has every word of ``q`` (and of ``status``), newest first."""
    status_filter = request.query_params.get("status", "")
    if status_filter and status_filter not in Claim.Status.values:
        raise ValidationError({"status": f"“{status_filter}” is not a status."})
    number = _page_number(request) or 1
    claims = claim_selectors.claims_for_list(
        search=request.query_params.get("q", ""), status=status_filter
    )
    offset = (number - 1) * CLAIMS_PAGE_SIZE
    page = list(claims[offset : offset + CLAIMS_PAGE_SIZE + 1])
    return Response(
        {
            "page": number,
            "has_next": len(page) > CLAIMS_PAGE_SIZE,
            "results": [
                claim_summary(claim, request) for claim in page[:CLAIMS_PAGE_SIZE]
            ],
        }
    )


@schema.claim_detail
@api_view(["GET", "PATCH"])
@parser_classes(JSON_PARSERS)
def claim_detail(request, pk):
    """The claim; PATCH changes its status (with a reason) and its other fields.

    Under a verdict, only a reviewer changes the statement, the note or the status
    (403 otherwise); a verdict needs a ``verdict_note`` (sent, or the claim's own).
    """
    claim = get_object_or_404(Claim, pk=pk)
    if request.method == "GET":
        return Response(claim_data(claim_selectors.claim_for_page(pk=pk), request))
    serializer = ClaimChangeSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    changes = dict(serializer.validated_data)
    version = changes.pop("version")
    reason = (changes.pop("reason", "") or "").strip()
    new_status = changes.pop("status", None)
    # With a status, the note goes with it: a verdict is given with its note.
    verdict_note = changes.pop("verdict_note", None) if new_status else None
    with transaction.atomic():
        if changes:
            claim = claim_services.claim_update(
                claim=claim,
                user=request.user,
                reason=reason or "Edited through the API",
                expected_version=version,
                **changes,
            )
            version = claim.version
        if new_status is not None:
            claim = claim_services.claim_set_status(
                claim=claim,
                status=new_status,
                verdict_note=verdict_note,
                user=request.user,
                reason=reason,
                expected_version=version,
            )
    return Response(claim_data(claim_selectors.claim_for_page(pk=pk), request))
