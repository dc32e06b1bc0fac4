"""The reading and checking desk in a real browser: select words, add a claim, verify it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from editorial.claims import services as claim_services
from editorial.models import Claim, ClaimHighlight, Highlight
from sources.models import Source

from .conftest import screenshot

SELECT_JS = """
([words, occurrence]) => {
  const body = document.querySelector('[data-source-body]');
  const text = body.textContent;
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(words, at + 1);
  if (at < 0) throw new Error('words not found: ' + words);
  // Walk the text nodes to the UTF-16 offsets of the first and last character.
  function point(offset) {
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (offset < seen + node.length) return [node, offset - seen];
      seen += node.length;
    }
  }
  function rect(offset, units) {
    const [node, inner] = point(offset);
    const range = document.createRange();
    range.setStart(node, inner);
    range.setEnd(node, inner + units);
    return range.getBoundingClientRect();
  }
  const lastUnits = /[\\uDC00-\\uDFFF]/.test(text[at + words.length - 1]) ? 2 : 1;
  const top = rect(at, 1).top;
  window.scrollBy(0, top - window.innerHeight / 2);
  const first = rect(at, 1);
  const last = rect(at + words.length - lastUnits, lastUnits);
  return {x1: first.left + 1, y1: first.top + first.height / 2,
          x2: last.right - 1, y2: last.top + last.height / 2};
}
"""


def select_with_mouse(page, words: str, occurrence: int = 0) -> None:
    """Drag the mouse over ``words`` in the source's text, as an editor would."""
    page.locator("[data-reader][data-ready]").wait_for()
    box = page.evaluate(SELECT_JS, [words, occurrence])
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move((box["x1"] + box["x2"]) / 2, box["y2"], steps=4)
    page.mouse.move(box["x2"], box["y2"], steps=4)
    page.mouse.up()


def mark_colour(page, highlight_id: int) -> str:
    return page.locator(f"#highlight-{highlight_id}").evaluate(
        "node => getComputedStyle(node).backgroundColor"
    )


@pytest.fixture
def console_errors():
    return []


def watch_console(page, errors):
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if message.type == "error" else None
        ),
    )


def test_editor_selects_words_with_the_mouse_and_adds_a_claim(
    desk_page, shipped_desk, editor
):
    source = Source.objects.get(title__startswith="26 Nations Pledge Troops")
    page = desk_page(editor)
    errors = []
    watch_console(page, errors)
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Sources", exact=True
    ).click()
    page.get_by_role("link", name=source.title).click()
    expect(page.locator("[data-source-body]")).to_be_visible()
    words = "26 nations"
    assert words in source.current_revision.body
    before = Highlight.objects.count()

    select_with_mouse(page, words)
    page.get_by_role("button", name="Add claim").click()
    statement = page.get_by_label("Statement")
    expect(statement).to_have_value(words)
    statement.fill("26 nations pledged troops to the reassurance force.")
    page.get_by_label("Stance of these words").select_option("assert")
    page.get_by_role("button", name="Save claim").click()

    expect(page.get_by_role("status").filter(has_text="Claim saved.")).to_be_visible()
    highlight = Highlight.objects.exclude(pk__in=[]).order_by("-id").first()
    assert Highlight.objects.count() == before + 1
    start = source.current_revision.body.index(words)
    assert (highlight.start, highlight.end, highlight.exact) == (
        start,
        start + len(words),
        words,
    )
    claim = highlight.claims.get()
    assert claim.statement == "26 nations pledged troops to the reassurance force."
    # The new highlight is on the page without a reload, coloured as unverified.
    mark = page.locator(f"#highlight-{highlight.pk}")
    expect(mark).to_have_attribute("data-status", "unverified")
    expect(page.locator("[data-panel-highlights]")).to_contain_text(claim.statement)
    screenshot(page, "reader-after-adding-a-claim")

    page.reload()
    mark = page.locator(f"#highlight-{highlight.pk}")
    expect(mark).to_have_text(words)
    mark.click()
    panel = page.locator("[data-panel-highlights]")
    expect(panel.get_by_role("link", name=claim.statement)).to_be_visible()
    expect(panel).to_contain_text("Unverified")
    screenshot(page, "reader-panel")

    page.get_by_role("link", name="Claims", exact=True).click()
    first_row = page.locator("table.list tbody tr").first
    expect(first_row.get_by_role("link", name=claim.statement)).to_be_visible()
    page.get_by_label("Status").select_option("disputed")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("table.list tbody tr").first).not_to_contain_text(
        claim.statement
    )
    screenshot(page, "claims-list")
    assert page.errors == [] and errors == []


