"""What crawlers and feed readers get: ClaimReview JSON-LD, the Atom feed, sitemap.xml, robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import extruct
import feedparser
from django.urls import reverse

from editorial.claims import services as claim_services
from editorial.publishing import services as publishing_services

from .conftest import NOTE, STATEMENT

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def claim_reviews(client, url: str) -> list[dict]:
    html = client.get(url).content.decode()
    data = extruct.extract(
        html, base_url="http://testserver" + url, syntaxes=["json-ld"]
    )
    return [item for item in data["json-ld"] if item.get("@type") == "ClaimReview"]


def sitemap_urls(client) -> list[str]:
    response = client.get(reverse("publishing:sitemap"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP_NS}urlset"
    return [loc.text for loc in root.iter(f"{SITEMAP_NS}loc")]


def feed_links(client) -> list[str]:
    response = client.get(reverse("publishing:feed"))
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return [entry.link for entry in feed.entries]


def test_the_public_page_carries_a_complete_claimreview(client, published, settings):
    settings.EDITORIAL_ORGANISATION_NAME = "Example Checks"
    settings.EDITORIAL_ORGANISATION_URL = "https://checks.example.org/"
    settings.EDITORIAL_ORGANISATION_LOGO = "https://checks.example.org/logo.png"
    url = reverse("publishing:detail", args=[published.slug])
    [review] = claim_reviews(client, url)
    assert review["@context"] in ("https://schema.org", "http://schema.org")
    assert review["claimReviewed"] == STATEMENT
    assert review["url"] == "http://testserver" + url
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "False",
    }
    assert review["author"] == {
        "@type": "Organization",
        "name": "Example Checks",
        "url": "https://checks.example.org/",
        "logo": {"@type": "ImageObject", "url": "https://checks.example.org/logo.png"},
    }
    assert review["datePublished"] == published.published_at.isoformat()
    assert review["dateModified"] == published.modified_at.isoformat()
    assert review["reviewBody"] == NOTE
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Organization", "name": "Example Wire"}
    assert item["datePublished"] == "2026-01-06"
    # Both sources that state it; the earlier one (without a URL) first.
    assert [a.get("datePublished") for a in item["appearance"]] == [
        "2026-01-06",
        "2026-01-07",
    ]
    assert item["appearance"][1]["url"] == "https://example.org/paris-talks"
    assert item["firstAppearance"] == item["appearance"][0]


def test_the_json_ld_escapes_what_could_close_the_script(client, published):
    html = client.get(reverse("publishing:detail", args=[published.slug])).content
    script = html.split(b'type="application/ld+json">')[1].split(b"</script>")[0]
    assert b"<b>" not in script and b"&" not in script and b"\\u003Cb\\u003E" in script
    [review] = claim_reviews(
        client, reverse("publishing:detail", args=[published.slug])
    )
    assert "<b>&</b>" in review["itemReviewed"]["appearance"][0]["text"]


def test_the_default_organisation_url_and_logo_are_the_sites_own(client, published):
    [review] = claim_reviews(
        client, reverse("publishing:detail", args=[published.slug])
    )
    assert review["author"]["url"] == "http://testserver/fact-checks/"
    assert review["author"]["logo"]["url"].startswith("http://testserver/static/")
    assert review["author"]["logo"]["url"].endswith("/editorial/img/logo.png")


def test_a_correction_changes_the_rating_and_the_date_modified(
    client, published, reviewer
):
    claim_services.claim_set_status(
        claim=published.claim,
        status="misleading",
        verdict_note="Context matters.",
        user=reviewer,
        reason="Context",
    )
    [review] = claim_reviews(
        client, reverse("publishing:detail", args=[published.slug])
    )
    assert review["reviewRating"]["alternateName"] == "Misleading"
    assert review["dateModified"] > review["datePublished"]


def test_feed_and_sitemap_list_exactly_the_published_fact_checks(
    client, published, rated_claim
):
    page = "http://testserver" + reverse("publishing:detail", args=[published.slug])
    assert feed_links(client) == [page]
    assert sitemap_urls(client) == [page]


def test_unpublishing_removes_the_page_from_the_page_feed_and_sitemap_at_once(
    client, published, reviewer
):
    url = reverse("publishing:detail", args=[published.slug])
    assert client.get(url).status_code == 200
    publishing_services.fact_check_unpublish(
        fact_check=published, user=reviewer, reason="Withdrawn"
    )
    assert client.get(url).status_code == 410
    assert feed_links(client) == []
    assert sitemap_urls(client) == []
    assert (
        published.headline
        not in client.get(reverse("publishing:list")).content.decode()
    )


def test_robots_txt_allows_the_fact_checks_and_disallows_the_desk(client):
    response = client.get(reverse("publishing:robots"))
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Allow: /fact-checks/" in lines
    assert "Disallow: /" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
