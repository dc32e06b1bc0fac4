"""Highlights as W3C Web Annotations, and incoming annotations read back."""

import pytest
from django.core.exceptions import ValidationError

from editorial.claims import services as claim_services
from editorial.exports import annotation_parse, annotations
from editorial.highlights import services as highlight_services
from editorial.models import Claim, Highlight

from ..w3c import w3c_check

URLS = annotations.DeskUrls(base="https://desk.example/")


def loaded_highlights(**filters):
    return list(
        Highlight.objects.filter(**filters)
        .select_related("source", "created_by")
        .prefetch_related("links__claim")
        .order_by("pk")
    )


@pytest.fixture
def emoji_highlight(source_factory, editor, reviewer):
    """A highlight after an emoji, on a source without a URL, with a verdict and a support."""
    source = source_factory("Emoji 😀 title\nThe minister 🇬🇧 said 26 nations joined.")
    body = source.current_revision.body
    start = body.index("26 nations")
    highlight = highlight_services.highlight_create(
        source=source,
        start=start,
        end=start + len("26 nations"),
        exact="26 nations",
        user=editor,
        reason="test",
    )
    first = claim_services.claim_create(
        statement="26 nations joined.", user=editor, reason="test"
    )
    second = claim_services.claim_create(
        statement="The coalition grew.", user=editor, reason="test"
    )
    claim_services.claim_link_highlight(
        claim=first, highlight=highlight, user=editor, reason="t"
    )
    claim_services.claim_link_highlight(
        claim=second, highlight=highlight, stance="support", user=editor, reason="t"
    )
    claim_services.claim_set_status(
        claim=first, status="false", verdict_note="Only 20.", user=reviewer, reason="t"
    )
    return highlight


def test_every_demo_highlight_passes_the_w3c_checker_in_a_paged_collection(
    shipped_desk, tmp_path
):
    highlights = loaded_highlights()
    collection_id = "https://desk.example/export/annotations.jsonld"

    def document(number):
        index = (number or 1) - 1
        return annotations.highlights_collection(
            highlights[index * 3 : index * 3 + 3],
            URLS,
            total=len(highlights),
            collection_id=collection_id,
            label="Every highlight",
            number=number,
            page_size=3,
        )

    collection = document(None)
    w3c_check(collection, tmp_path)
    assert collection["total"] == len(highlights) >= 8
    assert collection["first"]["id"] == f"{collection_id}?page=1"
    pages, page = [collection["first"]], collection["first"]
    while "next" in page:
        number = int(page["next"].rsplit("=", 1)[1])
        page = document(number)
        w3c_check(page, tmp_path, name=f"page{number}.json")
        assert page["partOf"] == collection_id
        assert page["prev"] == pages[-1]["id"]
        pages.append(page)
    assert collection["last"] == pages[-1]["id"]
    assert [p["startIndex"] for p in pages] == list(range(0, len(highlights), 3))
    walked = [item["canonical"] for p in pages for item in p["items"]]
    assert walked == [f"urn:uuid:{h.uid}" for h in highlights]


def test_each_demo_annotation_passes_the_w3c_checker_on_its_own(shipped_desk, tmp_path):
    for highlight in loaded_highlights():
        w3c_check(annotations.highlight_annotation(highlight, URLS), tmp_path)


def test_an_annotation_targets_the_desk_page_with_both_selectors_in_code_points(
    emoji_highlight, tmp_path
):
    (highlight,) = loaded_highlights(pk=emoji_highlight.pk)
    annotation = annotations.highlight_annotation(highlight, URLS)
    w3c_check(annotation, tmp_path)
    assert annotation["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert annotation["type"] == "Annotation"
    assert annotation["id"] == f"https://desk.example/api/annotations/{highlight.pk}/"
    assert annotation["canonical"] == f"urn:uuid:{highlight.uid}"
    target = annotation["target"]
    assert target["source"] == f"https://desk.example/sources/{highlight.source_id}/"
    quote, position = target["selector"]
    body = highlight.source.current_revision.body
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": "26 nations",
        "prefix": body[: position["start"]][-32:],
        "suffix": body[position["end"] :][:32],
    }
    # Code points: the emoji before the words count one each, not two as in UTF-16.
    assert position == {
        "type": "TextPositionSelector",
        "start": body.index("26 nations"),
        "end": body.index("26 nations") + 10,
    }
    assert body[position["start"] : position["end"]] == "26 nations"


