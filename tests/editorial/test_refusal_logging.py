"""An expected refusal (403) is logged in one line, once; a server error keeps its traceback."""

from __future__ import annotations

import io
import logging
import sys

import pytest
from django.urls import reverse

from editorial.logs import OneLineRefusals


@pytest.fixture
def printed(settings):
    """What the desk's console log prints, with DEBUG on as under ``runserver``."""
    settings.DEBUG = True
    handler = next(
        h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler
    )
    out = io.StringIO()
    old = handler.setStream(out)
    # Django's own console handler (DEBUG only) printed each record a second time.
    django_handlers = [
        h for h in logging.getLogger("django").handlers if h.name == "console"
    ]
    for h in django_handlers:
        h.setStream(out)
    yield out
    handler.setStream(old)
    for h in django_handlers:
        h.setStream(sys.stderr)


def test_a_refused_request_writes_one_line_and_no_traceback(printed, editor_client):
    response = editor_client.get(reverse("export:fixtures"))
    assert response.status_code == 403
    log = printed.getvalue()
    assert "Traceback" not in log
    assert len([line for line in log.splitlines() if "Forbidden" in line]) == 1, log


def test_a_server_error_keeps_its_traceback():
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Internal Server Error", (), None
    )
    try:
        raise ValueError("boom")
    except ValueError:
        record.exc_info = sys.exc_info()
    record.status_code = 500
    assert OneLineRefusals().filter(record) and record.exc_info is not None
