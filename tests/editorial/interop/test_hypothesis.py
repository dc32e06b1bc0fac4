"""Hypothesis annotations in and out: matched by address, placed by their quote, text as
claims or comments, tags as tags, replies as comments; the export checked against
Hypothesis's own annotation schema, and a round trip."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from editorial.claims import services as claim_services
from editorial.interop import addresses, hypothesis_format
from editorial.interop.services.hypothesis import import_hypothesis
from editorial.models import Claim, Comment, Highlight
from editorial.tags import services as tag_services

SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "hypothesis-annotation-schema.json").read_text()
)
TEXT = (
    "Ceasefire holds\nThe ceasefire began on Sunday. Hamas released 3 hostages and "
    "Israel freed 90 prisoners. Officials said the ceasefire began on Sunday morning."
)


def annotation(
    id_,
    exact,
    *,
    text="",
    tags=(),
    uri="https://www.example.com/ceasefire?utm_source=x#top",
    prefix="",
    suffix="",
    start=None,
    end=None,
    references=(),
):
    selectors = [
        {
            "type": "TextQuoteSelector",
            "exact": exact,
            "prefix": prefix,
            "suffix": suffix,
        }
    ]
    if start is not None:
        selectors.append({"type": "TextPositionSelector", "start": start, "end": end})
    return {
        "id": id_,
        "uri": uri,
        "text": text,
        "tags": list(tags),
        "user": "acct:reporter@hypothes.is",
        "references": list(references),
        "target": [{"source": uri, "selector": selectors}],
        "links": {"html": f"https://hypothes.is/a/{id_}"},
    }


@pytest.fixture
def source(source_factory):
    return source_factory(TEXT, url="https://example.com/ceasefire")


def test_addresses_compare_as_a_newsroom_means_them():
    same = {
        addresses.normalised(url)
        for url in [
            "https://www.example.com/story/?utm_source=tw&fbclid=1#comments",
            "http://m.example.com/story",
            "https://EXAMPLE.com:443/story",
        ]
    }
    assert same == {"example.com/story"}
    assert addresses.normalised("https://example.com/story?id=2") != "example.com/story"
    assert addresses.normalised("mailto:x@example.com") is None


def test_the_quote_decides_and_a_page_position_is_only_a_hint():
    body = TEXT.split("\n", 1)[1]
    page_counted = hypothesis_format.HypothesisAnnotation(
        id="a",
        uri="",
        text="",
        tags=(),
        parent=None,
        exact="3 hostages",
        start=900,
        end=910,
    )
    at = body.index("3 hostages")
    assert hypothesis_format.locate(body, page_counted) == (at, at + len("3 hostages"))
    twice = hypothesis_format.HypothesisAnnotation(
        id="b",
        uri="",
        text="",
        tags=(),
        parent=None,
        exact="the ceasefire began",
        prefix="Officials said ",
        suffix=" on Sunday morning",
    )
    second = body.index("the ceasefire began", body.index("Officials"))
    assert hypothesis_format.locate(body, twice)[0] == second


def test_an_export_file_becomes_claims_tags_and_comments(source, editor):
    data = {
        "export_date": "2026-12-01T10:00:00Z",
        "annotations": [
            annotation(
                "h1",
                "3 hostages",
                text="Hamas released three hostages",
                tags=["Hostages", "ceasefire"],
                start=999,
                end=1009,
            ),
            annotation("h2", "", text="I like this page"),
            annotation(
                "h3",
                "90 prisoners",
                text="Ninety prisoners were freed",
                uri="https://other.example/elsewhere",
            ),
            annotation("h4", "", text="Check with the ministry", references=["h1"]),
        ],
    }
    report = import_hypothesis(
        data=data, user=editor, reason="From our Hypothesis group"
    )
    claim = Claim.objects.get(statement="Hamas released three hostages")
    assert claim.links.get().highlight.exact == "3 hostages"
    assert sorted(t.tag.name for t in claim.taggings.all()) == ["ceasefire", "hostages"]
    assert claim.status == Claim.Status.UNVERIFIED  # tags are never statuses
    reply = Comment.objects.get(claim=claim)
    assert "Check with the ministry" in reply.body and "reporter" in reply.body
    refused = dict(report.refused)
    assert any("page note" in why for why in refused.values())
    assert any(
        "no source on the desk has the address" in why for why in refused.values()
    )
    assert len(report.imported) == 2
    highlight = claim.links.get().highlight
    assert highlight.canonical == "https://hypothes.is/a/h1"
    assert (
        highlight.history.first().history_change_reason == "From our Hypothesis group"
    )


def test_importing_the_same_file_again_adds_nothing(source, editor):
    data = {
        "rows": [
            annotation("h1", "3 hostages", text="Three hostages"),
            annotation("h2", "", text="Agreed", references=["h1"]),
        ]
    }
    import_hypothesis(data=data, user=editor)
    again = import_hypothesis(data=data, user=editor)
    assert again.imported == [] and len(again.matched) == 2
    assert Claim.objects.count() == 1 and Comment.objects.count() == 1


def test_text_can_become_a_comment_on_the_words(source, editor):
    import_hypothesis(
        data=[
            annotation(
                "h1",
                "90 prisoners",
                text="Source: the prison service",
                tags=["prisons"],
            )
        ],
        user=editor,
        text_as="comment",
    )
    highlight = Highlight.objects.get(exact="90 prisoners")
    assert "the prison service" in Comment.objects.get(highlight=highlight).body
    assert not Claim.objects.exists()
    assert [t.tag.name for t in source.taggings.all()] == ["prisons"]


def test_data_that_is_not_hypothesis_is_refused_and_changes_nothing(source, editor):
    with pytest.raises(ValidationError, match="Expected Hypothesis annotations"):
        import_hypothesis(data={"hello": "world"}, user=editor)
    assert not Highlight.objects.exists()


def test_the_export_is_what_hypothesis_takes(source, editor, client):
    claim = claim_services.claim_create(
        statement="3 hostages freed", user=editor, reason="x"
    )
    start = source.current_revision.body.index("3 hostages")
    from editorial.highlights.services import highlight_create

    highlight = highlight_create(
        source=source,
        start=start,
        end=start + 10,
        exact="3 hostages",
        user=editor,
        reason="x",
    )
    claim_services.claim_link_highlight(
        claim=claim, highlight=highlight, user=editor, reason="x"
    )
    tag_services.claim_set_tags(claim=claim, text="hostages", user=editor, reason="x")
    client.force_login(editor)
    answer = client.get(reverse("interop:hypothesis-export", args=[source.pk]))
    rows = answer.json()["rows"]
    assert len(rows) == 1
    for row in rows:
        jsonschema.validate(row, SCHEMA)
        assert row["uri"].strip()
    assert rows[0]["text"] == "3 hostages freed" and rows[0]["tags"] == ["hostages"]
    assert rows[0]["target"][0]["selector"][0]["exact"] == "3 hostages"


def test_an_export_comes_back_as_the_same_words_and_claims(source, editor, client):
    from editorial.highlights.services import highlight_delete

    import_hypothesis(
        data=[annotation("h1", "90 prisoners", text="Israel freed 90 prisoners")],
        user=editor,
    )
    client.force_login(editor)
    exported = client.get(reverse("interop:hypothesis-export", args=[source.pk])).json()
    claim = Claim.objects.get()
    highlight = Highlight.objects.get()
    highlight_delete(highlight=highlight, user=editor, reason="Start again")
    claim_services.claim_delete(claim=claim, user=editor, reason="Start again")
    report = import_hypothesis(data=exported, user=editor)
    assert len(report.imported) == 1, report
    assert Highlight.objects.get().exact == "90 prisoners"
    assert Claim.objects.get().statement == "Israel freed 90 prisoners"


def test_the_import_page_and_command(source, editor, client, tmp_path, user_factory):
    path = tmp_path / "export.json"
    path.write_text(json.dumps([annotation("h1", "3 hostages", text="Three hostages")]))
    call_command("import_hypothesis", str(path), "--user", editor.username)
    assert Claim.objects.filter(statement="Three hostages").exists()
    client.force_login(editor)
    page = client.post(
        reverse("interop:hypothesis-import"),
        {
            "pasted": json.dumps([annotation("h9", "90 prisoners", text="Ninety")]),
            "text_as": "claim",
            "reason": "Pasted",
        },
    )
    assert page.status_code == 200 and "1 imported" in page.content.decode()
    bad = client.post(
        reverse("interop:hypothesis-import"),
        {"pasted": "not json", "text_as": "claim", "reason": "x"},
    )
    assert bad.status_code == 400 and "This is not JSON" in bad.content.decode()
    client.force_login(user_factory("outsider"))
    assert client.get(reverse("interop:hypothesis-import")).status_code == 403
