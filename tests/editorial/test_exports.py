"""The export page and downloads: W3C annotations, ClaimReview, the claims spreadsheet, fixtures."""

import csv
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from editorial.claims import services as claim_services
from editorial.exports import annotations, claimreview, claims_csv
from editorial.highlights import services as highlight_services
from editorial.models import Claim, ClaimHighlight, Highlight
from sources.models import Source

from ..w3c import w3c_check


def body_of(response) -> bytes:
    if response.streaming:
        return b"".join(
            part if isinstance(part, bytes) else part.encode()
            for part in response.streaming_content
        )
    return response.content


# W3C annotations --------------------------------------------------------------------


def test_every_exported_annotation_passes_the_w3c_checker(
    shipped_desk, editor_client, tmp_path, django_assert_max_num_queries
):
    url = reverse("export:annotations")
    response = editor_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
    )
    collection = response.json()
    w3c_check(collection, tmp_path)
    assert collection["id"] == f"http://testserver{url}"
    assert collection["total"] == Highlight.objects.count()
    items = collection["first"]["items"]
    assert len(items) == Highlight.objects.count()
    for item in items:
        target = item["target"]
        source = Source.objects.get(highlights__uid=item["canonical"][9:])
        assert target["source"] == (
            source.url or f"http://testserver/sources/{source.pk}/"
        )
        assert [s["type"] for s in target["selector"]] == [
            "TextQuoteSelector",
            "TextPositionSelector",
        ]
        assert {b["purpose"] for b in item["body"]} == {"describing"}
        assert item["creator"]["nickname"] == "editor"
        assert item["created"] and item["modified"]
    sunak = next(
        i for i in items if i["target"]["selector"][0]["exact"].endswith("Rishi Sunak")
    )
    assert [(b["value"], b["status"]) for b in sunak["body"]] == [
        ("Rishi Sunak was British prime minister on 6 January 2026.", "false")
    ]


def test_the_annotation_export_pages_and_each_page_passes_the_checker(
    shipped_desk, editor_client, tmp_path, monkeypatch
):
    monkeypatch.setattr(annotations, "DEFAULT_PAGE_SIZE", 3)
    url = reverse("export:annotations")
    collection = editor_client.get(url).json()
    assert collection["first"]["next"] == f"http://testserver{url}?page=2"
    seen = [item["id"] for item in collection["first"]["items"]]
    page = collection["first"]
    while "next" in page:
        page = editor_client.get(page["next"]).json()
        w3c_check(page, tmp_path, name="page.json")
        seen += [item["id"] for item in page["items"]]
    assert len(seen) == len(set(seen)) == Highlight.objects.count()
    assert page["id"] == collection["last"]
    too_far = editor_client.get(url, {"page": 99})
    assert too_far.status_code == 400 and "no page 99" in too_far.json()["page"][0]
    assert editor_client.get(url, {"page": "x"}).status_code == 400


def test_the_export_takes_a_fixed_number_of_queries(
    shipped_desk, editor_client, source_factory, editor, django_assert_num_queries
):
    url = reverse("export:annotations")
    editor_client.get(url)  # session and user loaded once
    with django_assert_num_queries(5) as first:
        editor_client.get(url)
    source = source_factory("More\nwords and words and more words.")
    for start in range(5, 20, 5):
        highlight = highlight_services.highlight_create(
            source=source, start=start, end=start + 4, user=editor, reason="t"
        )
        claim = claim_services.claim_create(
            statement=f"S{start}", user=editor, reason="t"
        )
        claim_services.claim_link_highlight(
            claim=claim, highlight=highlight, user=editor, reason="t"
        )
    with django_assert_num_queries(len(first.captured_queries)):
        editor_client.get(url)