def test_an_editor_attaches_a_selection_to_an_existing_claim(
    desk_page, shipped_desk, editor
):
    claim = Claim.objects.get(statement__icontains="Sunak")
    source = Source.objects.get(title__startswith="Twenty Nations Commit")
    page = desk_page(editor)
    page.goto(f"/sources/{source.pk}/")
    select_with_mouse(page, "Twenty")
    page.get_by_role("button", name="Add claim").click()
    page.get_by_label("an existing claim").check()
    page.get_by_label("Find a claim by its words").fill("Sunak")
    page.get_by_role("radio", name=re.compile("Sunak")).check()
    page.get_by_label("Stance of these words").select_option("mention")
    screenshot(page, "reader-claim-form")
    page.get_by_role("button", name="Save claim").click()
    expect(page.get_by_role("status").filter(has_text="Claim saved.")).to_be_visible()
    link = ClaimHighlight.objects.get(claim=claim, highlight__source=source)
    assert (link.stance, link.highlight.exact) == ("mention", "Twenty")
    assert page.errors == []


def test_api_errors_are_shown_in_the_form(desk_page, source_factory, editor):
    source = source_factory("Title\nWords to check here.")
    page = desk_page(editor)
    page.goto(f"/sources/{source.pk}/")
    select_with_mouse(page, "Words to check")
    page.get_by_role("button", name="Add claim").click()
    page.get_by_label("Statement").fill("x" * 2001)
    page.get_by_label("Statement").evaluate("node => node.removeAttribute('maxlength')")
    page.get_by_label("Statement").fill("y" * 2001)
    page.get_by_role("button", name="Save claim").click()
    expect(page.get_by_role("alert")).to_contain_text("2000 characters")
    assert Highlight.objects.filter(source=source).count() == 0


def test_reviewer_gives_a_verdict_and_the_colour_and_history_follow(
    desk_page, source_factory, claim_factory, reviewer
):
    source = source_factory(
        "Envoy report\nThe U.S. Special Envoy met officials in Kyiv."
    )
    claim = claim_factory(
        source, "U.S. Special Envoy", "A US special envoy met officials."
    )
    highlight = claim.highlights.get()
    page = desk_page(reviewer)
    page.goto(f"/sources/{source.pk}/")
    unverified = mark_colour(page, highlight.pk)

    page.goto(f"/claims/{claim.pk}/")
    page.get_by_label("Status").select_option("verified")
    page.get_by_label("Reason", exact=True).fill(
        "Named in the State Department release"
    )
    # A verdict is given with its note, the explanation readers see.
    page.get_by_label("Verdict note").fill("The release names the envoy.")
    page.get_by_role("button", name="Change status").click()
    expect(page.locator("[data-claim-status]")).to_have_text("Verified")
    history = page.locator("[data-history-entry]").first
    expect(history).to_contain_text("Named in the State Department release")
    expect(history).to_contain_text(reviewer.username)
    expect(history).to_contain_text("verified")
    screenshot(page, "claim-page")

    page.get_by_role("link", name=source.title).click()
    mark = page.locator(f"#highlight-{highlight.pk}")
    expect(mark).to_have_attribute("data-status", "verified")
    assert mark_colour(page, highlight.pk) != unverified
    screenshot(page, "reader-verified")
    assert page.errors == []


def test_editor_has_no_verdict_control_and_a_forged_verdict_gets_403(desk_page, editor):
    claim = claim_services.claim_create(
        statement="Rishi Sunak was PM.", user=editor, reason="New"
    )
    page = desk_page(editor)
    page.goto(f"/claims/{claim.pk}/")
    options = page.get_by_label("Status").locator("option").all_inner_texts()
    assert options == ["Unverified", "In review", "Disputed"]
    # Forge the form: add the verdict the select does not offer, and submit.
    page.get_by_label("Status").evaluate(
        "select => select.add(new Option('Verified', 'verified', true, true))"
    )
    page.get_by_label("Reason", exact=True).fill("Forged")
    with page.expect_response(f"**/claims/{claim.pk}/status/") as answer:
        page.get_by_role("button", name="Change status").click()
    assert answer.value.status == 403
    expect(page.get_by_role("alert")).to_contain_text(
        "Only reviewers can give a verdict"
    )
    # The API says the same.
    status = page.evaluate(
        """async (url) => {
            const token = document.querySelector('input[name=csrfmiddlewaretoken]').value;
            const response = await fetch(url, {method: 'PATCH', headers: {
                'Content-Type': 'application/json', 'X-CSRFToken': token},
                body: JSON.stringify({status: 'false', reason: 'Forged', version: 1})});
            return [response.status, (await response.json()).detail];
        }""",
        f"/api/claims/{claim.pk}/",
    )
    assert status[0] == 403 and "reviewers" in status[1]
    claim.refresh_from_db()
    assert claim.status == "unverified"


