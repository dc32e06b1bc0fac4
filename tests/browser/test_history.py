"""History in a real browser: two editors on the same claim, and the pages that tell its story."""

from editorial.claims import services as claim_services
from editorial.models import Claim

from .conftest import screenshot


def test_two_browser_sessions_editing_one_claim_one_wins_the_other_sees_both(
    desk_page, editor, reviewer
):
    claim = claim_services.claim_create(
        statement="Rishi Sunak was prime minister.", user=editor, reason="new claim"
    )
    first, second = desk_page(editor), desk_page(reviewer)
    for page in (first, second):
        page.goto(f"/claims/{claim.pk}/edit/")

    first.get_by_label("Statement").fill(
        "Rishi Sunak was British prime minister on 6 January 2026."
    )
    first.get_by_label("Reason").fill("Make the date explicit")
    first.get_by_role("button", name="Save claim").click()
    first.wait_for_load_state()

    second.get_by_label("Statement").fill("Rishi Sunak was UK prime minister.")
    second.get_by_label("Reason").fill("Shorter")
    second.get_by_role("button", name="Save claim").click()
    alert = second.get_by_role("alert").filter(has_text="Someone else saved this claim")
    alert.wait_for()
    assert (
        "Rishi Sunak was British prime minister on 6 January 2026."
        in alert.inner_text()
    )
    assert "Rishi Sunak was UK prime minister." in alert.inner_text()
    screenshot(second, "claim-edit-conflict")
    assert (
        Claim.objects.get(pk=claim.pk).statement
        == "Rishi Sunak was British prime minister on 6 January 2026."
    )

    second.get_by_role("button", name="Save my version over theirs").click()
    second.wait_for_load_state()
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.statement, stored.version) == (
        "Rishi Sunak was UK prime minister.",
        3,
    )

    second.goto(f"/claims/{claim.pk}/history/")
    timeline = second.locator("article.change")
    assert timeline.count() == 3
    assert (
        "Shorter" in timeline.nth(0).inner_text()
        and "Make the date explicit" in timeline.nth(1).inner_text()
    )
    assert second.locator("article.change ins").first.is_visible()
    screenshot(second, "claim-history")
    assert first.errors == [] and second.errors == []


def test_recent_changes_and_deleted_pages(desk_page, shipped_desk, editor):
    claim = Claim.objects.get(statement__startswith="34 countries")
    claim_id = claim.pk
    claim_services.claim_delete(
        claim=claim, user=editor, reason="Wrong count; redo from the article"
    )
    page = desk_page(editor)
    page.goto("/changes/")
    assert page.get_by_role("heading", name="Recent changes").is_visible()
    assert page.get_by_text("Wrong count; redo from the article").first.is_visible()
    screenshot(page, "recent-changes")
    page.goto("/deleted/")
    page.get_by_label("Reason").first.fill("The count is right after all")
    page.get_by_role("button", name="Restore claim").click()
    page.get_by_text("Restored the claim as a new version.").wait_for()
    assert Claim.objects.filter(pk=claim_id).exists()
    screenshot(page, "deleted-after-restore")
