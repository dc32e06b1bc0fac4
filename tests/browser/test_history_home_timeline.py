"""The history, the home and a dispute settled "each right at its date", on a phone
and a desktop: nothing wider than the window, screenshots to look at."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from editorial.disputes import services_settle
from editorial.exports.fixtures_export import file_names
from editorial.exports.fixtures_load import fixtures_load
from editorial.exports.fixtures_story import STORY_FILE
from editorial.models import Claim, Dispute

from .conftest import screenshot

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
WIDER = "() => document.documentElement.scrollWidth - window.innerWidth"


@pytest.fixture
def demo_with_timeline(db, reviewer):
    fixtures_load(
        paths=[FIXTURES / name for name in file_names(with_history=False)],
        story=FIXTURES / STORY_FILE,
    )
    nations = Dispute.objects.get(question__startswith="How many nations")
    # The figures of issue 18: about twenty early in September 2025, 26 on the 4th,
    # 34 by November, 35 in January 2026.
    dates = {
        "26 nations": "2025-09-04",
        "twenty": "2025-09-01",
        "35 nations": "2026-01-06",
    }
    as_of = {
        claim.pk: datetime.date.fromisoformat(
            next((d for n, d in dates.items() if n in claim.statement), "2025-11-15")
        )
        for claim in nations.claims.all()
    }
    services_settle.dispute_resolve_each_at_its_date(
        dispute=nations,
        as_of=as_of,
        note="Nations joined over the months: each count was right when reported.",
        user=reviewer,
        reason="The counts grew; none is wrong at its date",
    )
    return nations


@pytest.mark.parametrize("width", [390, 1366])
def test_history_home_and_dispute_timeline_fit_the_window(
    desk_page, demo_with_timeline, reviewer, width
):
    sunak = Claim.objects.get(statement__startswith="Rishi Sunak")
    page = desk_page(reviewer)
    page.set_viewport_size({"width": width, "height": 900})
    pages = {
        "home": reverse("home"),
        "claim-history-demo": reverse("history:claim", args=[sunak.pk]),
        "recent-changes-demo": reverse("history:changes"),
        "dispute-timeline": reverse("disputes:detail", args=[demo_with_timeline.pk]),
    }
    for name, url in pages.items():
        page.goto(url)
        screenshot(page, f"{name}-{width}")
        assert page.evaluate(WIDER) <= 0, name
    page.goto(pages["dispute-timeline"])
    timeline = page.locator("ol.timeline li")
    assert timeline.count() == 4
    page.goto(pages["claim-history-demo"])
    assert "The official record contradicts it" in page.content()
    highlight = page.locator("article.change:has(.kind-highlight)").first
    assert not highlight.get_by_text("Start offset").is_visible()
    toggle = highlight.locator("details.technical summary")
    toggle.click()
    assert highlight.get_by_text("Start offset").is_visible()