def test_hostile_text_is_shown_as_text_and_runs_nothing(
    desk_page, source_factory, editor
):
    text = (
        "Hostile article\n<script>window.pwned = 1; alert('script')</script>\n"
        "<img src=x onerror=\"window.pwned = 2; alert('img')\"> and <b>bold</b>."
    )
    source = source_factory(text)
    page = desk_page(editor)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"/sources/{source.pk}/")
    body = page.locator("[data-source-body]")
    expect(body).to_contain_text("<script>window.pwned = 1;")
    expect(body).to_contain_text("<img src=x onerror=")
    assert body.evaluate("node => node.textContent") == text
    assert body.locator("script, img, b").count() == 0
    assert page.evaluate("() => window.pwned") is None
    assert dialogs == []
    screenshot(page, "reader-hostile-text")


def test_a_selection_after_emoji_stores_code_point_offsets(
    desk_page, source_factory, editor
):
    text = "Emoji 🙂 report\n🇺🇦🙂 The envoy 👩‍💻 met the minister in Kyiv 𝄞."
    source = source_factory(text)
    page = desk_page(editor)
    page.goto(f"/sources/{source.pk}/")
    words = "met the minister"
    select_with_mouse(page, words)
    page.get_by_role("button", name="Add claim").click()
    page.get_by_role("button", name="Save claim").click()
    expect(page.get_by_role("status").filter(has_text="Claim saved.")).to_be_visible()
    highlight = Highlight.objects.get(source=source)
    start = text.index(words)
    assert (highlight.start, highlight.end, highlight.exact) == (
        start,
        start + len(words),
        words,
    )
    assert text[highlight.start : highlight.end] == words
    assert page.errors == []


def test_a_quote_on_the_claim_page_opens_the_reader_at_its_words_and_keys_work(
    desk_page, source_factory, claim_factory, editor
):
    source = source_factory("Keys\nThe coalition has 26 nations and a plan.")
    claim = claim_factory(source, "26 nations", "The coalition has 26 nations.")
    highlight = claim.highlights.get()
    page = desk_page(editor)
    page.goto(f"/claims/{claim.pk}/")
    page.get_by_role("link", name=source.title).click()
    page.wait_for_url(f"**/sources/{source.pk}/#highlight-{highlight.pk}")
    panel = page.locator("[data-panel-highlights]")
    expect(panel.get_by_role("link", name=claim.statement)).to_be_visible()
    page.get_by_role("button", name="Close").click()
    expect(panel).to_be_hidden()
    # Keyboard: focus the highlight and press Enter to open its claims.
    page.locator(f"#highlight-{highlight.pk}").focus()
    page.keyboard.press("Enter")
    expect(panel.get_by_role("link", name=claim.statement)).to_be_visible()
    # The form keeps the words it was opened for, and Escape closes it.
    select_with_mouse(page, "a plan")
    page.get_by_role("button", name="Add claim").click()
    expect(page.get_by_label("Statement")).to_have_value("a plan")
    page.keyboard.press("Escape")
    expect(page.get_by_label("Statement")).to_be_hidden()
    assert page.errors == []


def test_nested_and_overlapping_highlights_render_and_a_click_lists_each(
    desk_page, source_factory, claim_factory, editor, reviewer
):
    source = source_factory(
        "Nested\nThe U.S. Special Envoy met officials in Kyiv on Tuesday."
    )
    outer = claim_factory(
        source,
        "U.S. Special Envoy met officials",
        status="verified",
        status_by=reviewer,
    )
    inner = claim_factory(source, "Special Envoy", status="false", status_by=reviewer)
    overlap = claim_factory(source, "officials in Kyiv")
    page = desk_page(editor)
    page.goto(f"/sources/{source.pk}/")
    body = page.locator("[data-source-body]")
    assert body.evaluate("node => node.textContent") == source.current_revision.body
    colours = {
        status: body.locator(f"mark[data-status={status}]").first.evaluate(
            "node => getComputedStyle(node).backgroundColor"
        )
        for status in ("verified", "false", "unverified")
    }
    assert len(set(colours.values())) == 3
    # "Special Envoy" lies inside the outer highlight: a click there lists both.
    page.locator(f"#highlight-{inner.highlights.get().pk}").click()
    panel = page.locator("[data-panel-highlights]")
    expect(panel.get_by_role("heading", name="2 highlights here")).to_be_visible()
    expect(panel.get_by_role("link", name=inner.statement, exact=True)).to_be_visible()
    expect(panel.get_by_role("link", name=outer.statement)).to_be_visible()
    # "officials" is in the outer and the overlapping highlight.
    body.locator("mark mark", has_text="officials").first.click()
    expect(panel.get_by_role("link", name=overlap.statement)).to_be_visible()
    screenshot(page, "reader-nested-highlights")
    assert page.errors == []
