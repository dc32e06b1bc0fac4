"""Uploads refused as they are read, before they are kept in memory or on disk.

Django's own handlers keep every uploaded file whole (in memory, then in a temporary
file) before a form sees its size. ``LimitedUploadHandler`` runs first
(``FILE_UPLOAD_HANDLERS``) and counts every chunk: a file past
``EDITORIAL_MAX_UPLOAD_BYTES``, a plain-text file past ``EDITORIAL_MAX_BODY_CHARS``
characters, a file past ``EDITORIAL_MAX_UPLOAD_FILES`` or past
``EDITORIAL_MAX_UPLOAD_TOTAL_BYTES`` in one request is skipped at once (what the later
handlers held of it is closed and removed) and the reason is noted on the request
(``upload_refusals``), for the page's form to show.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

#: Files counted in characters as they arrive: plain text, kept as it is.
TEXT_SUFFIXES = (".txt",)
#: UTF-8 continuation bytes: every other byte starts a character.
_CONTINUATION = [bytes([value]) for value in range(0x80, 0xC0)]


def refusals(request) -> list[str]:
    """Why files of this request's upload were refused (empty when none was)."""
    return list(getattr(request, "upload_refusals", []))


class LimitedUploadHandler(FileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self.files = 0
        self.total = 0
        if request is not None:
            request.upload_refusals = []

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.files += 1
        self.size = 0
        self.characters = 0
        self.counts_characters = (file_name or "").lower().endswith(TEXT_SUFFIXES)
        if self.files > settings.EDITORIAL_MAX_UPLOAD_FILES:
            self._refuse(
                f"{file_name}: at most {settings.EDITORIAL_MAX_UPLOAD_FILES} files "
                "can be uploaded at once; import the rest separately."
            )

    def receive_data_chunk(self, raw_data, start):
        self.size += len(raw_data)
        self.total += len(raw_data)
        if self.size > settings.EDITORIAL_MAX_UPLOAD_BYTES:
            self._refuse(
                f"{self.file_name} is larger than {settings.EDITORIAL_MAX_UPLOAD_BYTES:,} "
                "bytes, the limit for one file."
            )
        if self.total > settings.EDITORIAL_MAX_UPLOAD_TOTAL_BYTES:
            self._refuse(
                f"{self.file_name}: the files together are larger than "
                f"{settings.EDITORIAL_MAX_UPLOAD_TOTAL_BYTES:,} bytes, the limit for "
                "one upload; import them in smaller groups."
            )
        if self.counts_characters:
            # Characters of UTF-8 text, line-ending CRs aside (the import drops them).
            self.characters += (
                len(raw_data)
                - sum(raw_data.count(byte) for byte in _CONTINUATION)
                - raw_data.count(b"\r")
            )
            if self.characters > settings.EDITORIAL_MAX_BODY_CHARS:
                self._refuse(
                    f"{self.file_name} has more than "
                    f"{settings.EDITORIAL_MAX_BODY_CHARS:,} characters, the limit "
                    "for a source's text."
                )
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler makes the file

    def _refuse(self, reason: str):
        if self.request is not None:
            self.request.upload_refusals.append(reason)
        raise SkipFile(reason)
