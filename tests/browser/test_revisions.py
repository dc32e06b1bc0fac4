"""Sources that change, in a real browser: import with review, revisions, orphans re-attached."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from editorial.claims import services as claim_services
from editorial.highlights import services as highlight_services
from editorial.intake.services import revision_create
from editorial.models import ClaimHighlight, Highlight
from sources.models import Source

from .conftest import screenshot
from .test_reader import select_with_mouse

ARTICLES = Path(__file__).parent.parent / "sources" / "articles"

BODY = (
    "Coalition pledges troops\n"
    "French President Emmanuel Macron said on Thursday that 26 countries have "
    "committed to providing troops. 🇺🇦\n"
    "The United States made its first explicit commitment to support the alliance.\n"
    "Talks continue in Paris next month, officials said.\n"
)


def test_an_editor_imports_files_reviews_them_and_saves(desk_page, editor, tmp_path):
    page = desk_page(editor)
    page.goto("/sources/import/")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    page.get_by_label("Files").set_input_files(
        [str(ARTICLES / "coalition.html"), str(binary)]
    )
    screenshot(page, "import-upload")
    page.get_by_role("button", name="Read and review").click()
    expect(page.get_by_role("heading", name="Review before saving")).to_be_visible()
    expect(page.get_by_text("this is a binary file")).to_be_visible()
    expect(page.get_by_label("Published on")).to_have_value("2026-01-06")
    expect(page.get_by_label("Author")).to_have_value("Jane Reporter")
    page.get_by_label("Title").fill("Coalition pledges troops (Daily Example)")
    screenshot(page, "import-review")
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_role("heading", name="Coalition pledges troops (Daily Example)")
    ).to_be_visible()
    source = Source.objects.get()
    assert source.file_name == "coalition.html"
    assert page.errors == []


def test_a_correction_orphans_a_highlight_and_the_editor_re_attaches_it(
    desk_page, editor, source_factory
):
    source = source_factory(BODY)
    for quote, statement in [
        ("26 countries", "26 countries committed troops"),
        ("Talks continue in Paris", "Talks continue in Paris"),
    ]:
        start = BODY.index(quote)
        highlight = highlight_services.highlight_create(
            source=source, start=start, end=start + len(quote), user=editor, reason="t"
        )
        claim = claim_services.claim_create(
            statement=statement, user=editor, reason="t"
        )
        claim_services.claim_link_highlight(
            claim=claim, highlight=highlight, user=editor, reason="t"
        )
    page = desk_page(editor)
    page.goto(f"/sources/{source.pk}/revisions/new/")
    text = page.get_by_label("Corrected text")
    corrected = BODY.replace("Thursday", "Wednesday").replace(
        "Talks continue in Paris next month, officials said.",
        "Officials said further meetings would follow in the French capital.",
    )
    text.fill(corrected)
    page.get_by_label("Reason for the new revision").fill("Publisher's correction")
    screenshot(page, "revision-form")
    page.get_by_role("button", name="Save revision").click()
    expect(
        page.get_by_text(
            "0 highlights stayed, 1 highlight moved, 1 highlight orphaned",
            exact=False,
        )
    ).to_be_visible()
    screenshot(page, "revision-summary")
    source.refresh_from_db()
    assert source.current_revision.body == corrected

    page.get_by_role("link", name="Word diff with revision 1").click()
    expect(page.locator("del", has_text="Thursday")).to_be_visible()
    expect(page.locator("ins", has_text="Wednesday")).to_be_visible()
    screenshot(page, "revision-word-diff")

    page.goto(f"/sources/{source.pk}/")
    panel = page.locator("#orphaned-highlights")
    expect(panel).to_contain_text("Talks continue in Paris")
    expect(panel.get_by_role("link", name="Talks continue in Paris")).to_be_visible()
    screenshot(page, "reader-orphaned-panel")
    select_with_mouse(page, "further meetings would follow")
    panel.get_by_role("button", name="Use the selected words").click()
    expect(panel.get_by_label("New quote")).to_have_value(
        "further meetings would follow"
    )
    panel.get_by_label("Reason", exact=True).fill("The correction rewords it")
    panel.get_by_role("button", name="Re-attach").click()
    expect(page.get_by_text("Re-attached the highlight")).to_be_visible()
    expect(page.locator("#orphaned-highlights")).to_have_count(0)
    orphan = Highlight.objects.get(exact="further meetings would follow")
    assert orphan.anchoring == "anchored"
    assert ClaimHighlight.objects.filter(highlight=orphan).count() == 1
    expect(page.locator(f"#highlight-{orphan.pk}")).to_have_text(
        "further meetings would follow"
    )
    screenshot(page, "reader-after-re-attach")
    assert page.errors == []


def test_an_orphan_is_retired_from_the_panel_with_the_keyboard(
    desk_page, editor, source_factory
):
    source = source_factory(BODY)
    start = BODY.index("Talks continue")
    highlight_services.highlight_create(
        source=source, start=start, end=start + 14, user=editor, reason="t"
    )
    revision_create(
        source=source,
        body=BODY.replace("Talks continue in Paris next month, officials said.\n", ""),
        user=editor,
        reason="Paragraph cut",
    )
    page = desk_page(editor)
    page.goto(f"/sources/{source.pk}/")
    panel = page.locator("#orphaned-highlights")
    panel.get_by_text("Retire this highlight").focus()
    page.keyboard.press("Enter")
    reason = panel.get_by_label("Reason for retiring it")
    reason.fill("The paper dropped the sentence")
    reason.press("Enter")
    expect(page.get_by_text("Retired “Talks continue”")).to_be_visible()
    assert Highlight.objects.get().anchoring == "retired"
