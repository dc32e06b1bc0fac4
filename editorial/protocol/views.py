"""The annotation protocol's two resources: a source's container and one annotation.

Thin: negotiate, check preconditions, call a selector or a service, answer with the
protocol's headers (``Link`` types and ``constrainedBy``, ``Allow``, ``Accept-Post``,
``ETag``, ``Vary``, ``Content-Location``). DRF authenticates (a token, or the
session with its CSRF token) and turns refusals into JSON errors.
"""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from rest_framework.negotiation import BaseContentNegotiation, DefaultContentNegotiation
from rest_framework.views import APIView

from core import roles
from core.conflicts import EditConflict
from editorial.api import schema
from editorial.api.views import JSON_PARSERS
from editorial.models import Highlight
from editorial.protocol import documents, negotiation
from editorial.protocol import selectors as protocol_selectors
from editorial.protocol import services as protocol_services

CONSTRAINED_BY = (
    "<http://www.w3.org/TR/annotation-protocol/>; "
    'rel="http://www.w3.org/ns/ldp#constrainedBy"'
)
CONTAINER_TYPES = (
    '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type", '
    '<http://www.w3.org/ns/oa#AnnotationCollection>; rel="type"'
)
RESOURCE_TYPE = '<http://www.w3.org/ns/ldp#Resource>; rel="type"'
CONTAINER_ALLOW = "GET, HEAD, OPTIONS, POST"
ANNOTATION_ALLOW = "GET, HEAD, OPTIONS, PUT, DELETE"


def _answer(request, document, *, status=200, link, allow, vary="Accept", **headers):
    """``document`` in the negotiated type, with the protocol's headers (406 if none)."""
    media = negotiation.choose(request.headers.get("Accept"))
    if media is None:
        return _problem(
            406,
            "This server sends application/ld+json (with the annotation profile) "
            "or application/json.",
            link=link,
            allow=allow,
        )
    tag = documents.etag(document)
    if status == 200 and tag in _tags(request.headers.get("If-None-Match")):
        response = HttpResponse(status=304)
    else:
        body = b"" if request.method == "HEAD" else _json(document)
        response = HttpResponse(body, status=status, content_type=media)
        if request.method == "HEAD":
            response["Content-Length"] = str(len(_json(document)))
    response["ETag"] = tag
    response["Vary"] = vary
    response["Link"] = f"{link}, {CONSTRAINED_BY}"
    response["Allow"] = allow
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _json(document) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


def _tags(header: str | None) -> set[str]:
    return {
        part.strip().removeprefix("W/")
        for part in (header or "").split(",")
        if part.strip()
    }


def _problem(status: int, message, *, link=RESOURCE_TYPE, allow=ANNOTATION_ALLOW):
    detail = message if isinstance(message, dict) else {"detail": message}
    response = HttpResponse(
        _json(detail), status=status, content_type="application/json"
    )
    response["Link"] = f"{link}, {CONSTRAINED_BY}"
    response["Allow"] = allow
    response["Vary"] = "Accept"
    return response


def _refusal(error, **where):
    if isinstance(error, PermissionDenied):
        return _problem(403, str(error) or "You may not do this.", **where)
    if isinstance(error, EditConflict):
        return _problem(412, "The annotation changed; fetch it again.", **where)
    return _problem(
        400, getattr(error, "message_dict", None) or error.messages, **where
    )


def _options(link, allow, **headers):
    response = HttpResponse(status=200)
    response["Allow"] = allow
    response["Link"] = f"{link}, {CONSTRAINED_BY}"
    response["Vary"] = "Accept"
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _urls(request) -> documents.ProtocolUrls:
    return documents.ProtocolUrls(base=request.build_absolute_uri("/"))


class OwnNegotiation(BaseContentNegotiation):
    """DRF picks the parser; the view answers ``Accept`` itself (``_answer``)."""

    def select_parser(self, request, parsers):
        return DefaultContentNegotiation().select_parser(request, parsers)

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ProtocolView(APIView):
    """DRF's authentication and parsing; the protocol's own headers (DRF's ``Allow``
    and ``Vary`` defaults would overwrite them)."""

    parser_classes = JSON_PARSERS
    content_negotiation_class = OwnNegotiation

    @property
    def default_response_headers(self):
        return {}

    def handle_exception(self, exc):
        """DRF's refusals (401, 403, 415, bad JSON) carry the protocol's links too."""
        response = super().handle_exception(exc)
        response["Link"] = f"{RESOURCE_TYPE}, {CONSTRAINED_BY}"
        return response


