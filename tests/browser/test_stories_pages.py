"""Browser: the Stories pages and the triaged suggestions at a wide and a narrow window."""

import pytest

from editorial.checks.services import checks_run
from sources.stories import services as story_services
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

FIRST = (
    "Allies meet in {place}\n{place} - All 32 allied nations attended the summit in "
    "{place}, officials said."
)
SECOND = (
    "{place} summit ends\n{place} - Only 30 allied nations attended the summit in "
    "{place}, the host said."
)


@pytest.mark.parametrize("width", [1366, 390])
def test_stories_and_suggestions_fit_the_window_and_a_story_is_confirmed(
    desk_page, editor, source_factory, width
):
    for place in ("Vilnius", "Madrid"):
        story = story_services.story_create(name=place, user=editor, reason="t")
        for text in (FIRST, SECOND):
            source_factory(
                text.format(place=place), story=story, published_on="2025-07-01"
            )
    proposed = source_factory(
        "Osimhen joins Bayern Munich\nBayern Munich signed Osimhen."
    )
    checks_run(user=editor, reason="Run")
    page = desk_page(editor)
    page.set_viewport_size({"width": width, "height": 900})
    for url, name in [
        ("/stories/", "stories-list"),
        ("/stories/vilnius/", "story-detail"),
        ("/suggestions/", "suggestions-triage"),
    ]:
        page.goto(url)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{url} scrolls sideways by {overflow}px at {width}px"
        screenshot(page, f"{name}-{width}")
    page.goto("/stories/")
    page.get_by_role("button", name=f"Confirm “{proposed.story.name}”").click()
    page.get_by_text(f"Story “{proposed.story.name}” confirmed.").wait_for()
    assert page.errors == []