def test_an_annotation_is_modified_when_any_of_its_claims_changes(
    shipped_desk, editor, editor_client
):
    claim = Claim.objects.get(status="unverified")
    claim = claim_services.claim_set_status(
        claim=claim, status="in_review", user=editor, reason="Checking"
    )
    changed = claim.history.latest("history_date").history_date
    item = exported_item(
        editor_client,
        lambda i: any(b.get("value") == claim.statement for b in i.get("body", [])),
    )
    assert item["modified"] == annotations.w3c_datetime(changed)
    untouched = exported_item(
        editor_client, lambda i: "Rishi Sunak" in i["target"]["selector"][0]["exact"]
    )
    # Untouched since loading: its last change is the latest of its highlight's, its
    # links' and its claim's loading rows (which may fall in different seconds).
    sunak = Claim.objects.get(status="false")
    highlight = sunak.highlights.get()
    loaded = max(
        row.history_date
        for row in [
            highlight.history.latest("history_date"),
            ClaimHighlight.history.filter(highlight_id=highlight.pk).latest(
                "history_date"
            ),
            sunak.history.latest("history_date"),
        ]
    )
    assert untouched["modified"] == annotations.w3c_datetime(loaded)


def test_one_sources_annotations_target_only_that_source(
    shipped_desk, editor_client, tmp_path
):
    source = Source.objects.filter(highlights__isnull=False).distinct().first()
    url = reverse("export:source-annotations", args=[source.pk])
    assert (
        editor_client.get(
            reverse("export:source-annotations-pick"), {"source": source.pk}
        ).url
        == url
    )
    collection = editor_client.get(url).json()
    w3c_check(collection, tmp_path)
    assert collection["total"] == source.highlights.count()
    assert {i["target"]["source"] for i in collection["first"]["items"]} == {
        source.url or f"http://testserver/sources/{source.pk}/"
    }
    assert (
        editor_client.get(
            reverse("export:source-annotations", args=[999999])
        ).status_code
        == 404
    )
    assert (
        editor_client.get(
            reverse("export:source-annotations-pick"), {"source": "nope"}
        ).status_code
        == 404
    )


def exported_item(client, predicate):
    collection = client.get(reverse("export:annotations")).json()
    return next(i for i in collection["first"]["items"] if predicate(i))


def post_annotation(client, item):
    return client.post(
        reverse("api:annotations"),
        data=json.dumps({"@context": annotations.ANNO_CONTEXT, **item}),
        content_type="application/ld+json",
    )


def test_an_exported_annotation_posted_back_restores_the_words_and_their_claim(
    shipped_desk, editor, editor_client
):
    """Round trip through POST /api/annotations/: export, lose the highlight, post it back."""
    item = exported_item(editor_client, lambda i: "body" in i)
    highlight = Highlight.objects.get(uid=item["canonical"][9:])
    claim, stance = highlight.links.values_list("claim", "stance").get()
    highlight_services.highlight_delete(highlight=highlight, user=editor, reason="Lost")
    response = post_annotation(editor_client, item)
    assert response.status_code == 201, response.content
    stored = response.json()
    assert stored["target"] == item["target"]
    assert stored["body"] == item["body"]
    restored = Highlight.objects.get(pk=stored["id"].rstrip("/").rsplit("/", 1)[1])
    assert (restored.start, restored.end, restored.exact) == (
        highlight.start,
        highlight.end,
        highlight.exact,
    )
    assert restored.links.values_list("claim", "stance").get() == (claim, stance)


def test_another_desks_exported_annotation_becomes_a_new_claim_here(
    shipped_desk, editor_client
):
    item = exported_item(editor_client, lambda i: "body" in i)
    for body in item["body"]:
        body["claim"] = body["claim"].replace(
            "http://testserver/", "https://other-desk.example/"
        )
    before = Claim.objects.count()
    response = post_annotation(editor_client, item)
    assert response.status_code == 201, response.content
    assert Claim.objects.count() == before + 1
    new = Claim.objects.latest("pk")
    assert new.statement == item["body"][0]["value"]
    assert new.highlights.get().exact == item["target"]["selector"][0]["exact"]


def test_the_exports_need_a_login(client, shipped_desk):
    for name in ["export:index", "export:annotations", "export:claims-csv"]:
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response.url


# ClaimReview -------------------------------------------------------------------------