@schema.container
class Container(ProtocolView):
    """``/annotations/<source>/``: the source's annotations; POST adds one."""

    def _source(self, pk):
        return protocol_selectors.source_for_container(pk=pk)

    def options(self, request, pk):
        return _options(
            CONTAINER_TYPES, CONTAINER_ALLOW, Accept_Post=negotiation.ANNO_TYPE
        )

    def get(self, request, pk):
        source = self._source(pk)
        if source is None:
            return _problem(
                404, "No such container.", link=CONTAINER_TYPES, allow=CONTAINER_ALLOW
            )
        urls = _urls(request)
        container = urls.container(source.pk)
        prefer = negotiation.parse_prefer(request.headers.get("Prefer"))
        iris_only = prefer.iris_only or request.GET.get("iris") == "1"
        page = request.GET.get("page")
        total, modified = protocol_selectors.container_stats(source=source)
        if page is not None:
            if not page.isdigit() or not 1 <= int(page) <= documents.page_count(total):
                return _problem(
                    404, "No such page.", link=RESOURCE_TYPE, allow="GET, HEAD, OPTIONS"
                )
            document = self._page(source, urls, int(page), total, modified, iris_only)
            return _answer(
                request,
                document,
                link=RESOURCE_TYPE,
                allow="GET, HEAD, OPTIONS",
                Content_Location=document["id"],
            )
        first = None
        if total and not prefer.minimal:
            first = self._page(source, urls, 1, total, modified, iris_only)
        document = documents.container_document(
            container=container,
            label=f"Annotations of “{source.title}”",
            total=total,
            modified=modified,
            iris_only=iris_only,
            minimal=prefer.minimal,
            first_page=first,
        )
        extra = (
            {"Preference_Applied": "return=representation"} if prefer.applied else {}
        )
        return _answer(
            request,
            document,
            link=CONTAINER_TYPES,
            allow=CONTAINER_ALLOW,
            vary="Accept, Prefer",
            Accept_Post=negotiation.ANNO_TYPE,
            Content_Location=document["id"],
            **extra,
        )

    def _page(self, source, urls, number, total, modified, iris_only):
        highlights = protocol_selectors.container_page(
            source=source, number=number, size=documents.PAGE_SIZE
        )
        return documents.page_document(
            container=urls.container(source.pk),
            highlights=highlights,
            urls=urls,
            number=number,
            total=total,
            modified=modified,
            iris_only=iris_only,
        )

    def post(self, request, pk):
        source = self._source(pk)
        if source is None:
            return _problem(
                404, "No such container.", link=CONTAINER_TYPES, allow=CONTAINER_ALLOW
            )
        urls = _urls(request)
        where = {"link": CONTAINER_TYPES, "allow": CONTAINER_ALLOW}
        try:
            highlight, created = protocol_services.annotation_post(
                source=source,
                data=request.data,
                slug=request.headers.get("Slug"),
                user=request.user,
                base=urls.base,
                container_url=urls.container(source.pk),
            )
        except (PermissionDenied, ValidationError) as error:
            return _refusal(error, **where)
        stored = protocol_selectors.annotation(pk=highlight.pk)
        document = documents.annotation_document(stored, urls)
        return _answer(
            request,
            document,
            status=201 if created else 200,
            link=RESOURCE_TYPE,
            allow=ANNOTATION_ALLOW,
            Location=document["id"],
            Content_Location=document["id"],
        )


@schema.annotation
class Annotation(ProtocolView):
    """``/annotations/<source>/<name>``: one annotation; PUT replaces, DELETE removes,
    both only with ``If-Match`` (428 without it, 412 when it is stale)."""

    def _find(self, pk, name) -> Highlight | None:
        return protocol_selectors.annotation_named(source_id=pk, name=name)

    def options(self, request, pk, name):
        return _options(RESOURCE_TYPE, ANNOTATION_ALLOW)

    def get(self, request, pk, name):
        highlight = self._find(pk, name)
        if highlight is None:
            return _problem(404, "No such annotation.")
        document = documents.annotation_document(highlight, _urls(request))
        return _answer(
            request,
            document,
            link=RESOURCE_TYPE,
            allow=ANNOTATION_ALLOW,
            Content_Location=document["id"],
        )

    def _precondition(self, request, highlight):
        """None when ``If-Match`` names the current representation; else the refusal.

        Someone who may not change the desk is refused first (403), whatever they send.
        """
        if not roles.acts_for_desk(request.user):
            return _problem(403, "Only editors and reviewers can change annotations.")
        header = request.headers.get("If-Match")
        if not header:
            return _problem(
                428, "Send If-Match with the annotation's ETag (GET it first)."
            )
        current = documents.etag(
            documents.annotation_document(highlight, _urls(request))
        )
        if header.strip() != "*" and current not in _tags(header):
            return _problem(
                412, "The annotation changed since you read it; GET it again."
            )
        return None

    def put(self, request, pk, name):
        urls = _urls(request)
        with protocol_selectors.locked_annotation(source_id=pk, name=name) as highlight:
            if highlight is None:
                return _problem(404, "No such annotation.")
            refused = self._precondition(request, highlight)
            if refused is not None:
                return refused
            try:
                protocol_services.annotation_replace(
                    highlight=highlight,
                    data=request.data,
                    user=request.user,
                    base=urls.base,
                    container_url=urls.container(highlight.source_id),
                )
            except (PermissionDenied, ValidationError) as error:
                return _refusal(error)
        stored = protocol_selectors.annotation(pk=highlight.pk)
        document = documents.annotation_document(stored, urls)
        return _answer(
            request,
            document,
            link=RESOURCE_TYPE,
            allow=ANNOTATION_ALLOW,
            Content_Location=document["id"],
        )

    def delete(self, request, pk, name):
        with protocol_selectors.locked_annotation(source_id=pk, name=name) as highlight:
            if highlight is None:
                return _problem(404, "No such annotation.")
            refused = self._precondition(request, highlight)
            if refused is not None:
                return refused
            try:
                protocol_services.annotation_delete(
                    highlight=highlight,
                    user=request.user,
                    reason=request.headers.get("X-Reason", ""),
                )
            except (PermissionDenied, ValidationError) as error:
                return _refusal(error)
        response = HttpResponse(status=204)
        response["Link"] = f"{RESOURCE_TYPE}, {CONSTRAINED_BY}"
        return response
