"""The W3C Web Annotation Protocol, requirement by requirement, against the live server.

One row per MUST and SHOULD of https://www.w3.org/TR/annotation-protocol/ (section,
level, what it requires, and the check), as the web-platform-tests
``annotation-protocol/server`` checks phrase them. The rows the desk declines, with the
reason, are in ``DECLINED`` and in the README's API section.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field

import pytest

from editorial.accounts.services import api_token_create
from editorial.protocol import documents

ANNO = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
MINIMAL = (
    'return=representation;include="http://www.w3.org/ns/ldp#PreferMinimalContainer"'
)
IRIS = 'return=representation;include="http://www.w3.org/ns/oa#PreferContainedIRIs"'
DESCRIPTIONS = 'return=representation;include="http://www.w3.org/ns/oa#PreferContainedDescriptions"'

#: Requirements the desk does not meet, and why (also in the README).
DECLINED = {
    "4 SHOULD use HTTPS": "TLS is the deployment's (nginx in front, README "
    "'Deployment'); the test server speaks plain HTTP on loopback.",
}


@dataclass
class Answer:
    status: int
    headers: dict
    body: object = None
    text: str = ""

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


@dataclass
class Desk:
    base: str
    key: str
    container: str
    source_id: int
    seen: dict = field(default_factory=dict)

    def call(self, method, url, body=None, **headers) -> Answer:
        data = json.dumps(body).encode() if body is not None else None
        headers = {
            "Authorization": f"Token {self.key}",
            **{k.replace("_", "-"): v for k, v in headers.items()},
        }
        if data is not None:
            headers.setdefault("Content-Type", ANNO)
        request = urllib.request.Request(
            url if url.startswith("http") else self.base + url,
            data=data,
            method=method,
            headers={k.replace("_", "-"): v for k, v in headers.items()},
        )
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                status, raw, got = response.status, response.read(), response.headers
        except urllib.error.HTTPError as refused:
            status, raw, got = refused.code, refused.read(), refused.headers
        text = raw.decode()
        parsed = None
        if text and "json" in (got.get("Content-Type") or ""):
            parsed = json.loads(text)
        return Answer(status, {k.lower(): v for k, v in got.items()}, parsed, text)

    def once(self, name, method, url, body=None, **headers) -> Answer:
        if name not in self.seen:
            self.seen[name] = self.call(method, url, body, **headers)
        return self.seen[name]

    # The requests the rows look at, each made once.
    def container_get(self):
        return self.once("container", "GET", self.container)

    def annotation_url(self):
        return self.container_get().body["first"]["items"][0]["id"]

    def annotation_get(self):
        return self.once("annotation", "GET", self.annotation_url())

    def created(self):
        return self.once(
            "created",
            "POST",
            self.container,
            {
                "@context": "http://www.w3.org/ns/anno.jsonld",
                "type": "Annotation",
                "id": "http://client.example/anno/77",
                "canonical": "urn:uuid:0b6e37d2-6a3b-4f4e-9e55-3b2bb1f0a001",
                "body": {"type": "TextualBody", "value": "The summit met in May"},
                "target": {
                    "selector": {"type": "TextQuoteSelector", "exact": "met in May"}
                },
            },
            Slug="may-meeting",
        )


@pytest.fixture
def desk(live_server, source_factory, claim_factory, editor, monkeypatch):
    monkeypatch.setattr(documents, "PAGE_SIZE", 2)
    words = ["alpha", "beta", "gamma", "delta", "epsilon"]
    source = source_factory(
        "Summit report\nThe summit met in May. " + " ".join(f"{w}." for w in words)
    )
    for word in words:
        claim_factory(source, f"{word}.", f"Claim about {word}")
    _, key = api_token_create(user=editor, name="conformance", reason="Tests")
    return Desk(
        live_server.url, key, f"{live_server.url}/annotations/{source.pk}/", source.pk
    )


def _put_then(desk: Desk, *, if_match=None, stale=False):
    made = desk.created().body
    current = desk.call("GET", made["id"])
    headers = {}
    if if_match is not None:
        headers["If_Match"] = '"stale"' if stale else current.header("etag")
    changed = {
        **current.body,
        "body": [{"type": "TextualBody", "value": "Met in May 2025"}],
    }
    return desk.call("PUT", made["id"], changed, **headers)


def _page(desk: Desk, which: str, prefer=None):
    container = desk.call(
        "GET", desk.container, **({"Prefer": prefer} if prefer else {})
    )
    target = container.body[which]
    return desk.call("GET", target if isinstance(target, str) else target["id"])


ROWS = [
    # Section 4: annotation retrieval
    (
        "4",
        "MUST",
        "annotations support GET",
        lambda d: d.annotation_get().status == 200,
    ),
    (
        "4",
        "MUST",
        "annotations support HEAD",
        lambda d: d.call("HEAD", d.annotation_url()).status == 200,
    ),
    (
        "4",
        "MUST",
        "annotations support OPTIONS",
        lambda d: d.call("OPTIONS", d.annotation_url()).status == 200,
    ),
    (
        "4",
        "MUST",
        "Allow lists GET, HEAD and OPTIONS on an annotation",
        lambda d: all(
            m in d.annotation_get().header("allow") for m in ("GET", "HEAD", "OPTIONS")
        ),
    ),
    (
        "4",
        "MUST",
        "JSON-LD by default (application/ld+json)",
        lambda d: (
            d.annotation_get().header("content-type").startswith("application/ld+json")
        ),
    ),
    (
        "4",
        "SHOULD",
        "the anno.jsonld profile in Content-Type",
        lambda d: (
            'profile="http://www.w3.org/ns/anno.jsonld"'
            in d.annotation_get().header("content-type")
        ),
    ),
    (
        "4",
        "MUST",
        "Link with rel type ldp#Resource on an annotation",
        lambda d: re.search(
            r'<http://www.w3.org/ns/ldp#Resource>; *rel="type"',
            d.annotation_get().header("link"),
        ),
    ),
    ("4", "MUST", "ETag on an annotation", lambda d: d.annotation_get().header("etag")),
    (
        "4",
        "MUST",
        "Vary: Accept on an annotation",
        lambda d: "Accept" in d.annotation_get().header("vary"),
    ),
    (
        "4",
        "MUST",
        "Accept with the anno profile is honoured (not 406)",
        lambda d: d.call("GET", d.annotation_url(), Accept=ANNO).status == 200,
    ),
    (
        "4",
        "MUST",
        "plain application/ld+json is accepted",
        lambda d: (
            d.call("GET", d.annotation_url(), Accept="application/ld+json").status
            == 200
        ),
    ),
    (
        "4",
        "SHOULD",
        "an unsupported Accept gets 406",
        lambda d: d.call("GET", d.annotation_url(), Accept="text/turtle").status == 406,
    ),
    (
        "4",
        "SHOULD",
        "If-None-Match with the current ETag gets 304",
        lambda d: (
            d.call(
                "GET",
                d.annotation_url(),
                If_None_Match=d.annotation_get().header("etag"),
            ).status
            == 304
        ),
    ),
    # Section 5: containers
    ("5", "MUST", "the container IRI ends with /", lambda d: d.container.endswith("/")),
    ("5", "MUST", "containers support GET", lambda d: d.container_get().status == 200),
    (
        "5",
        "MUST",
        "containers support HEAD",
        lambda d: d.call("HEAD", d.container).status == 200,
    ),
    (
        "5",
        "MUST",
        "containers support OPTIONS",
        lambda d: d.call("OPTIONS", d.container).status == 200,
    ),
    (
        "5",
        "MUST",
        "Allow lists GET, HEAD, OPTIONS and POST on a container",
        lambda d: all(
            m in d.container_get().header("allow")
            for m in ("GET", "HEAD", "OPTIONS", "POST")
        ),
    ),
    (
        "5",
        "MUST",
        "a container is a BasicContainer",
        lambda d: "BasicContainer" in d.container_get().body["type"],
    ),
    (
        "5",
        "MUST",
        "a container is an AnnotationCollection",
        lambda d: "AnnotationCollection" in d.container_get().body["type"],
    ),
    (
        "5",
        "MUST",
        "Link type ldp#BasicContainer",
        lambda d: re.search(
            r'<http://www.w3.org/ns/ldp#BasicContainer>; *rel="type"',
            d.container_get().header("link"),
        ),
    ),
    (
        "5",
        "MUST",
        "Link ldp#constrainedBy the annotation protocol",
        lambda d: (
            '<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"'
            in d.container_get().header("link")
        ),
    ),
    ("5", "MUST", "ETag on a container", lambda d: d.container_get().header("etag")),
    (
        "5",
        "MUST",
        "Vary: Accept on a container",
        lambda d: "Accept" in d.container_get().header("vary"),
    ),
    (
        "5",
        "MUST",
        "Accept-Post names the anno profile",
        lambda d: "anno.jsonld" in d.container_get().header("accept-post"),
    ),
    (
        "5",
        "MUST",
        "Accept-Post on OPTIONS too",
        lambda d: "anno.jsonld" in d.call("OPTIONS", d.container).header("accept-post"),
    ),
    (
        "5",
        "MUST",
        "Content-Location matches the container's id",
        lambda d: (
            d.container_get().header("content-location") == d.container_get().body["id"]
        ),
    ),
    ("5", "SHOULD", "total", lambda d: d.container_get().body["total"] == 5),
    (
        "5",
        "SHOULD",
        "first and last pages",
        lambda d: {"first", "last"} <= set(d.container_get().body),
    ),
    (
        "5",
        "SHOULD",
        "Vary: Prefer",
        lambda d: "Prefer" in d.container_get().header("vary"),
    ),
    (
        "5.2",
        "SHOULD",
        "PreferMinimalContainer: no annotations in the container",
        lambda d: (
            isinstance(d.call("GET", d.container, Prefer=MINIMAL).body["first"], str)
            and "items" not in d.call("GET", d.container, Prefer=MINIMAL).body
        ),
    ),
    (
        "5.2",
        "SHOULD",
        "PreferContainedIRIs: the pages list IRIs",
        lambda d: all(
            isinstance(i, str)
            for i in d.call("GET", d.container, Prefer=IRIS).body["first"]["items"]
        ),
    ),
    (
        "5.2",
        "SHOULD",
        "PreferContainedDescriptions: the pages hold the annotations",
        lambda d: all(
            i["type"] == "Annotation"
            for i in d.call("GET", d.container, Prefer=DESCRIPTIONS).body["first"][
                "items"
            ]
        ),
    ),
    (
        "5.2",
        "SHOULD",
        "Preference-Applied when a preference was honoured",
        lambda d: (
            d.call("GET", d.container, Prefer=MINIMAL).header("preference-applied")
            == "return=representation"
        ),
    ),
    (
        "5.2",
        "SHOULD",
        "the response carries no Prefer header",
        lambda d: not d.call("GET", d.container, Prefer=MINIMAL).header("prefer"),
    ),
    (
        "5.3",
        "MUST",
        "a page is an AnnotationPage",
        lambda d: _page(d, "first").body["type"] == "AnnotationPage",
    ),
    (
        "5.3",
        "MUST",
        "a page links its container with partOf",
        lambda d: _page(d, "first").body["partOf"]["id"] == d.container,
    ),
    (
        "5.3",
        "MUST",
        "a page that is not the last has next",
        lambda d: "next" in _page(d, "first").body,
    ),
    (
        "5.3",
        "MUST",
        "a page that is not the first has prev",
        lambda d: "prev" in _page(d, "last").body,
    ),
    (
        "5.3",
        "SHOULD",
        "a page gives its startIndex",
        lambda d: _page(d, "last").body["startIndex"] == 4,
    ),
    (
        "5.3",
        "SHOULD",
        "the page's items carry their @context",
        lambda d: all(
            "@context" in item for item in _page(d, "first", MINIMAL).body["items"]
        ),
    ),
    # Section 6: creating, updating, deleting
    ("6.1", "MUST", "POST answers 201 Created", lambda d: d.created().status == 201),
    (
        "6.1",
        "MUST",
        "the new annotation has an id in the container",
        lambda d: d.created().body["id"].startswith(d.container),
    ),
    (
        "6.1",
        "MUST",
        "the client's canonical is kept",
        lambda d: (
            d.created().body["canonical"]
            == "urn:uuid:0b6e37d2-6a3b-4f4e-9e55-3b2bb1f0a001"
        ),
    ),
    (
        "6.1",
        "SHOULD",
        "the client's id is kept in via",
        lambda d: d.created().body["via"] == "http://client.example/anno/77",
    ),
    (
        "6.1",
        "SHOULD",
        "Location is the new annotation's id",
        lambda d: d.created().header("location") == d.created().body["id"],
    ),
    (
        "6.1",
        "SHOULD",
        "the Slug is honoured",
        lambda d: d.created().body["id"].endswith("/may-meeting"),
    ),
    (
        "6.1",
        "SHOULD",
        "posting the same canonical again makes nothing new",
        lambda d: (
            d.created()
            and d.call(
                "POST",
                d.container,
                {
                    "@context": "http://www.w3.org/ns/anno.jsonld",
                    "type": "Annotation",
                    "canonical": "urn:uuid:0b6e37d2-6a3b-4f4e-9e55-3b2bb1f0a001",
                    "body": {"type": "TextualBody", "value": "The summit met in May"},
                    "target": {
                        "selector": {"type": "TextQuoteSelector", "exact": "met in May"}
                    },
                },
            ).body["id"]
            == d.created().body["id"]
            and d.call("GET", d.container).body["total"] == 6
        ),
    ),
    (
        "6.1",
        "MUST",
        "a body that is not an annotation gets 4xx",
        lambda d: (
            400
            <= d.call("POST", d.container, {"type": "Annotation", "target": "x"}).status
            < 500
        ),
    ),
    (
        "6.1",
        "SHOULD",
        "an unsupported Content-Type gets 415",
        lambda d: (
            d.call(
                "POST", d.container, {"type": "Annotation"}, Content_Type="text/turtle"
            ).status
            == 415
        ),
    ),
    (
        "6.2",
        "MUST",
        "PUT replaces an annotation (with If-Match)",
        lambda d: (
            _put_then(d, if_match=True).body["body"][0]["value"] == "Met in May 2025"
        ),
    ),
    (
        "6.2",
        "SHOULD",
        "PUT without If-Match gets 428",
        lambda d: _put_then(d).status == 428,
    ),
    (
        "6.2",
        "SHOULD",
        "PUT with a stale ETag gets 412",
        lambda d: _put_then(d, if_match=True, stale=True).status == 412,
    ),
    (
        "6.2",
        "MUST",
        "PUT keeps the annotation's id",
        lambda d: _put_then(d, if_match=True).body["id"] == d.created().body["id"],
    ),
    (
        "6.3",
        "MUST",
        "DELETE answers 204",
        lambda d: (
            d.call(
                "DELETE",
                d.created().body["id"],
                If_Match=d.call("GET", d.created().body["id"]).header("etag"),
            ).status
            == 204
        ),
    ),
    (
        "6.3",
        "SHOULD",
        "a deleted annotation is gone (404 or 410)",
        lambda d: (
            d.call(
                "DELETE",
                d.created().body["id"],
                If_Match=d.call("GET", d.created().body["id"]).header("etag"),
            )
            and d.call("GET", d.created().body["id"]).status in (404, 410)
        ),
    ),
]


@pytest.mark.parametrize(
    "section,level,requirement,check",
    ROWS,
    ids=[f"{s} {lvl} {req}" for s, lvl, req, _ in ROWS],
)
def test_protocol_requirement(desk, section, level, requirement, check):
    assert check(desk), f"§{section} {level}: {requirement}"


def test_the_reader_advertises_its_annotation_container(desk, client, editor):
    client.force_login(editor)
    answer = client.get(f"/sources/{desk.source_id}/")
    assert answer["Link"] == (
        f"<http://testserver/annotations/{desk.source_id}/>; "
        'rel="http://www.w3.org/ns/oa#annotationService"'
    )
