"""The checks, the reader's pre-drawing and large exports run as tasks off the request:
queued on commit, idempotent, their failures shown to staff and retried from there."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse
from django_tasks import task_backends
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from editorial.checks.tasks import check_source
from editorial.claims import services as claim_services
from editorial.exports.fixtures_load import fixtures_load
from editorial.highlights import predraw, reader
from editorial.highlights import services as highlight_services
from editorial.highlights.selectors import highlight_marks_for_reader
from editorial.intake.services import revision_create
from editorial.models import Suggestion
from tests.conftest import FIXTURES
from tests.editorial.jobs.flaky import flaky

QUEUES = ["default", "checks", "drawing", "exports", "webhooks"]
DUMMY = {
    "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": QUEUES}
}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": QUEUES}}
SUNAK = "Paris talks\nBritish Prime Minister Rishi Sunak attended the talks."


def queued(name: str) -> list:
    return [
        result
        for result in task_backends["default"].results
        if result.task.name == name
    ]


@override_settings(TASKS=DUMMY)
def test_an_import_queues_its_checks_and_the_request_runs_none(
    source_factory, django_capture_on_commit_callbacks
):
    fixtures_load(paths=[FIXTURES / "reference.json"])
    with django_capture_on_commit_callbacks(execute=True):
        source = source_factory(SUNAK, published_on="2026-01-06")
    [checks] = queued("check_source")
    assert checks.task.queue_name == "checks"
    assert checks.args[0] == source.pk
    assert not Suggestion.objects.exists()


@override_settings(TASKS=DUMMY)
def test_a_new_revision_queues_the_checks_too(
    source_factory, editor, django_capture_on_commit_callbacks
):
    source = source_factory("Title\nThe envoy met the leaders.")
    with django_capture_on_commit_callbacks(execute=True):
        revision_create(
            source=source,
            body="Title\nThe envoy met the leaders on Monday.",
            user=editor,
            reason="Correction",
        )
    [checks] = queued("check_source")
    assert checks.args == [source.pk, editor.pk, "Checks after a new revision"]


def test_the_checks_task_stores_each_finding_once_however_often_it_runs(
    source_factory, django_capture_on_commit_callbacks
):
    fixtures_load(paths=[FIXTURES / "reference.json"])
    with django_capture_on_commit_callbacks(execute=True):
        source = source_factory(SUNAK, published_on="2026-01-06")
    assert Suggestion.objects.filter(source=source).count() == 1
    again = check_source.enqueue(source.pk, None)
    assert again.status == TaskResultStatus.SUCCESSFUL
    assert again.return_value == {"source": source.pk, "created": 0}
    assert Suggestion.objects.filter(source=source).count() == 1


def _drawn(source) -> bool:
    source.refresh_from_db()
    return reader.is_drawn(
        revision=source.current_revision,
        highlights=highlight_marks_for_reader(source=source),
    )


def test_the_reader_is_drawn_after_a_change_before_anyone_reads_it(
    source_factory, editor, reviewer, django_capture_on_commit_callbacks
):
    caches[settings.EDITORIAL_READER_CACHE].clear()
    with django_capture_on_commit_callbacks(execute=True):
        source = source_factory("Title\nThe coalition has 26 nations and a plan.")
    with django_capture_on_commit_callbacks(execute=True):
        highlight = highlight_services.highlight_create(
            source=source, start=24, end=34, user=editor, reason="Figure"
        )
    assert _drawn(source)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        claim = claim_services.claim_create(
            statement="26 nations", user=editor, reason="Seen"
        )
        claim_services.claim_link_highlight(
            claim=claim, highlight=highlight, user=editor, reason="States it"
        )
        claim_services.claim_set_status(
            claim=claim,
            status="verified",
            verdict_note="Counted.",
            user=reviewer,
            reason="Checked",
        )
        assert not _drawn(source)  # not committed: nothing drawn yet
    # One drawing task for the whole transaction.
    assert len([c for c in callbacks if isinstance(c, predraw._Pending)]) == 1
    assert _drawn(source)


def test_a_drawing_in_the_cache_without_the_desks_signature_is_never_served(
    source_factory, editor, editor_client
):
    source = source_factory("Title\nThe coalition has 26 nations and a plan.")
    highlight_services.highlight_create(
        source=source, start=24, end=34, user=editor, reason="Figure"
    )
    key = reader.drawing_key(
        source.current_revision.sha256, highlight_marks_for_reader(source=source)
    )
    planted = '<script>alert("planted")</script>'
    caches[settings.EDITORIAL_READER_CACHE].set(key, planted, timeout=None)
    page = editor_client.get(reverse("sources:detail", args=[source.pk])).content
    assert planted.encode() not in page
    assert b"26 nations" in page


@override_settings(TASKS=DATABASE)
def test_the_reader_asks_whether_the_checks_still_run_and_how_many_they_left(
    source_factory, editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        source = source_factory("Title\nThe envoy met the leaders.")
    url = reverse("jobs:checks-status", args=[source.pk])
    page = editor_client.get(reverse("sources:detail", args=[source.pk])).content
    assert url.encode() in page and b"checks running" in page
    assert editor_client.get(url).json() == {"running": True, "open": 0}
    DBTaskResult.objects.filter(task_path__endswith="check_source").update(
        status=TaskResultStatus.SUCCESSFUL
    )
    assert editor_client.get(url).json() == {"running": False, "open": 0}


def _failed_task() -> DBTaskResult:
    result = flaky.enqueue("staff-sees", 100)
    row = DBTaskResult.objects.get(pk=result.id)
    try:
        raise RuntimeError("the receiver is down")
    except RuntimeError as error:
        row.set_failed(error)
    return row


@override_settings(TASKS=DATABASE)
def test_a_failed_task_shows_its_error_to_staff_who_can_retry_it(client, user_factory):
    row = _failed_task()
    client.force_login(user_factory("ops", is_staff=True))
    page = client.get(reverse("jobs:list")).content.decode()
    assert "tests.editorial.jobs.flaky.flaky" in page
    assert "the receiver is down" in page
    response = client.post(reverse("jobs:retry", args=[row.pk]))
    assert response.status_code == 302
    again = DBTaskResult.objects.exclude(pk=row.pk).get()
    assert again.status == TaskResultStatus.READY
    assert again.args_kwargs == {"args": ["staff-sees", 100], "kwargs": {}}


@override_settings(TASKS=DATABASE)
def test_only_staff_see_the_jobs_page_and_retry(editor_client):
    row = _failed_task()
    assert editor_client.get(reverse("jobs:list")).status_code == 403
    assert editor_client.post(reverse("jobs:retry", args=[row.pk])).status_code == 403
    assert DBTaskResult.objects.count() == 1