def verdict_claims():
    return Claim.objects.filter(status__in=list(claimreview.RATINGS))


def test_every_claim_with_a_verdict_has_a_claimreview_with_the_required_fields(
    shipped_desk, reviewer, reviewer_client, settings
):
    settings.EDITORIAL_ORGANISATION = "Desk & Co <Checks>"
    witkoff = Claim.objects.get(statement__startswith="Steve Witkoff")
    claim_services.claim_set_status(
        claim=witkoff,
        status="verified",
        verdict_note="The Élysée's statement lists him.",
        user=reviewer,
        reason="Élysée statement",
    )
    claims = list(verdict_claims())
    assert len(claims) == 2
    for claim in claims:
        response = reviewer_client.get(reverse("export:claimreview", args=[claim.pk]))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/ld+json")
        review = response.json()
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == claim.statement
        assert review["url"] == f"http://testserver/claims/{claim.pk}/"
        assert review["author"] == {
            "@type": "Organization",
            "name": "Desk & Co <Checks>",
        }
        assert review["datePublished"] == claim.reviewed_at.date().isoformat()
        rating = review["reviewRating"]
        assert (rating["bestRating"], rating["worstRating"]) == (5, 1)
        value, words = claimreview.RATINGS[claim.status]
        assert (rating["ratingValue"], rating["alternateName"]) == (value, words)
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        stating = claim.links.filter(stance="assert").select_related(
            "highlight__source"
        )
        assert len(item["appearance"]) == stating.count() >= 1
        for link, appearance in zip(stating, item["appearance"], strict=False):
            source = link.highlight.source
            assert appearance.get("url", source.title) == (source.url or source.title)
            assert appearance["headline"] == source.title
            assert appearance["text"] == link.highlight.exact
    sunak = reviewer_client.get(
        reverse("export:claimreview", args=[Claim.objects.get(status="false").pk])
    ).json()
    assert sunak["reviewRating"]["alternateName"] == "False"
    assert sunak["reviewBody"].startswith("Keir Starmer")
    assert sunak["itemReviewed"]["appearance"][0]["datePublished"] == "2026-01-06"


def test_the_rating_scale_orders_verdicts_from_false_to_true():
    values = [claimreview.RATINGS[s][0] for s in ("false", "misleading", "verified")]
    assert values == sorted(values)
    assert set(claimreview.RATINGS) == set(Claim.VERDICTS)
    for value, _ in claimreview.RATINGS.values():
        assert claimreview.WORST_RATING <= value <= claimreview.BEST_RATING


def test_a_claim_without_a_verdict_has_no_claimreview(shipped_desk, editor_client):
    claim = Claim.objects.get(status="in_review")
    response = editor_client.get(reverse("export:claimreview", args=[claim.pk]))
    assert response.status_code == 404
    assert (
        editor_client.get(reverse("export:claimreview", args=[999999])).status_code
        == 404
    )


def test_the_claimreview_export_lists_every_verdict_once(shipped_desk, editor_client):
    response = editor_client.get(reverse("export:claimreviews"))
    document = response.json()
    assert document["@context"] == "https://schema.org"
    assert [r["claimReviewed"] for r in document["@graph"]] == [
        c.statement for c in verdict_claims().order_by("pk")
    ]
    assert all(r["@type"] == "ClaimReview" for r in document["@graph"])


def test_the_claim_page_embeds_its_claimreview_escaped(
    shipped_desk, reviewer, reviewer_client
):
    claim = Claim.objects.get(status="false")
    claim_services.claim_update(
        claim=claim,
        verdict_note="</script><script>alert(1)</script> & more",
        user=reviewer,
        reason="test",
    )
    html = reviewer_client.get(reverse("claims:detail", args=[claim.pk])).content
    html = html.decode()
    assert html.count('<script type="application/ld+json">') == 1
    block = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in block and "&" not in block.replace("\\u0026", "")
    review = json.loads(block)
    assert review["reviewBody"] == "</script><script>alert(1)</script> & more"
    assert review["claimReviewed"] == claim.statement