def test_an_annotation_carries_each_claim_statement_status_stance_and_url(
    emoji_highlight,
):
    (highlight,) = loaded_highlights(pk=emoji_highlight.pk)
    annotation = annotations.highlight_annotation(highlight, URLS)
    first, second = Claim.objects.order_by("pk")
    assert annotation["motivation"] == "assessing"
    assert annotation["body"] == [
        {
            "type": "TextualBody",
            "purpose": "describing",
            "value": "26 nations joined.",
            "format": "text/plain",
            "claim": f"https://desk.example/claims/{first.pk}/",
            "stance": "assert",
            "status": "false",
            "verdictNote": "Only 20.",
        },
        {
            "type": "TextualBody",
            "purpose": "describing",
            "value": "The coalition grew.",
            "format": "text/plain",
            "claim": f"https://desk.example/claims/{second.pk}/",
            "stance": "support",
            "status": "unverified",
        },
    ]
    assert annotation["creator"] == {"type": "Person", "name": "ed", "nickname": "ed"}
    assert annotation["created"].endswith("Z")
    # The verdict came after the highlight, so the annotation was modified then.
    assert annotation["modified"] == annotations.w3c_datetime(first.reviewed_at)
    assert annotation["modified"] >= annotation["created"]


def test_an_annotation_targets_the_article_url_when_the_source_has_one(
    source_factory, editor, tmp_path
):
    source = source_factory("Title\nWords here.", url="https://news.example/a")
    highlight_services.highlight_create(
        source=source, start=6, end=11, exact="Words", user=editor, reason="t"
    )
    (highlight,) = loaded_highlights(source=source)
    annotation = annotations.highlight_annotation(highlight, URLS)
    w3c_check(annotation, tmp_path)
    assert annotation["target"]["source"] == "https://news.example/a"
    assert annotation["motivation"] == "highlighting"
    assert "body" not in annotation


def test_building_annotations_queries_nothing_once_loaded(
    shipped_desk, django_assert_num_queries
):
    highlights = loaded_highlights()
    with django_assert_num_queries(0):
        annotations.highlights_collection(
            highlights,
            URLS,
            total=len(highlights),
            collection_id="https://desk.example/x",
            label="x",
        )


def test_an_empty_collection_still_passes_the_checker(db, tmp_path):
    collection = annotations.highlights_collection(
        [], URLS, total=0, collection_id="https://desk.example/x", label="Nothing yet"
    )
    w3c_check(collection, tmp_path)
    assert collection["total"] == 0 and collection["first"]["items"] == []


def test_a_single_page_links_its_neighbours_by_url():
    page = annotations.annotation_page(
        collection_id="https://desk.example/c",
        items=[],
        number=2,
        page_count=3,
        start_index=100,
        context=True,
    )
    assert page["id"] == "https://desk.example/c?page=2"
    assert page["prev"] == "https://desk.example/c?page=1"
    assert page["next"] == "https://desk.example/c?page=3"
    assert page["@context"] == annotations.ANNO_CONTEXT


# Reading annotations back ----------------------------------------------------------


