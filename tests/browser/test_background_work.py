"""Background work in a real browser: an export prepared by a worker and offered when
ready, the reader's "checks running…" turning into the findings without a reload, and
the staff's Jobs page with a failed task to retry."""

from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from editorial.checks.tasks import check_source
from editorial.exports.fixtures_load import fixtures_load
from editorial.highlights import services as highlight_services
from tests.conftest import FIXTURES
from tests.editorial.jobs.flaky import flaky

from .conftest import screenshot

QUEUES = ["default", "checks", "drawing", "exports", "webhooks"]
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": QUEUES}}
SUNAK = "Paris talks\nBritish Prime Minister Rishi Sunak attended the talks."


def test_an_annotation_export_is_prepared_then_offered(
    desk_page, source_factory, editor
):
    source = source_factory("Title\nThe coalition has 26 nations and a plan.")
    highlight_services.highlight_create(
        source=source, start=24, end=34, user=editor, reason="Figure"
    )
    page = desk_page(editor)
    page.goto("/export/")
    page.get_by_role("button", name="Prepare every annotation in one file").click()
    assert page.get_by_role("heading", name="Every highlight as W3C").is_visible()
    assert page.get_by_text("Ready", exact=True).is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the file").click()
    assert download.value.suggested_filename.endswith(".jsonld")
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 800})
        screenshot(page, f"export-job-{width}")
    assert page.errors == []


def test_the_reader_shows_checks_running_then_the_findings_without_a_reload(
    desk_page, source_factory, editor
):
    fixtures_load(paths=[FIXTURES / "reference.json"])
    with override_settings(TASKS=DATABASE):
        source = source_factory(SUNAK, published_on="2026-01-06")
        page = desk_page(editor)
        page.goto(f"/sources/{source.pk}/")
        page.evaluate("window.notReloaded = true")
        running = page.get_by_text("checks running…")
        running.wait_for(state="visible")
        assert page.get_by_text("0 suggestions").is_visible()
        for width in (1366, 390):
            page.set_viewport_size({"width": width, "height": 800})
            screenshot(page, f"reader-checks-running-{width}")
        # The worker's part: run the queued checks, then mark the task done.
        check_source.call(source.pk, editor.pk)
        DBTaskResult.objects.filter(task_path__endswith="check_source").update(
            status="SUCCESSFUL"
        )
        page.get_by_text("1 suggestion", exact=True).wait_for(state="visible")
        running.wait_for(state="hidden")
        assert page.evaluate("window.notReloaded") is True
    assert page.errors == []


def test_staff_see_a_failed_task_with_its_error_and_retry_it(desk_page, user_factory):
    with override_settings(TASKS=DATABASE):
        result = flaky.enqueue("browser", 100)
        row = DBTaskResult.objects.get(pk=result.id)
        try:
            raise RuntimeError("the receiver is down")
        except RuntimeError as error:
            row.set_failed(error)
        page = desk_page(user_factory("ops", is_staff=True))
        page.goto("/jobs/")
        assert page.get_by_text("tests.editorial.jobs.flaky.flaky").is_visible()
        for width in (1366, 390):
            page.set_viewport_size({"width": width, "height": 800})
            screenshot(page, f"jobs-{width}")
        page.get_by_role("button", name="Retry").click()
        assert page.get_by_text("Queued again from its first attempt.").is_visible()
        assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert page.errors == []