def test_a_claim_page_without_a_verdict_embeds_nothing(shipped_desk, editor_client):
    claim = Claim.objects.get(status="in_review")
    html = editor_client.get(reverse("claims:detail", args=[claim.pk])).content
    assert b"application/ld+json" not in html


# The claims spreadsheet -------------------------------------------------------------


def test_the_spreadsheet_has_a_row_per_claim_and_highlight_with_a_bom(
    shipped_desk, editor_client, editor
):
    lonely = claim_services.claim_create(
        statement="No words yet", user=editor, reason="t"
    )
    response = editor_client.get(reverse("export:claims-csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="claims-')
    data = body_of(response)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == claims_csv.HEADER
    expected = sum(max(1, c.links.count()) for c in Claim.objects.all())
    assert len(rows) - 1 == expected
    sunak = next(r for r in rows if "Rishi Sunak was" in r[1])
    highlight = Claim.objects.get(pk=sunak[0]).highlights.get()
    assert sunak[2:] == [
        "false",
        Claim.objects.get(pk=sunak[0]).verdict_note,
        highlight.source.title,
        "2026-01-06",
        "British Prime Minister Rishi Sunak",
        str(highlight.start),
        str(highlight.end),
        "reviewer",
        sunak[10],
        "",
    ]
    last = Claim.history.filter(id=sunak[0]).latest("history_date").history_date
    assert sunak[10] == last.isoformat()
    assert next(r for r in rows if r[1] == "No words yet")[4:9] == [""] * 5
    assert str(lonely.pk) in {r[0] for r in rows}


@pytest.mark.parametrize(
    "statement", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"]
)
def test_the_spreadsheet_escapes_formulas(
    statement, source_factory, editor, editor_client
):
    source = source_factory("T\n=cmd|' /C calc'!A0 and more")
    highlight = highlight_services.highlight_create(
        source=source, start=2, end=20, user=editor, reason="t"
    )
    claim = claim_services.claim_create(statement=statement, user=editor, reason="t")
    claim_services.claim_link_highlight(
        claim=claim, highlight=highlight, user=editor, reason="t"
    )
    data = body_of(editor_client.get(reverse("export:claims-csv"))).decode("utf-8-sig")
    (row,) = list(csv.reader(io.StringIO(data)))[1:]
    assert row[1] == "'" + statement
    assert row[6] == "'=cmd|' /C calc'!A0"
    assert row[7] == "2"  # numbers stay numbers


def test_cells_that_cannot_run_stay_as_they_are():
    assert claims_csv.spreadsheet_cell("26 nations") == "26 nations"
    assert claims_csv.spreadsheet_cell("a=b") == "a=b"
    assert claims_csv.spreadsheet_cell(None) == ""
    assert claims_csv.spreadsheet_cell(7) == 7
    assert claims_csv.spreadsheet_cell("\t=1") == "'\t=1"
    assert claims_csv.spreadsheet_cell("\r=1") == "'\r=1"


# Fixtures from the web and the admin ------------------------------------------------


def zipped(response) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(body_of(response)))
    return {name: archive.read(name) for name in archive.namelist()}


def test_reviewers_download_the_same_fixtures_as_the_command(
    shipped_desk, reviewer_client, tmp_path
):
    from .fixture_helpers import exported

    response = reviewer_client.get(reverse("export:fixtures"))
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert zipped(response) == exported(tmp_path)
    with_history = zipped(
        reviewer_client.get(reverse("export:fixtures"), {"history": "1"})
    )
    assert with_history == exported(tmp_path / "h", with_history=True)


def test_editors_cannot_download_the_fixtures(shipped_desk, editor_client):
    response = editor_client.get(reverse("export:fixtures"))
    assert response.status_code == 403
    page = editor_client.get(reverse("export:index")).content.decode()
    assert "Only reviewers can download the fixtures" in page
    assert reverse("export:fixtures") not in page


def test_the_export_page_offers_every_download(shipped_desk, reviewer_client):
    page = reviewer_client.get(reverse("export:index")).content.decode()
    for name in [
        "export:fixtures",
        "export:annotations",
        "export:claimreviews",
        "export:claims-csv",
    ]:
        assert reverse(name) in page
    assert "Unverifiable" in page and "<td>3</td>" in page


def test_superusers_download_the_fixtures_from_the_admin(
    shipped_desk, client, user_factory, tmp_path
):
    from .fixture_helpers import exported

    admin = user_factory("boss", is_staff=True, is_superuser=True)
    client.force_login(admin)
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin-export") in index
    page = client.get(reverse("admin-export"))
    assert page.status_code == 200 and b"Download fixtures" in page.content
    files = zipped(client.get(reverse("admin-export"), {"download": "1"}))
    assert files == exported(tmp_path)


def test_staff_who_are_not_superusers_cannot_download_from_the_admin(
    shipped_desk, client, user_factory
):
    client.force_login(user_factory("clerk", is_staff=True))
    assert client.get(reverse("admin-export"), {"download": "1"}).status_code == 403


@pytest.mark.parametrize("name", ["export:claimreviews", "export:claims-csv"])
def test_the_claim_exports_take_a_fixed_number_of_queries(
    name, shipped_desk, reviewer, reviewer_client, claim_factory, source_factory
):
    url = reverse(name)
    body_of(reviewer_client.get(url))  # session and user loaded once
    with CaptureQueriesContext(connection) as first:
        body_of(reviewer_client.get(url))
    source = source_factory("More\nwords and words and more words.")
    for words in ["words and", "and more", "more words"]:
        claim_factory(source, words, status="false", status_by=reviewer)
    with CaptureQueriesContext(connection) as second:
        body_of(reviewer_client.get(url))
    assert len(second.captured_queries) == len(first.captured_queries)


def test_an_annotation_is_modified_when_its_claim_changes_long_after_the_words(
    source_factory, editor, editor_client
):
    """The claims' part of the modified time follows the highlight's own links, however
    far apart in time the words and the claim's change are."""
    source = source_factory("One\nFirst words here. Second words there.")
    later = timezone.now() + timedelta(hours=3)
    for start, statement in ((4, "First"), (23, "Second")):
        highlight = highlight_services.highlight_create(
            source=source, start=start, end=start + 5, user=editor, reason="t"
        )
        claim = claim_services.claim_create(
            statement=statement, user=editor, reason="t"
        )
        claim_services.claim_link_highlight(
            claim=claim, highlight=highlight, user=editor, reason="t"
        )
    changed = Claim.objects.get(statement="Second")
    changed.history.filter(history_id=changed.history.latest().history_id).update(
        history_date=later
    )
    items = {
        item["body"][0]["value"]: item["modified"]
        for item in editor_client.get(reverse("export:annotations")).json()["first"][
            "items"
        ]
    }
    assert items["Second"] == annotations.w3c_datetime(later)
    assert items["First"] != annotations.w3c_datetime(later)


def test_the_source_picker_takes_words_and_lists_several_matches(
    editor_client, source_factory
):
    pick = reverse("export:source-annotations-pick")
    strike = source_factory("Harbour strike ends\nThe strike ended on Monday.")
    source_factory("Harbour strike spreads\nThe strike spread on Tuesday.")
    one = editor_client.get(pick, {"source": "strike ends"})
    assert one.url == reverse("export:source-annotations", args=[strike.pk])
    several = editor_client.get(pick, {"source": "harbour strike"})
    page = several.content.decode()
    assert several.status_code == 200 and "2 sources match" in page
    assert reverse("export:source-annotations", args=[strike.pk]) in page
    none = editor_client.get(pick, {"source": "ceasefire"})
    assert none.status_code == 404
    assert "No source matches “ceasefire”" in none.content.decode()


def test_the_export_page_lists_no_menu_of_every_source(editor_client, source_factory):
    sources = [source_factory() for _ in range(3)]
    page = editor_client.get(reverse("export:index")).content.decode()
    assert not any(f">{source.title}</option>" in page for source in sources)
