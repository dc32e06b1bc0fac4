"""The reader: the exact text, highlights as coloured marks, a legend, and a fixed number of queries."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from editorial.claims import services as claim_services
from editorial.highlights import services as highlight_services
from sources.models import Source


class BodyParser(HTMLParser):
    """The text inside the element with ``data-source-body``, and its marks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text = []
        self.marks = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            self.depth += 1
            if tag == "mark":
                self.marks.append(attrs)
            else:
                self.scripts += tag in {"script", "img"}
        elif "data-source-body" in attrs:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def parse_body(html: str) -> BodyParser:
    parser = BodyParser()
    parser.feed(html)
    return parser


def highlight(source, words, *, user):
    """Highlight the first occurrence of ``words``, with no claim."""
    start = source.current_revision.body.index(words)
    return highlight_services.highlight_create(
        source=source, start=start, end=start + len(words), user=user, reason="T"
    )


def test_reader_needs_a_login(client, source_factory):
    source = source_factory()
    response = client.get(reverse("sources:detail", args=[source.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_reader_body_text_is_exactly_the_stored_body_with_overlapping_marks(
    editor_client, source_factory, claim_factory, editor, reviewer
):
    text = "Envoy 🙂 report\nThe U.S. Special Envoy met officials in Kyiv.\n\n  Indented line."
    source = source_factory(text)
    outer = claim_factory(
        source, "U.S. Special Envoy met", status="verified", status_by=reviewer
    ).highlights.get()
    inner = claim_factory(
        source, "Special Envoy", status="false", status_by=reviewer
    ).highlights.get()
    overlapping = highlight(source, "met officials", user=editor)
    response = editor_client.get(reverse("sources:detail", args=[source.pk]))
    assert response.status_code == 200
    parsed = parse_body(response.content.decode())
    assert "".join(parsed.text) == text
    ids = {int(m["data-highlight-id"]) for m in parsed.marks}
    assert ids == {outer.pk, inner.pk, overlapping.pk}
    statuses = {int(m["data-highlight-id"]): m["data-status"] for m in parsed.marks}
    assert statuses == {outer.pk: "verified", inner.pk: "false", overlapping.pk: "none"}
    anchors = [m["id"] for m in parsed.marks if "id" in m]
    assert sorted(anchors) == sorted(
        f"highlight-{h.pk}" for h in (outer, inner, overlapping)
    )


def test_reader_escapes_markup_in_the_text(editor_client, source_factory):
    text = (
        'Hostile\n<script>alert("x")</script> and <img src=x onerror=alert(1)> & more'
    )
    source = source_factory(text)
    response = editor_client.get(reverse("sources:detail", args=[source.pk]))
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html
    parsed = parse_body(html)
    assert parsed.scripts == 0
    assert "".join(parsed.text) == text


def test_reader_has_a_legend_and_leaves_the_claims_to_the_panel(
    editor_client, source_factory, claim_factory
):
    """The page counts each colour and draws the marks; claims stay off the page."""
    source = source_factory("Title\nThe coalition has 26 nations and a plan.")
    made = claim_factory(
        source, "26 nations", "Twenty-six nations joined", status="in_review"
    ).highlights.get()
    highlight(source, "a plan", user=made.created_by)
    response = editor_client.get(reverse("sources:detail", args=[source.pk]))
    html = response.content.decode()
    legend = dict((status, count) for status, _, count in response.context["legend"])
    assert legend["in_review"] == 1 and legend["none"] == 1
    assert sum(legend.values()) == response.context["highlight_count"] == 2
    for label in [
        "False",
        "Misleading",
        "Disputed",
        "In review",
        "Unverified",
        "Verified",
        "No claim yet",
    ]:
        assert label in html
    assert "Twenty-six nations joined" not in html
    assert 'id="highlight-data"' not in html
    assert (
        f'data-highlights-url="{reverse("api:source-highlights", args=[source.pk])}"'
        in html
    )


def panel(client, source, *ids, **extra):
    url = reverse("api:source-highlights", args=[source.pk])
    return client.get(url, {"ids": ",".join(str(i) for i in ids)}, **extra)


def test_the_panel_gets_each_highlights_claims_stances_and_evidence_from_the_api(
    editor_client, source_factory, claim_factory, editor, reviewer
):
    source = source_factory("Title\nThe U.S. Special Envoy met officials in Kyiv.")
    outer_claim = claim_factory(
        source, "U.S. Special Envoy met", "An envoy met them", stance="support"
    )
    outer = outer_claim.highlights.get()
    inner = claim_factory(
        source,
        "Special Envoy",
        "The envoy is special",
        status="false",
        status_by=reviewer,
    ).highlights.get()
    claim_services.evidence_add(
        claim=outer_claim,
        supports=False,
        url="https://example.org/release",
        note="The release says otherwise",
        user=editor,
        reason="Test",
    )
    response = panel(editor_client, source, inner.pk, outer.pk)
    assert response.status_code == 200
    items = {item["id"]: item for item in response.json()["highlights"]}
    assert set(items) == {inner.pk, outer.pk}
    assert items[inner.pk]["status"] == "false"
    assert items[inner.pk]["exact"] == "Special Envoy"
    (claim,) = items[outer.pk]["claims"]
    assert claim["statement"] == "An envoy met them"
    assert (claim["status"], claim["statusLabel"]) == ("unverified", "Unverified")
    assert (claim["stance"], claim["stanceLabel"]) == ("support", "Supports")
    assert claim["url"] == reverse("claims:detail", args=[outer_claim.pk])
    assert claim["evidence"] == [
        {
            "url": "https://example.org/release",
            "citation": "",
            "note": "The release says otherwise",
            "supports": False,
        }
    ]


def test_the_panel_leaves_out_highlights_of_other_sources_and_asks_for_ids(
    editor_client, source_factory, claim_factory
):
    source = source_factory("Title\nThe coalition has 26 nations.")
    other = source_factory("Other\nThe coalition has 26 nations too.")
    mine = claim_factory(source, "26 nations").highlights.get()
    theirs = claim_factory(other, "26 nations").highlights.get()
    answer = panel(editor_client, source, mine.pk, theirs.pk, 999999).json()
    assert [item["id"] for item in answer["highlights"]] == [mine.pk]
    assert panel(editor_client, source).json() == {"highlights": []}
    assert panel(editor_client, source, "1;2").status_code == 400
    assert panel(editor_client, source, *range(1, 52)).status_code == 400
    missing = reverse("api:source-highlights", args=[999999])
    assert editor_client.get(missing, {"ids": mine.pk}).status_code == 404
    assert panel(Client(), source, mine.pk).status_code == 401


def test_reader_offers_the_claim_form_to_editors_only(
    client, source_factory, user_factory
):
    source = source_factory()
    client.force_login(user_factory())
    html = client.get(reverse("sources:detail", args=[source.pk])).content.decode()
    assert "data-claim-form" not in html
    assert "Only editors and reviewers can add claims" in html


def test_reader_of_a_missing_source_is_404(editor_client):
    assert (
        editor_client.get(reverse("sources:detail", args=[999999])).status_code == 404
    )


def reader_queries(client, source) -> int:
    url = reverse("sources:detail", args=[source.pk])
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


#: Session, user, groups (role check), source, highlights, links with claims, evidence,
#: and whatever fixed extras the page shows (the orphaned highlights panel, the source's
#: tags, the people a claim can be assigned to, the unread count, whether you follow
#: the source): a bound, never a count that grows with the highlights.
READER_QUERY_BOUND = 12


def test_reader_makes_the_same_queries_for_3_or_60_highlights_with_claims_and_evidence(
    editor_client, source_factory, claim_factory, editor
):
    source = source_factory("Title\n" + " ".join(f"w{i}." for i in range(60)))
    counts = []
    for i in range(60):
        claim = claim_factory(source, f"w{i}.", f"Claim {i}")
        claim_services.evidence_add(
            claim=claim,
            supports=True,
            url="https://example.org/e",
            user=editor,
            reason="Test",
        )
        if i + 1 in (3, 60):
            counts.append(reader_queries(editor_client, source))
    assert counts[0] == counts[1] <= READER_QUERY_BOUND


def test_the_long_encyclopedia_seed_with_hundreds_of_highlights_opens_in_fixed_queries(
    editor_client, shipped_desk, editor
):
    """The encyclopedia seed (120,000 characters) with 300 more highlights, half with claims."""
    source = Source.objects.get(kind=Source.Kind.ENCYCLOPEDIA_ARTICLE)
    body = source.current_revision.body
    words = [(m.start(), m.end()) for m in re.finditer(r"[A-Z][a-z]{3,}", body)][:300]
    assert len(words) == 300
    before = reader_queries(editor_client, source)
    assert before <= READER_QUERY_BOUND
    claim = claim_services.claim_create(
        statement="Shared claim", user=editor, reason="T"
    )
    for i, (start, end) in enumerate(words):
        made = highlight_services.highlight_create(
            source=source, start=start, end=end, user=editor, reason="T"
        )
        if i % 2:
            claim_services.claim_link_highlight(
                claim=claim, highlight=made, user=editor, reason="T"
            )
    assert reader_queries(editor_client, source) == before
    response = editor_client.get(reverse("sources:detail", args=[source.pk]))
    assert response.context["highlight_count"] >= 300
    assert "".join(parse_body(response.content.decode()).text) == body
