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