def test_an_exported_annotation_reads_back_as_the_same_span_source_and_claims(
    emoji_highlight,
):
    (highlight,) = loaded_highlights(pk=emoji_highlight.pk)
    exported = annotations.highlight_annotation(highlight, URLS)
    parsed = annotation_parse.parse_annotation(exported, base=URLS.base)
    first, second = Claim.objects.order_by("pk")
    assert (parsed.source_id, parsed.source_url) == (highlight.source_id, None)
    assert (parsed.start, parsed.end, parsed.exact) == (
        highlight.start,
        highlight.end,
        highlight.exact,
    )
    assert (parsed.prefix, parsed.suffix) == (highlight.prefix, highlight.suffix)
    assert parsed.uid == highlight.uid
    assert [(c.claim_id, c.statement, c.stance, c.status) for c in parsed.claims] == [
        (first.pk, None, "assert", "false"),
        (second.pk, None, "support", "unverified"),
    ]
    body = highlight.revision.body
    assert annotation_parse.resolve_span(body, parsed) == (
        highlight.start,
        highlight.end,
        "26 nations",
    )


def test_another_desks_annotation_becomes_new_claims_on_the_article_url():
    incoming = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "body": [
            {
                "type": "TextualBody",
                "purpose": "describing",
                "value": " 26 nations joined. ",
                "claim": "https://other.example/claims/4/",
                "stance": "contradict",
                "status": "verified",
                "verdictNote": "The roster lists 26.",
            },
        ],
        "target": {
            "source": "https://news.example/a",
            "selector": {"type": "TextQuoteSelector", "exact": "26 nations"},
        },
    }
    parsed = annotation_parse.parse_annotation(incoming, base=URLS.base)
    assert (parsed.source_id, parsed.source_url) == (None, "https://news.example/a")
    assert (parsed.start, parsed.end, parsed.exact) == (None, None, "26 nations")
    (claim,) = parsed.claims
    assert (
        claim.claim_id,
        claim.statement,
        claim.stance,
        claim.status,
        claim.verdict_note,
    ) == (None, "26 nations joined.", "contradict", "verified", "The roster lists 26.")


@pytest.mark.parametrize(
    "source",
    ["/sources/7/", "/sources/7", "https://desk.example/sources/7/"],
)
def test_the_desk_page_of_a_source_is_read_absolute_or_relative(source):
    parsed = annotation_parse.parse_annotation(
        {
            "bodyValue": "A statement.",
            "target": {
                "source": source,
                "selector": {"type": "TextPositionSelector", "start": 0, "end": 4},
            },
        },
        base=URLS.base,
    )
    assert parsed.source_id == 7
    assert parsed.claims == [
        annotation_parse.ParsedClaim(claim_id=None, statement="A statement.")
    ]


@pytest.mark.parametrize(
    "body",
    [
        "/claims/12/",
        {"id": "https://desk.example/claims/12/"},
        {"type": "SpecificResource", "source": "/claims/12/", "stance": "mention"},
    ],
)
def test_a_body_may_only_reference_an_existing_claim_by_its_url(body):
    parsed = annotation_parse.parse_annotation(
        {
            "body": body,
            "target": {
                "source": "/sources/1/",
                "selector": {"type": "TextPositionSelector", "start": 0, "end": 4},
            },
        },
        base=URLS.base,
    )
    (claim,) = parsed.claims
    assert claim.claim_id == 12 and claim.statement is None
    assert claim.stance == (
        "mention" if isinstance(body, dict) and "stance" in body else "assert"
    )


def errors_of(data) -> dict:
    with pytest.raises(ValidationError) as caught:
        annotation_parse.parse_annotation(data, base=URLS.base)
    return caught.value.message_dict


def test_bad_input_gets_a_message_for_each_field():
    errors = errors_of(
        {
            "@context": "http://example.com/other",
            "type": "Note",
            "body": [
                {
                    "type": "TextualBody",
                    "purpose": "describing",
                    "value": "x",
                    "stance": "agrees",
                },
                {"type": "TextualBody", "status": "true", "value": "y"},
            ],
            "target": {
                "source": "ftp://files.example/a",
                "selector": {"type": "TextPositionSelector", "start": -1, "end": "4"},
            },
        }
    )
    assert set(errors) == {
        "@context",
        "type",
        "target.source",
        "target.selector.start",
        "target.selector.end",
        "body[0].stance",
        "body[1].status",
    }
    assert "agrees" in errors["body[0].stance"][0]
    assert "not a status" in errors["body[1].status"][0]


