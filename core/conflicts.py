"""A save that started from an older version than the one now stored."""

from __future__ import annotations


class EditConflict(Exception):
    """Someone saved the object after the version this edit started from."""

    def __init__(self, current, expected_version: int):
        super().__init__(
            f"This was changed by someone else (now version {current.version}, "
            f"your edit started from version {expected_version}). Nothing was saved."
        )
        self.current = current
        self.expected_version = expected_version
