"""The JSON API: W3C annotations in and out, claims read and changed, errors that say why."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from editorial.claims import services as claim_services
from editorial.highlights import services as highlight_services
from editorial.models import Claim, ClaimHighlight, Highlight
from tests.w3c import w3c_check

ANNO = "http://www.w3.org/ns/anno.jsonld"
LD_JSON = f'application/ld+json; profile="{ANNO}"'
TEXT = "Kyiv report\nThe U.S. Special Envoy met officials in Kyiv on Tuesday."


def annotation(source, *, start=None, end=None, exact=None, body=None, target=None):
    selectors = []
    if start is not None:
        selectors.append({"type": "TextPositionSelector", "start": start, "end": end})
    if exact is not None:
        selectors.append({"type": "TextQuoteSelector", "exact": exact})
    return {
        "@context": ANNO,
        "type": "Annotation",
        "body": body
        if body is not None
        else [
            {
                "type": "TextualBody",
                "purpose": "describing",
                "value": "A US special envoy met officials in Kyiv.",
                "stance": "assert",
            }
        ],
        "target": {
            "source": target or f"/sources/{source.pk}/",
            "selector": selectors,
        },
    }


def span(source, words):
    start = source.current_revision.body.index(words)
    return {"start": start, "end": start + len(words), "exact": words}


def post(client, data, **extra):
    return client.post(reverse("api:annotations"), data, content_type=LD_JSON, **extra)


@pytest.fixture
def source(source_factory):
    return source_factory(TEXT, url="https://news.example/kyiv")


def test_annotations_of_a_source_are_a_w3c_collection(
    editor_client, source, editor, tmp_path
):
    made = highlight_services.highlight_create(
        source=source, user=editor, reason="Test", **span(source, "Special Envoy")
    )
    claim = claim_services.claim_create(
        statement="An envoy", user=editor, reason="Test"
    )
    claim_services.claim_link_highlight(
        claim=claim, highlight=made, user=editor, reason="T"
    )
    response = editor_client.get(reverse("api:source-annotations", args=[source.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    document = response.json()
    assert document["@context"] == ANNO
    assert document["type"] == "AnnotationCollection"
    assert document["total"] == 1
    item = document["first"]["items"][0]
    selectors = {s["type"]: s for s in item["target"]["selector"]}
    assert selectors["TextPositionSelector"] == {
        "type": "TextPositionSelector",
        "start": made.start,
        "end": made.end,
    }
    assert selectors["TextQuoteSelector"]["exact"] == "Special Envoy"
    assert selectors["TextQuoteSelector"]["prefix"].endswith("The U.S. ")
    (describing,) = item["body"]
    assert (describing["value"], describing["stance"], describing["status"]) == (
        "An envoy",
        "assert",
        "unverified",
    )
    w3c_check(document, tmp_path)


def test_posting_an_annotation_creates_highlight_and_claim(
    editor_client, source, editor, tmp_path
):
    response = post(editor_client, annotation(source, **span(source, "Special Envoy")))
    assert response.status_code == 201, response.content
    stored = response.json()
    highlight = Highlight.objects.get()
    assert stored["id"].endswith(reverse("api:annotation", args=[highlight.pk]))
    assert response["Location"] == stored["id"]
    assert highlight.exact == "Special Envoy"
    assert highlight.created_by == editor
    link = ClaimHighlight.objects.get()
    assert link.claim.statement == "A US special envoy met officials in Kyiv."
    assert link.claim.history.get().history_user == editor
    w3c_check(stored, tmp_path)
    assert editor_client.get(stored["id"]).json()["id"] == stored["id"]


def test_posting_by_quote_alone_and_by_the_sources_own_url(editor_client, source):
    data = annotation(
        source, exact="officials in Kyiv", target="https://news.example/kyiv"
    )
    response = post(editor_client, data)
    assert response.status_code == 201, response.content
    assert Highlight.objects.get().exact == "officials in Kyiv"


def test_posting_an_absolute_desk_url_as_target(editor_client, source):
    data = annotation(
        source,
        target=f"http://testserver/sources/{source.pk}/",
        **span(source, "Tuesday"),
    )
    assert post(editor_client, data).status_code == 201


def test_posting_attaches_an_existing_claim_and_reuses_the_same_words(
    editor_client, source, editor
):
    claim = claim_services.claim_create(
        statement="Envoy met", user=editor, reason="Test"
    )
    words = span(source, "Special Envoy")
    post(editor_client, annotation(source, **words))
    body = [{"id": f"/claims/{claim.pk}/", "stance": "support"}]
    response = post(editor_client, annotation(source, body=body, **words))
    assert response.status_code == 201, response.content
    assert Highlight.objects.count() == 1
    link = ClaimHighlight.objects.get(claim=claim)
    assert link.stance == "support"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"start": 0, "end": 4, "exact": "nope"}, "target.selector.exact"),
        ({"start": 5, "end": 99999, "exact": None}, "target.selector.end"),
        ({"start": 9, "end": 3, "exact": None}, "target.selector.end"),
        ({"source": "/sources/999999/"}, "target.source"),
        ({"source": "ftp://x/y"}, "target.source"),
        ({"body": [{"type": "TextualBody", "value": "  "}]}, "body[0].value"),
        ({"body": [{"id": "/claims/999999/"}]}, "body"),
        (
            {"body": [{"type": "TextualBody", "value": "x", "stance": "shouts"}]},
            "body[0].stance",
        ),
    ],
)
def test_bad_annotations_get_400_with_a_message_per_field_and_write_nothing(
    editor_client, source, change, field
):
    words = span(source, "Special Envoy")
    words.update({k: v for k, v in change.items() if k in {"start", "end", "exact"}})
    data = annotation(
        source, body=change.get("body"), target=change.get("source"), **words
    )
    response = post(editor_client, data)
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert Highlight.objects.count() == 0
    assert Claim.objects.count() == 0


def test_a_missing_target_is_refused(editor_client, source):
    response = post(editor_client, {"type": "Annotation", "bodyValue": "x"})
    assert response.status_code == 400
    assert "target" in response.json()


def test_a_reader_without_a_role_cannot_annotate(client, source, user_factory):
    client.force_login(user_factory())
    response = post(client, annotation(source, **span(source, "Tuesday")))
    assert response.status_code == 403
    assert "editors" in response.json()["detail"]
    assert Highlight.objects.count() == 0


def test_the_session_needs_the_csrf_token(editor, source):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = post(client, annotation(source, **span(source, "Tuesday")))
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    client.get(reverse("sources:detail", args=[source.pk]))
    token = client.cookies["csrftoken"].value
    response = post(
        client, annotation(source, **span(source, "Tuesday")), HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 201


def test_the_api_refuses_anonymous_callers_with_401(client, source):
    response = client.get(reverse("api:source-annotations", args=[source.pk]))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_offsets_after_an_emoji_are_code_points(editor_client, source_factory):
    text = "Emoji\n🙂🙂 The envoy 🇺🇦 met the minister."
    source = source_factory(text)
    start = text.index("met the minister")
    response = post(
        editor_client,
        annotation(source, start=start, end=start + 16, exact="met the minister"),
    )
    assert response.status_code == 201, response.content
    # In UTF-16 the same words start 4 code units later (two emoji and one flag's
    # two regional indicators are outside the Basic Multilingual Plane).
    assert len(text[:start].encode("utf-16-le")) // 2 == start + 4
    assert Highlight.objects.get().start == start


# Claims ---------------------------------------------------------------------------------


@pytest.fixture
def claim(source, editor):
    made = highlight_services.highlight_create(
        source=source, user=editor, reason="Test", **span(source, "Special Envoy")
    )
    claim = claim_services.claim_create(
        statement="An envoy met", user=editor, reason="Test"
    )
    claim_services.claim_link_highlight(
        claim=claim, highlight=made, user=editor, reason="T"
    )
    return claim


def patch(client, claim, data, **extra):
    return client.patch(
        reverse("api:claim", args=[claim.pk]),
        data,
        content_type="application/json",
        **extra,
    )


def test_get_claim_gives_statement_status_version_and_highlights(
    editor_client, claim, source
):
    data = editor_client.get(reverse("api:claim", args=[claim.pk])).json()
    assert data["statement"] == "An envoy met"
    assert data["status"] == "unverified"
    assert data["verdict_note"] == ""
    assert data["version"] == 1
    [highlight] = data["highlights"]
    assert highlight["exact"] == "Special Envoy"
    assert highlight["source"]["id"] == source.pk
    assert highlight["source"]["page"].endswith(f"/sources/{source.pk}/")


def test_reviewer_patches_a_verdict_with_a_reason(reviewer_client, claim, reviewer):
    response = patch(
        reviewer_client,
        claim,
        {
            "status": "false",
            "reason": "Checked the roster",
            "verdict_note": "No such envoy",
            "version": 1,
        },
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "false"
    claim.refresh_from_db()
    assert (claim.status, claim.verdict_note, claim.reviewed_by) == (
        "false",
        "No such envoy",
        reviewer,
    )
    assert claim.history.first().history_change_reason == "Checked the roster"


def test_status_change_without_a_reason_is_400(editor_client, claim):
    response = patch(editor_client, claim, {"status": "in_review", "version": 1})
    assert response.status_code == 400
    assert "reason" in response.json()
    claim.refresh_from_db()
    assert claim.status == "unverified"


def test_editor_cannot_give_a_verdict_through_the_api(editor_client, claim):
    response = patch(
        editor_client, claim, {"status": "verified", "reason": "x", "version": 1}
    )
    assert response.status_code == 403
    assert "reviewers" in response.json()["detail"]
    claim.refresh_from_db()
    assert claim.status == "unverified"


def test_stale_version_gets_409_with_the_current_claim(editor_client, claim, editor):
    claim_services.claim_update(
        claim=claim, statement="Changed", user=editor, reason="Edit"
    )
    response = patch(
        editor_client, claim, {"status": "in_review", "reason": "x", "version": 1}
    )
    assert response.status_code == 409
    assert response.json()["current"]["statement"] == "Changed"
    assert response.json()["current"]["version"] == 2


def test_patch_edits_other_fields_and_refuses_unknown_ones(
    editor_client, claim, editor
):
    response = patch(
        editor_client,
        claim,
        {"statement": "Envoy met", "assigned_to": "ed", "version": 1},
    )
    assert response.status_code == 200, response.content
    assert response.json()["assigned_to"] == "ed"
    assert response.json()["version"] == 2
    response = patch(editor_client, claim, {"status_x": "x", "version": 2})
    assert response.status_code == 400
    assert "status_x" in response.json()
    response = patch(
        editor_client, claim, {"status": "maybe", "reason": "x", "version": 2}
    )
    assert response.status_code == 400
    assert "maybe" in response.json()["status"][0]
    response = patch(editor_client, claim, {"statement": "x"})
    assert response.status_code == 400
    assert "version" in response.json()


def test_claim_search_finds_claims_by_their_words(editor_client, claim, editor):
    claim_services.claim_create(statement="Something else", user=editor, reason="Test")
    data = editor_client.get(reverse("api:claims"), {"q": "envoy MET"}).json()
    assert [c["id"] for c in data["results"]] == [claim.pk]


def test_the_annotation_collection_makes_the_same_queries_for_1_or_12_highlights(
    editor_client, source_factory, claim_factory
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    source = source_factory("Title\n" + " ".join(f"w{i}." for i in range(12)))
    url = reverse("api:source-annotations", args=[source.pk])
    counts = []
    for i in range(12):
        claim_factory(source, f"w{i}.", f"Claim {i}")
        if i in (0, 11):
            with CaptureQueriesContext(connection) as queries:
                assert editor_client.get(url).status_code == 200
            counts.append(len(queries))
    assert counts[0] == counts[1]
    assert editor_client.get(url).json()["total"] == 12


def test_a_page_past_the_end_is_400(editor_client, source):
    url = reverse("api:source-annotations", args=[source.pk])
    assert editor_client.get(url, {"page": 1}).json()["type"] == "AnnotationPage"
    assert editor_client.get(url, {"page": 2}).status_code == 400
    assert editor_client.get(url, {"page": "x"}).status_code == 400
