"""Logging for the desk: an expected refusal is one line, not a traceback.

Django logs a 403 (``PermissionDenied``, raised by the role checks in every service)
on ``django.request`` with the exception attached, so each refusal printed a full
traceback; with ``DEBUG`` on it printed it twice, once from Django's own console
handler and once from the root's. A refusal is the desk working as meant: it keeps
its one line (method, path, status); a 500 keeps its traceback.
"""

from __future__ import annotations

import logging


class OneLineRefusals(logging.Filter):
    """Drop the traceback of a request that ended below 500 (a refusal, not a fault)."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
