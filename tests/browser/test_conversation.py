"""Two people in two browsers: one comments and mentions the other, who sees it live."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from core import roles
from editorial.claims import services as claim_services
from editorial.conversation import services as conversation_services
from editorial.models import Comment

from .conftest import screenshot

LIVE_WITHIN_MS = 5_000


@pytest.fixture
def ana(user_factory):
    return user_factory("ana", group=roles.EDITORS, first_name="Ana", last_name="Lima")


def test_a_mention_appears_live_for_the_colleague_who_then_opens_it(
    desk_page, editor, ana
):
    claim = claim_services.claim_create(
        statement="The envoy met the coalition leaders in Paris.",
        user=editor,
        reason="Seen in the wire copy",
    )
    conversation_services.comment_post(
        claim=claim, body="Which *Paris* meeting is this?", user=ana
    )
    theirs = desk_page(ana)
    theirs.goto(f"/claims/{claim.pk}/")
    expect(theirs.locator("body[data-live=ready]")).to_have_count(1)
    count = theirs.locator("[data-unread-count]")
    expect(count).to_be_hidden()
    # Ana is writing a comment of her own while the thread changes under her.
    draft = theirs.get_by_label("Add a comment")
    draft.fill("Half-written thoughts about the minutes")

    mine = desk_page(editor)
    mine.goto(f"/claims/{claim.pk}/")
    box = mine.get_by_label("Add a comment")
    box.click()
    box.press_sequentially("See the **minutes**, @an")
    mine.get_by_role("button", name="@ana Ana Lima").click()
    expect(box).to_have_value("See the **minutes**, @ana ")
    box.press_sequentially("can you confirm?")
    mine.get_by_role("button", name="Post comment").click()
    expect(mine.get_by_text("Comment posted.")).to_be_visible()
    posted = Comment.objects.latest("id")

    # Within five seconds, without a reload, Ana sees the comment and the count rise.
    comment = theirs.locator(f"#comment-{posted.pk}")
    expect(comment).to_be_visible(timeout=LIVE_WITHIN_MS)
    expect(comment.locator("strong", has_text="minutes")).to_be_visible()
    expect(count).to_have_text("1 unread", timeout=LIVE_WITHIN_MS)
    expect(draft).to_have_value("Half-written thoughts about the minutes")

    # A status change by another shows too.
    claim_services.claim_set_status(
        claim=claim, status="in_review", user=editor, reason="Checking the minutes"
    )
    expect(theirs.locator("[data-claim-status]")).to_have_text(
        "In review", timeout=LIVE_WITHIN_MS
    )
    expect(theirs.get_by_text("Someone else changed this")).to_be_visible()
    # Ana follows the claim she commented on, so she hears of that change too.
    expect(count).to_have_text("2 unread", timeout=LIVE_WITHIN_MS)
    for width in (1366, 390):
        theirs.set_viewport_size({"width": width, "height": 900})
        screenshot(theirs, f"conversation-claim-thread-{width}")

    theirs.get_by_role("link", name="Notifications").click()
    note = theirs.get_by_role("link", name=f"ed mentioned you on the claim “{claim}”")
    expect(note).to_be_visible()
    for width in (1366, 390):
        theirs.set_viewport_size({"width": width, "height": 900})
        screenshot(theirs, f"conversation-inbox-{width}")
    note.click()
    theirs.wait_for_url(f"**/claims/{claim.pk}/#comment-{posted.pk}")
    expect(theirs.locator(f"#comment-{posted.pk}")).to_be_visible()
    expect(count).to_have_text("1 unread")
    assert theirs.errors == [] and mine.errors == []


def test_highlighted_words_are_discussed_in_the_readers_panel_live(
    desk_page, source_factory, claim_factory, editor, ana
):
    source = source_factory("Envoy\nThe envoy Steve Witkoff met the coalition leaders.")
    claim = claim_factory(source, "Steve Witkoff", "Witkoff is the envoy")
    highlight = claim.highlights.get()
    reader = f"/sources/{source.pk}/#highlight-{highlight.pk}"

    theirs = desk_page(ana)
    theirs.goto(reader)
    card = theirs.locator(f"[data-panel-highlight='{highlight.pk}']")
    expect(card.get_by_role("heading", name="Comments")).to_be_visible()

    mine = desk_page(editor)
    mine.goto(reader)
    panel = mine.locator(f"[data-panel-highlight='{highlight.pk}']")
    panel.get_by_label("Add a comment").fill("Is he *still* the envoy?")
    panel.get_by_role("button", name="Post comment").click()
    expect(mine.get_by_text("Comment posted.")).to_be_visible()
    # Back in the reader, its panel open on the same words, the comment under them.
    expect(panel.locator(".comment-body em", has_text="still")).to_be_visible()

    expect(
        card.locator(".comment-body", has_text="Is he still the envoy?")
    ).to_be_visible(timeout=LIVE_WITHIN_MS)
    # Words another editor highlights show in the text without a reload.
    claim_factory(source, "coalition leaders", "The coalition has leaders")
    expect(theirs.locator("mark", has_text="coalition leaders")).to_be_visible(
        timeout=LIVE_WITHIN_MS
    )
    screenshot(theirs, "conversation-reader-panel-1280")
    assert theirs.errors == [] and mine.errors == []


def test_a_comment_made_while_the_page_travelled_still_appears(desk_page, editor, ana):
    """The page is drawn, then a colleague comments before its first live question:
    the first answer already holds the comment, and the page still shows it."""
    claim = claim_services.claim_create(
        statement="The summit ended a day early.",
        user=editor,
        reason="Seen in the wire copy",
    )
    theirs = desk_page(ana)
    asked = []

    def comment_first(route):
        if not asked:
            conversation_services.comment_post(
                claim=claim, body="Which day did it end?", user=editor
            )
        asked.append(route.request.url)
        route.continue_()

    theirs.route("**/live/**", comment_first)
    theirs.goto(f"/claims/{claim.pk}/")
    expect(theirs.get_by_text("Which day did it end?")).to_be_visible(
        timeout=LIVE_WITHIN_MS
    )
    posted = Comment.objects.filter(claim=claim).latest("id")
    expect(theirs.locator(f"#comment-{posted.pk}")).to_be_visible()
    assert theirs.errors == []
