"""Logging in from the browser and landing on the sources list."""

from .conftest import screenshot


def test_editor_logs_in_and_sees_the_five_seed_sources(desk_page, shipped_desk, editor):
    page = desk_page(editor)
    # Log-in lands on the desk's home; the sources list is one click away.
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Sources", exact=True
    ).click()
    assert page.get_by_role("heading", name="Sources").is_visible()
    assert page.locator("table.list tbody tr").count() == 5
    assert page.get_by_text("Multinational Force – Ukraine").first.is_visible()
    screenshot(page, "sources-list")
    assert page.errors == []
