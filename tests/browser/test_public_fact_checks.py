"""In a real browser, as an anonymous visitor: the public fact checks render, the desk stays shut.

The shipped demo is loaded as ``make run`` loads it, so this is also what a newcomer
sees at /fact-checks/.
"""

from __future__ import annotations

import json
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from editorial.models import Claim, FactCheck

from .conftest import screenshot

HEADLINE = "Rishi Sunak was not British prime minister in January 2026"


@pytest.fixture
def visitor(browser, live_server):
    contexts = []

    def open_page(width: int):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, base_url=live_server.url
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on(
            "response",
            lambda response: (
                page.errors.append(f"{response.status} {response.url}")
                if response.status == 404
                else None
            ),
        )
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", [1366, 390])
def test_a_visitor_reads_the_demo_fact_check_without_logging_in(
    shipped_desk, visitor, live_server, width
):
    page = visitor(width)
    page.goto("/fact-checks/")
    expect(page.get_by_role("heading", name="Fact checks", exact=True)).to_be_visible()
    screenshot(page, f"public-fact-checks-{width}")
    page.get_by_role("link", name=HEADLINE).click()
    expect(page.get_by_role("heading", name=HEADLINE)).to_be_visible()
    expect(page.locator(".rating-verdict")).to_have_text("✗ False")
    expect(
        page.get_by_role("img", name="1 on a scale from 1 (false) to 5 (true)")
    ).to_be_visible()
    expect(page.get_by_text("Keir Starmer has been prime minister")).to_be_visible()
    expect(
        page.get_by_role(
            "link", name="GOV.UK: Keir Starmer became Prime Minister on 5 July 2024."
        )
    ).to_be_visible()
    assert page.locator(".masthead").count() == 0
    review = json.loads(
        page.locator('script[type="application/ld+json"]').text_content()
    )
    assert review["reviewRating"]["alternateName"] == "False"
    # Every link on the public page stays on the public pages or leaves the site.
    for href in page.locator("a[href]").evaluate_all("links => links.map(a => a.href)"):
        url = urlparse(href)
        if url.netloc == urlparse(live_server.url).netloc:
            assert url.path.startswith(("/fact-checks/", "/static/")), href
    screenshot(page, f"public-fact-check-{width}")
    assert page.errors == []
    # The page is wide enough for its viewport: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_nothing_of_the_desk_is_reachable_for_a_visitor(shipped_desk, visitor):
    claim = Claim.objects.get(fact_check__isnull=False)
    page = visitor(1366)
    for path in [
        "/",
        "/claims/",
        f"/claims/{claim.pk}/",
        f"/claims/{claim.pk}/claimreview.json",
        "/disputes/",
        "/suggestions/",
        "/changes/",
        "/export/",
        "/export/claimreview.jsonld",
        "/accounts/me/",
    ]:
        page.goto(path)
        assert urlparse(page.url).path == "/accounts/login/", path
    page.goto("/admin/")
    assert urlparse(page.url).path == "/admin/login/"
    response = page.request.get("/api/claims/")
    assert response.status == 401


def test_an_unpublished_fact_check_is_gone_for_the_visitor(
    shipped_desk, visitor, reviewer
):
    from editorial.publishing import services

    fact_check = FactCheck.objects.get()
    services.fact_check_unpublish(
        fact_check=fact_check, user=reviewer, reason="Withdrawn"
    )
    page = visitor(390)
    response = page.goto(f"/fact-checks/{fact_check.slug}/")
    assert response.status == 410
    expect(
        page.get_by_role("heading", name="This fact check was withdrawn")
    ).to_be_visible()
    page.goto("/fact-checks/")
    expect(page.get_by_text("No fact checks are published yet.")).to_be_visible()


def test_a_reviewer_publishes_updates_and_unpublishes_in_the_browser(
    desk_page, source_factory, claim_factory, reviewer
):
    from editorial.claims import services as claim_services

    claim = claim_factory(
        source_factory("Envoy\nThe envoy Steve Witkoff met the coalition leaders."),
        "The envoy Steve Witkoff",
        "Steve Witkoff was the US envoy in Paris.",
        status="verified",
        status_by=reviewer,
    )
    claim_services.claim_update(
        claim=claim,
        verdict_note="The Élysée's statement lists him.",
        user=reviewer,
        reason="Note",
    )
    page = desk_page(reviewer)
    page.goto(f"/claims/{claim.pk}/")
    page.get_by_text("Publish as a fact check").click()
    page.get_by_label("Headline").fill("Witkoff was the US envoy in Paris")
    page.get_by_label("Claimant", exact=True).fill("Example Wire")
    page.get_by_label("Claim date").fill("2026-01-06")
    page.locator("#id_publish-reason").fill("Ready for readers")
    screenshot(page, "claim-publish-form")
    page.get_by_role("button", name="Publish").click()
    expect(
        page.get_by_text("Published: the fact check is on the public site.")
    ).to_be_visible()
    page.get_by_text("Update the fact check").click()
    page.get_by_label("What changed, for readers").fill("The headline is shorter.")
    page.locator("#id_update-headline").fill("Witkoff was the envoy")
    page.locator("#id_update-reason").fill("Shorter")
    page.get_by_role("button", name="Update").click()
    expect(page.get_by_text("Updated: readers see the update")).to_be_visible()
    screenshot(page, "claim-published")
    page.get_by_role("link", name="Published").first.click()
    expect(page.get_by_role("heading", name="Witkoff was the envoy")).to_be_visible()
    expect(page.get_by_text("The headline is shorter.")).to_be_visible()
    expect(page.locator(".rating-verdict")).to_have_text("✓ True")
    slug_url = page.url
    page.go_back()
    page.locator("summary", has_text="Unpublish").click()
    page.locator("#id_unpublish-reason").fill("Withdrawn")
    page.get_by_role("button", name="Unpublish").click()
    expect(page.get_by_text("Unpublished: its address now answers")).to_be_visible()
    assert page.goto(slug_url).status == 410
