"""Large exports are made by a worker; their page shows progress and offers the file to
the user who asked and to staff only."""

from __future__ import annotations

import io
import json
import zipfile

from django.urls import reverse

from editorial.exports import tasks as export_tasks
from editorial.highlights import services as highlight_services
from editorial.models import ExportJob


def _start(client, kind, capture):
    with capture(execute=True):
        response = client.post(reverse("jobs:export-start"), {"kind": kind})
    assert response.status_code == 302
    return ExportJob.objects.latest("id")


def test_the_annotation_export_is_made_in_the_background_and_offered_when_ready(
    client, editor, user_factory, source_factory, django_capture_on_commit_callbacks
):
    source = source_factory("Title\nThe coalition has 26 nations and a plan.")
    highlight_services.highlight_create(
        source=source, start=24, end=34, user=editor, reason="Figure"
    )
    client.force_login(editor)
    job = _start(client, "annotations", django_capture_on_commit_callbacks)
    assert job.status == ExportJob.Status.DONE
    status = client.get(reverse("jobs:export-status", args=[job.pk])).json()
    assert status["status"] == "done" and status["percent"] == 100
    page = client.get(reverse("jobs:export", args=[job.pk])).content.decode()
    assert reverse("jobs:export-download", args=[job.pk]) in page
    response = client.get(reverse("jobs:export-download", args=[job.pk]))
    document = json.loads(b"".join(response.streaming_content))
    assert document["type"] == "AnnotationCollection"
    assert document["total"] == 1
    [item] = document["first"]["items"]
    assert item["target"]["selector"][0]["exact"] == "26 nations"

    other = user_factory("other-editor", group="editors")
    client.force_login(other)
    for name in ("jobs:export", "jobs:export-status", "jobs:export-download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
    client.force_login(user_factory("ops", is_staff=True))
    assert client.get(reverse("jobs:export-download", args=[job.pk])).status_code == 200


def test_the_fixtures_with_history_come_zipped_with_their_history(
    client, reviewer, source_factory, django_capture_on_commit_callbacks
):
    source_factory("Title\nThe envoy met the leaders.")
    client.force_login(reviewer)
    job = _start(client, "fixtures-history", django_capture_on_commit_callbacks)
    assert job.status == ExportJob.Status.DONE and job.total > 0
    response = client.get(reverse("jobs:export-download", args=[job.pk]))
    names = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()
    assert "history.json" in names and "sources.json" in names


def test_an_editor_cannot_ask_for_the_fixtures_with_history(editor_client):
    response = editor_client.post(
        reverse("jobs:export-start"), {"kind": "fixtures-history"}
    )
    assert response.status_code == 403
    assert not ExportJob.objects.exists()


def test_a_failed_export_says_why_on_its_page(
    client, editor, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(path, job):
        raise OSError("No space left on device")

    monkeypatch.setitem(
        export_tasks.WRITERS, ExportJob.Kind.ANNOTATIONS, (broken, "jsonld")
    )
    client.force_login(editor)
    job = _start(client, "annotations", django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert job.attempts == 4  # tried again, then left for staff
    page = client.get(reverse("jobs:export", args=[job.pk])).content.decode()
    assert "No space left on device" in page
    assert not list(export_tasks.export_folder().glob("*.part"))
