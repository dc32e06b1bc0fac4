"""Disputes and the checks' suggestions in a real browser, with screenshots to look at."""

from __future__ import annotations

from playwright.sync_api import expect

from editorial.exports.fixtures_load import fixtures_load
from editorial.models import Claim, Dispute, Suggestion
from sources.models import Source
from tests.conftest import FIXTURES

from .conftest import screenshot


def test_reviewer_reads_positions_side_by_side_and_resolves(
    desk_page, shipped_desk, reviewer
):
    envoy = Dispute.objects.get(question__startswith="Who was the US special envoy")
    page = desk_page(reviewer)
    page.get_by_role("link", name="Disputes").click()
    expect(page.get_by_role("heading", name="Disputes")).to_be_visible()
    screenshot(page, "disputes-list")
    page.get_by_role("link", name=envoy.question).click()
    positions = page.locator("[data-position]")
    expect(positions).to_have_count(2)
    first, second = (positions.nth(i).bounding_box() for i in range(2))
    assert (
        abs(first["y"] - second["y"]) < 5 and second["x"] > first["x"]
    )  # side by side
    screenshot(page, "dispute-detail-open")
    resolve = page.locator("section[aria-labelledby=resolve-title]")
    resolve.get_by_role("radio", name="One position is right").check()
    page.get_by_role("radio", name="Steve Witkoff was the US special envoy").check()
    resolve.get_by_label("Reason for the resolution").fill(
        "The Élysée statement lists Witkoff in the delegation."
    )
    resolve.get_by_label("Reason", exact=True).fill("joint statement")
    page.get_by_role("button", name="Resolve the dispute").click()
    expect(page.get_by_text("The dispute is resolved")).to_be_visible()
    expect(page.get_by_role("button", name="Reopen the dispute")).to_be_visible()
    screenshot(page, "dispute-detail-resolved")
    statuses = set(envoy.claims.values_list("status", flat=True))
    assert statuses == {"verified", "false"}
    assert page.errors == []


def test_editor_runs_the_checks_from_the_reader_and_accepts_a_proposed_dispute(
    desk_page, shipped_desk, editor
):
    fixtures_load(paths=[FIXTURES / "reference.json"])
    paris = Source.objects.get(title__startswith="US Pledges")
    page = desk_page(editor)
    page.goto(f"/sources/{paris.pk}/")
    page.get_by_role("button", name="Run the checks on this source").click()
    expect(page.get_by_text("Checks done:")).to_be_visible()
    expect(
        page.locator("mark", has_text="German Chancellor Olaf Scholz")
    ).to_be_visible()
    screenshot(page, "suggestions-for-source")
    group = page.locator(
        "section.suggestion-group", has_text="Who was the special envoy"
    )
    group.get_by_role("button", name="Accept all as a dispute").click()
    # The desk already has an open dispute on the envoy: the proposal joins it.
    envoy = Dispute.objects.get(question__startswith="Who was the US special envoy")
    expect(page.get_by_role("heading", name=envoy.question)).to_be_visible()
    assert page.locator("[data-position]").count() >= 2
    screenshot(page, "dispute-from-suggestions")
    assert Suggestion.objects.filter(status="accepted", kind="identity").count() == 2
    assert page.errors == []


def test_editor_groups_a_claim_into_a_dispute_from_the_reader_panel(
    desk_page, shipped_desk, editor
):
    sunak = Claim.objects.get(statement__startswith="Rishi Sunak")
    highlight = sunak.links.get().highlight
    page = desk_page(editor)
    page.goto(f"/sources/{highlight.source_id}/")
    page.locator(f'mark[data-highlight-id="{highlight.pk}"]').first.click()
    page.get_by_role("link", name="Group into a dispute").click()
    expect(page.get_by_role("heading", name="Open a dispute")).to_be_visible()
    expect(page.get_by_role("checkbox", name=sunak.statement)).to_be_checked()
    page.get_by_label("Question the claims answer differently").fill(
        "Who spoke for Britain in Paris on 6 January 2026?"
    )
    page.get_by_role("checkbox", name="Steve Witkoff was the US special envoy").check()
    page.get_by_label("Reason", exact=True).fill("Britain's representative differs")
    screenshot(page, "dispute-open-form")
    page.get_by_role("button", name="Open the dispute").click()
    expect(page.get_by_text("The dispute is open.")).to_be_visible()
    assert Dispute.objects.filter(question__startswith="Who spoke for Britain").exists()
    assert page.errors == []


def test_editor_adds_a_claim_by_number_and_the_menus_fit_a_phone(
    desk_page, shipped_desk, editor
):
    envoy = Dispute.objects.get(question__startswith="Who was the US special envoy")
    sunak = Claim.objects.get(statement__startswith="Rishi Sunak")
    page = desk_page(editor)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/disputes/new/?claim={sunak.pk}")
        expect(page.get_by_role("checkbox", name=sunak.statement)).to_be_checked()
        expect(page.get_by_label("Or add claims by number")).to_be_visible()
        screenshot(page, f"dispute-open-menu-{width}")
        page.goto(f"/disputes/{envoy.pk}/")
        page.get_by_text("Add a claim as another position").click()
        expect(page.get_by_label("Or its number")).to_be_visible()
        screenshot(page, f"dispute-add-menu-{width}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_label("Or its number").fill(str(sunak.pk))
    add = page.locator("form[action$='/claims/']")
    add.get_by_label("Reason", exact=True).fill("Also named in Paris")
    add.get_by_role("button", name="Add the claim").click()
    expect(page.get_by_text("The claim is now a position")).to_be_visible()
    assert envoy.claims.filter(pk=sunak.pk).exists()
    assert page.errors == []