def test_an_annotation_without_a_body_is_a_plain_highlight():
    parsed = annotation_parse.parse_annotation(
        {
            "target": {
                "source": "/sources/1/",
                "selector": {"type": "TextPositionSelector", "start": 0, "end": 5},
            }
        },
        base=URLS.base,
    )
    assert parsed.claims == [] and (parsed.start, parsed.end) == (0, 5)


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ([], "annotation", "JSON object"),
        ({"bodyValue": "x"}, "target", "missing"),
        (
            {"bodyValue": "x", "target": "/sources/1/"},
            "target.selector",
            "Select words",
        ),
        (
            {
                "bodyValue": "x",
                "target": [{"source": "/sources/1/"}, {"source": "/sources/2/"}],
            },
            "target",
            "single target",
        ),
        (
            {
                "target": {
                    "source": "/sources/1/",
                    "selector": {"type": "TextPositionSelector", "start": 5, "end": 5},
                }
            },
            "target.selector.end",
            "empty or reversed",
        ),
        (
            {
                "body": {"id": "https://other.example/claims/3/"},
                "target": {
                    "source": "/sources/1/",
                    "selector": {"type": "TextPositionSelector", "start": 0, "end": 5},
                },
            },
            "body",
            "not on this desk",
        ),
        (
            {
                "bodyValue": "  ",
                "target": {
                    "source": "/sources/1/",
                    "selector": {"type": "TextPositionSelector", "start": 0, "end": 5},
                },
            },
            "bodyValue",
            "statement",
        ),
        (
            {
                "bodyValue": "x",
                "body": {"type": "TextualBody", "value": "y"},
                "target": {
                    "source": "/sources/1/",
                    "selector": {"type": "TextPositionSelector", "start": 0, "end": 5},
                },
            },
            "body",
            "not both",
        ),
        (
            {
                "bodyValue": "x",
                "target": {
                    "source": "/sources/1/",
                    "selector": {"type": "TextQuoteSelector", "exact": " "},
                },
            },
            "target.selector.exact",
            "missing",
        ),
    ],
)
def test_each_kind_of_bad_input_is_named(data, field, words):
    errors = errors_of(data)
    assert field in errors, errors
    assert words in " ".join(errors[field])


def parsed_span(**values):
    defaults = {
        "source_id": 1,
        "source_url": None,
        "start": None,
        "end": None,
        "exact": None,
        "prefix": "",
        "suffix": "",
    }
    return annotation_parse.ParsedAnnotation(**{**defaults, **values})


BODY = "The cat sat. The cat ran. A dog."


def test_a_quote_alone_is_found_when_it_occurs_once_or_its_context_decides():
    assert annotation_parse.resolve_span(BODY, parsed_span(exact="dog")) == (
        28,
        31,
        "dog",
    )
    assert annotation_parse.resolve_span(
        BODY, parsed_span(exact="cat", prefix="sat. The ", suffix=" ran")
    ) == (17, 20, "cat")


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"exact": "cat"}, "target.selector.exact", "occur 2 times"),
        ({"exact": "bird"}, "target.selector.exact", "not in the source"),
        (
            {"start": 0, "end": 3, "exact": "Dog"},
            "target.selector.exact",
            "does not match",
        ),
        ({"start": 30, "end": 40}, "target.selector.end", "past the end"),
    ],
)
def test_a_span_that_does_not_fit_the_body_is_refused_by_field(values, field, words):
    with pytest.raises(ValidationError) as caught:
        annotation_parse.resolve_span(BODY, parsed_span(**values))
    assert words in caught.value.message_dict[field][0]
