"""The export page in a real browser: the downloads a reviewer and an editor see, and one download."""

from sources.models import Source

from .conftest import screenshot


def test_a_reviewer_downloads_the_fixtures_and_picks_a_sources_annotations(
    desk_page, shipped_desk, reviewer
):
    page = desk_page(reviewer)
    page.get_by_role("link", name="Export").click()
    assert page.get_by_role("heading", name="Export", exact=True).is_visible()
    screenshot(page, "export-reviewer")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download fixtures", exact=True).click()
    assert download.value.suggested_filename.startswith("editorial-fixtures-")
    page.get_by_label("One source").fill(str(Source.objects.order_by("pk")[0].pk))
    page.get_by_role("button", name="Open its annotations").click()
    assert "/export/sources/" in page.url and "annotations.jsonld" in page.url
    assert page.errors == []


def test_an_editor_sees_why_the_fixtures_are_not_offered(
    desk_page, shipped_desk, editor
):
    page = desk_page(editor)
    page.goto("/export/")
    assert page.get_by_text("Only reviewers can download the fixtures").is_visible()
    assert page.get_by_role("link", name="Download fixtures").count() == 0
    screenshot(page, "export-editor")
    assert page.errors == []


def test_a_superuser_finds_the_fixture_download_in_the_admin(
    desk_page, shipped_desk, user_factory
):
    boss = user_factory("boss", is_staff=True, is_superuser=True)
    page = desk_page(boss)
    page.goto("/admin/")
    page.get_by_role("link", name="Download the desk as fixtures").click()
    assert page.get_by_role("heading", name="Export the desk as fixtures").is_visible()
    screenshot(page, "admin-export")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download fixtures with history").click()
    assert "with-history" in download.value.suggested_filename
    assert page.errors == []
