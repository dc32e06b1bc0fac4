"""Other fact-checkers' ClaimReviews in: evidence on the claim they review, a new claim
when the desk has none, their rating kept; this desk's own reviews come back to their
claims."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from editorial.claims import services as claim_services
from editorial.interop import claimreview_format
from editorial.interop.services.claimreviews import import_claimreviews
from editorial.models import Claim, Evidence
from editorial.publishing import services as publishing_services


def review(
    claimed, rating, *, url="https://factcheck.example/2026/tariff", **rating_extra
):
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "datePublished": "2026-11-30",
        "claimReviewed": claimed,
        "author": {"@type": "Organization", "name": "Example Check"},
        "reviewRating": {"@type": "Rating", "alternateName": rating, **rating_extra},
    }


@pytest.fixture
def tracked(editor):
    return claim_services.claim_create(
        statement="The EU set a 25% tariff on American steel in 2025",
        user=editor,
        reason="Tracking",
    )


def test_a_review_becomes_evidence_on_the_claim_it_reviews(tracked, editor):
    text = json.dumps(
        review("The EU set a 25% tariff on American steel in 2025", "False")
    )
    report = import_claimreviews(text=text, user=editor, reason="Their verdict")
    evidence = Evidence.objects.get(claim=tracked)
    assert evidence.supports is False
    assert evidence.url == "https://factcheck.example/2026/tariff"
    assert "Example Check rated it “False” on 2026-11-30" in evidence.citation
    assert evidence.history.get().history_change_reason == "Their verdict"
    assert report.imported and not report.refused


def test_the_numbers_must_agree_so_another_figure_is_a_new_claim(tracked, editor):
    text = json.dumps(
        review("The EU set a 15% tariff on American steel in 2025", "True")
    )
    import_claimreviews(text=text, user=editor)
    new = Claim.objects.exclude(pk=tracked.pk).get()
    assert new.statement.startswith("The EU set a 15% tariff")
    assert [t.tag.name for t in new.taggings.all()] == ["from claimreview"]
    assert new.evidence.get().supports is True
    assert not tracked.evidence.exists()


def test_a_numeric_rating_is_read_on_its_scale():
    assert (
        claimreview_format.verdict(
            {"ratingValue": 1, "bestRating": 5, "worstRating": 1}
        )[1]
        is False
    )
    assert (
        claimreview_format.verdict(
            {"ratingValue": 5, "bestRating": 5, "worstRating": 1}
        )[1]
        is True
    )
    assert claimreview_format.verdict({"alternateName": "Mixture"})[1] is None


def test_a_rating_that_says_neither_is_listed_not_guessed(tracked, editor):
    text = json.dumps(review(tracked.statement, "Half true"))
    report = import_claimreviews(text=text, user=editor)
    assert "says neither true nor false" in report.refused[0][1]
    assert not Evidence.objects.exists()


def test_a_saved_page_with_the_markup_embedded(tracked, editor):
    markup = json.dumps(review(tracked.statement, "Mostly false"))
    page = (
        "<html><head><title>Fact check</title>"
        f'<script type="application/ld+json">{markup}</script></head>'
        "<body><p>Our verdict.</p></body></html>"
    )
    import_claimreviews(text=page, user=editor, base_url="https://factcheck.example/")
    assert tracked.evidence.get().supports is False


def test_importing_the_same_review_twice_adds_it_once(tracked, editor):
    text = json.dumps([review(tracked.statement, "False")])
    import_claimreviews(text=text, user=editor)
    again = import_claimreviews(text=text, user=editor)
    assert again.matched and tracked.evidence.count() == 1


def test_what_is_not_claimreview_is_refused_and_changes_nothing(editor):
    with pytest.raises(ValidationError, match="No ClaimReview"):
        import_claimreviews(text=json.dumps({"@type": "NewsArticle"}), user=editor)
    with pytest.raises(ValidationError, match="not valid JSON"):
        import_claimreviews(text="{broken", user=editor)
    assert not Claim.objects.exists()


def test_this_desks_own_published_review_comes_back_as_the_same_claim(
    source_factory, claim_factory, editor, reviewer, client
):
    source = source_factory(
        "Report\nThe EU set a 25% tariff on steel.", url="https://wire.example/a"
    )
    claim = claim_factory(
        source,
        "a 25% tariff",
        "The EU set a 25% tariff on steel",
        status="false",
        status_by=reviewer,
    )
    fact_check = publishing_services.fact_check_publish(
        claim=claim,
        user=reviewer,
        reason="Publish",
        headline="No 25% tariff",
        claimant="Example Wire",
        claim_date=datetime.date(2026, 1, 6),
        claimant_kind="organisation",
    )
    page = client.get(reverse("publishing:detail", args=[fact_check.slug]))
    report = import_claimreviews(
        text=page.content.decode(), user=editor, base_url="http://testserver/"
    )
    assert "this desk's own fact check" in report.matched[0]
    assert Claim.objects.count() == 1 and not Evidence.objects.exists()


def test_the_import_page_and_command(tracked, editor, client, tmp_path, user_factory):
    path = tmp_path / "reviews.json"
    path.write_text(json.dumps(review(tracked.statement, "False")))
    call_command("import_claimreview", str(path), "--user", editor.username)
    assert tracked.evidence.count() == 1
    client.force_login(editor)
    upload = tmp_path / "other.json"
    upload.write_text(
        json.dumps(
            review(
                "Turnout was 72% in the July election",
                "True",
                url="https://factcheck.example/turnout",
            )
        )
    )
    with upload.open("rb") as file:
        page = client.post(
            reverse("interop:claimreview-import"), {"file": file, "reason": "Uploaded"}
        )
    assert page.status_code == 200 and "1 imported" in page.content.decode()
    client.force_login(user_factory("outsider"))
    assert client.get(reverse("interop:claimreview-import")).status_code == 403
