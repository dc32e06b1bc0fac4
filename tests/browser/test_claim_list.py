"""The claims list's filters in a real browser, from the keyboard."""

from __future__ import annotations

from playwright.sync_api import expect

from editorial.models import Claim
from sources.models import Source

from .conftest import screenshot


def test_an_editor_types_a_sources_words_and_sees_its_claims(
    desk_page, shipped_desk, editor
):
    source = Source.objects.get(title__startswith="Multinational Force")
    theirs = Claim.objects.filter(links__highlight__source=source).distinct()
    others = Claim.objects.exclude(pk__in=theirs.values("pk"))
    assert theirs.exists() and others.exists()
    page = desk_page(editor)
    page.get_by_role("link", name="Claims").first.click()
    field = page.get_by_label("Source", exact=True)
    field.focus()
    page.keyboard.type("multinational FORCE")
    page.keyboard.press("Enter")
    page.wait_for_url("**/claims/?*source_q=multinational+FORCE*")
    expect(page.get_by_text(f"{theirs.count()} claim")).to_be_visible()
    rows = page.locator(".claims-table tbody tr")
    expect(rows).to_have_count(min(theirs.count(), 25))
    quoting = rows.filter(has=page.locator(f'a[href="/sources/{source.pk}/"]'))
    expect(quoting).to_have_count(min(theirs.count(), 25))
    expect(field).to_have_value("multinational FORCE")
    screenshot(page, "claims-list-source-typed")
    assert page.errors == []


def test_the_readers_link_filters_the_claims_on_its_source_and_can_be_removed(
    desk_page, shipped_desk, editor
):
    source = Source.objects.get(title__startswith="Multinational Force")
    page = desk_page(editor)
    page.goto(f"/sources/{source.pk}/")
    page.get_by_role("link", name="Claims on this source").click()
    chosen = page.locator("[data-chosen-source]")
    expect(chosen).to_contain_text("Source: Multinational Force")
    page.get_by_label("Status").select_option("unverified")
    page.get_by_role("button", name="Filter").press("Enter")
    page.wait_for_url("**status=unverified*")
    assert f"source={source.pk}" in page.url
    screenshot(page, "claims-list-source-chosen")
    page.get_by_role("link", name="Remove the filter on source").click()
    page.wait_for_url("**/claims/?*status=unverified*")
    assert "source=" not in page.url
    expect(page.locator("[data-chosen-source]")).to_have_count(0)
    assert page.errors == []
