"""Uploads are refused as they are read; texts waiting for review stay out of the session."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from editorial.intake.views import PENDING
from editorial.models import PendingImport
from sources.models import Source
from tests.sources.test_import_page import URL, review_data, upload

NINETEEN_MB = b"word " * (19 * 1024 * 1024 // 5)
RECORDER = "tests.sources.test_import_uploads.Recorder"


class Recorder(FileUploadHandler):
    """Sits before Django's own handlers and notes the most bytes they got of a file."""

    most = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.size = 0

    def receive_data_chunk(self, raw_data, start):
        self.size += len(raw_data)
        Recorder.most = max(Recorder.most, self.size)
        return raw_data

    def file_complete(self, file_size):
        return None


def test_five_19_mb_files_are_refused_at_upload_and_nothing_is_kept(
    editor_client, settings
):
    handlers = list(settings.FILE_UPLOAD_HANDLERS)
    handlers.insert(
        handlers.index("django.core.files.uploadhandler.MemoryFileUploadHandler"),
        RECORDER,
    )
    settings.FILE_UPLOAD_HANDLERS = handlers
    Recorder.most = 0
    files = [SimpleUploadedFile(f"big{n}.txt", NINETEEN_MB) for n in range(5)]
    response = editor_client.post(URL, {"files": files})
    # Django's handlers (memory, temporary file) got at most a chunk past the limit.
    assert 0 < Recorder.most < settings.EDITORIAL_MAX_BODY_CHARS + 100_000
    assert response.status_code == 400
    page = response.content.decode()
    for n in range(5):
        assert (
            f"big{n}.txt has more than {settings.EDITORIAL_MAX_BODY_CHARS:,} characters"
        ) in page
    assert not PendingImport.objects.exists()
    assert PENDING not in editor_client.session
    assert not Source.objects.exists()


def test_a_file_over_the_byte_limit_is_refused_as_it_is_read(editor_client, settings):
    settings.EDITORIAL_MAX_UPLOAD_BYTES = 100_000
    page = editor_client.post(
        URL, {"files": [SimpleUploadedFile("page.html", b"<p>x</p>" * 20_000)]}
    ).content.decode()
    assert "page.html is larger than 100,000 bytes, the limit for one file" in page
    assert not PendingImport.objects.exists()


def test_too_many_files_or_too_many_bytes_in_one_upload_are_refused(
    editor_client, settings
):
    settings.EDITORIAL_MAX_UPLOAD_FILES = 2
    files = [SimpleUploadedFile(f"a{n}.txt", b"Title\nText %d" % n) for n in range(3)]
    page = editor_client.post(URL, {"files": files}).content.decode()
    assert "a2.txt: at most 2 files can be uploaded at once" in page
    settings.EDITORIAL_MAX_UPLOAD_FILES = 20
    settings.EDITORIAL_MAX_UPLOAD_TOTAL_BYTES = 150_000
    files = [SimpleUploadedFile(f"b{n}.txt", b"x" * 60_000) for n in range(3)]
    page = editor_client.post(URL, {"files": files}).content.decode()
    assert "b2.txt: the files together are larger than 150,000 bytes" in page
    assert not PendingImport.objects.exists()


def test_the_revision_form_shows_a_refused_file_and_changes_nothing(
    editor_client, source_factory, settings
):
    source = source_factory("Title\nThe text.")
    settings.EDITORIAL_MAX_UPLOAD_BYTES = 1000
    response = editor_client.post(
        reverse("sources:revision-new", args=[source.pk]),
        {
            "body": "Title\nA changed text.",
            "file": SimpleUploadedFile("new.txt", b"y" * 5000),
            "reason": "Newer version",
            "expected_number": 1,
        },
    )
    assert response.status_code == 400
    assert "new.txt is larger than 1,000 bytes" in response.content.decode()
    assert source.revisions.count() == 1


def test_the_session_holds_no_texts_and_saving_drops_the_waiting_rows(
    editor_client,
):
    response = editor_client.post(URL, {"files": [upload("coalition.txt")]})
    assert response.status_code == 200
    row = PendingImport.objects.get()
    assert "Macron" in row.body
    session = editor_client.session
    assert session[PENDING] == row.batch
    assert "Macron" not in str(dict(session.items()))
    editor_client.post(URL, review_data(response))
    assert Source.objects.count() == 1
    assert not PendingImport.objects.exists()
    assert PENDING not in editor_client.session


def test_start_again_drops_the_waiting_rows(editor_client):
    editor_client.post(URL, {"files": [upload("coalition.txt")]})
    assert PendingImport.objects.exists()
    response = editor_client.post(URL, {"discard": "1"})
    assert response.status_code == 302
    assert not PendingImport.objects.exists()


def test_expired_waiting_rows_are_dropped_on_a_visit_and_by_the_command(
    editor_client, settings
):
    editor_client.post(URL, {"files": [upload("coalition.txt")]})
    old = timezone.now() - datetime.timedelta(
        hours=settings.EDITORIAL_PENDING_IMPORT_HOURS + 1
    )
    PendingImport.objects.update(created_at=old)
    editor_client.get(URL)
    assert not PendingImport.objects.exists()

    editor_client.post(URL, {"files": [upload("coalition.txt")]})
    PendingImport.objects.update(created_at=old)
    out = io.StringIO()
    call_command("expire_pending_imports", stdout=out)
    assert out.getvalue().startswith("1 waiting article(s)")
    assert not PendingImport.objects.exists()
