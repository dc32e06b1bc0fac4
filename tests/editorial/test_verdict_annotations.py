"""A tag in an annotation is never a status; a status sent in one follows the verdict rules.

The desk writes a claim's status in its own ``status`` key on the describing body (with
``verdictNote`` for a verdict) and reads it back only from there. A ``tagging`` body
is free text: it is skipped, so a reviewer's tag ``false`` sets no verdict.
"""

import pytest
from django.urls import reverse

from editorial.claims import services as claim_services
from editorial.exports import annotation_parse, annotations
from editorial.highlights import services as highlight_services
from editorial.models import Claim, Highlight
from tests.w3c import w3c_check

ANNO = "http://www.w3.org/ns/anno.jsonld"
LD_JSON = f'application/ld+json; profile="{ANNO}"'
URLS = annotations.DeskUrls(base="https://desk.example/")
TEXT = "Paris report\nBritish Prime Minister Rishi Sunak arrived in Paris."
WORDS = "British Prime Minister Rishi Sunak"


@pytest.fixture
def source(source_factory):
    return source_factory(TEXT)


def annotation(source, *bodies, **extra):
    start = TEXT.index(WORDS)
    return {
        "@context": ANNO,
        "type": "Annotation",
        "body": list(bodies),
        "target": {
            "source": f"/sources/{source.pk}/",
            "selector": {
                "type": "TextPositionSelector",
                "start": start,
                "end": start + len(WORDS),
            },
        },
        **extra,
    }


STATEMENT = {
    "type": "TextualBody",
    "purpose": "describing",
    "value": "Rishi Sunak was British prime minister on 6 January 2026.",
}


def post(client, data):
    return client.post(reverse("api:annotations"), data, content_type=LD_JSON)


def test_a_reviewers_tag_false_sets_no_verdict(reviewer_client, source):
    response = post(
        reviewer_client,
        annotation(
            source,
            STATEMENT,
            {"type": "TextualBody", "purpose": "tagging", "value": "false"},
        ),
    )
    assert response.status_code == 201, response.content
    claim = Claim.objects.get()
    assert (claim.status, claim.reviewed_by) == ("unverified", None)


def test_a_tag_is_not_read_as_a_status_nor_refused_as_one():
    parsed = annotation_parse.parse_annotation(
        {
            "body": [
                STATEMENT,
                {"type": "TextualBody", "purpose": "tagging", "value": "politics"},
            ],
            "target": {
                "source": "/sources/1/",
                "selector": {"type": "TextPositionSelector", "start": 0, "end": 4},
            },
        },
        base=URLS.base,
    )
    (claim,) = parsed.claims
    assert (claim.statement, claim.status) == (STATEMENT["value"], None)


def test_a_verdict_in_an_annotation_needs_its_note(reviewer_client, source):
    response = post(
        reviewer_client,
        annotation(source, {**STATEMENT, "status": "false"}, reason="Checked"),
    )
    assert response.status_code == 400
    assert "verdict_note" in response.json()
    assert not Claim.objects.exists() and not Highlight.objects.exists()


def test_a_verdict_in_an_annotation_needs_a_reason(reviewer_client, source):
    response = post(
        reviewer_client,
        annotation(source, {**STATEMENT, "status": "false", "verdictNote": "Starmer."}),
    )
    assert response.status_code == 400
    assert "reason" in response.json()
    assert not Claim.objects.exists()


def test_an_editors_verdict_in_an_annotation_is_refused(editor_client, source):
    response = post(
        editor_client,
        annotation(
            source,
            {**STATEMENT, "status": "false", "verdictNote": "Starmer."},
            reason="Checked",
        ),
    )
    assert response.status_code == 403
    assert not Claim.objects.exists()


def test_a_reviewer_gives_a_verdict_with_note_and_reason_in_an_annotation(
    reviewer_client, reviewer, source
):
    response = post(
        reviewer_client,
        annotation(
            source,
            {**STATEMENT, "status": "false", "verdictNote": "Starmer since 2024."},
            reason="Checked against GOV.UK",
        ),
    )
    assert response.status_code == 201, response.content
    claim = Claim.objects.get()
    assert (claim.status, claim.verdict_note, claim.reviewed_by) == (
        "false",
        "Starmer since 2024.",
        reviewer,
    )
    assert claim.history.first().history_change_reason == "Checked against GOV.UK"


def test_the_export_carries_the_status_on_the_describing_body_and_reads_back(
    source, editor, reviewer, tmp_path
):
    start = TEXT.index(WORDS)
    highlight = highlight_services.highlight_create(
        source=source,
        start=start,
        end=start + len(WORDS),
        exact=WORDS,
        user=editor,
        reason="t",
    )
    claim = claim_services.claim_create(
        statement=STATEMENT["value"], user=editor, reason="t"
    )
    claim_services.claim_link_highlight(
        claim=claim, highlight=highlight, user=editor, reason="t"
    )
    claim_services.claim_set_status(
        claim=claim, status="false", verdict_note="Starmer.", user=reviewer, reason="t"
    )
    loaded = (
        Highlight.objects.select_related("source", "created_by")
        .prefetch_related("links__claim")
        .get()
    )
    document = annotations.highlight_annotation(loaded, URLS)
    w3c_check(document, tmp_path)
    (body,) = document["body"]
    assert (body["purpose"], body["status"], body["verdictNote"]) == (
        "describing",
        "false",
        "Starmer.",
    )
    (parsed,) = annotation_parse.parse_annotation(
        {**document, "body": [{**body, "claim": "https://other.example/claims/1/"}]},
        base=URLS.base,
    ).claims
    assert (parsed.status, parsed.verdict_note) == ("false", "Starmer.")
