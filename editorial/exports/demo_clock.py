"""A clock for building the demo: the services act at the demo's dates, not today's.

``DemoClock`` stands in for ``django.utils.timezone.now`` (which the services,
django-simple-history and the models' ``default=timezone.now`` fields read) while the
demo is built, so every history row, ``created_at`` and ``reviewed_at`` carries the
moment the demo says the editor or reviewer acted. Only ``build_demo_fixtures`` uses
it; nothing at run time does.
"""

from __future__ import annotations

import datetime
from contextlib import contextmanager
from unittest import mock

from django.apps import apps
from django.utils import timezone


class DemoClock:
    def __init__(self, start: datetime.datetime):
        self.moment = start

    def now(self) -> datetime.datetime:
        return self.moment

    def at(self, moment: datetime.datetime) -> None:
        """Move to ``moment`` (never back: history stays in order)."""
        self.moment = max(self.moment, moment)

    def tick(self, minutes: int = 3) -> datetime.datetime:
        self.moment += datetime.timedelta(minutes=minutes)
        return self.moment

    @contextmanager
    def running(self):
        """Within the block, "now" is this clock's moment everywhere the desk asks."""
        real = timezone.now
        patched = [
            f
            for model in apps.get_models()
            for f in model._meta.concrete_fields
            if f.default is real
        ]
        # Django caches a field's default getter (``Field._get_default``) on first use.
        for f in patched:
            f.default = self.now
            f.__dict__.pop("_get_default", None)
        try:
            with mock.patch.object(timezone, "now", self.now):
                yield self
        finally:
            for f in patched:
                f.default = real
                f.__dict__.pop("_get_default", None)
