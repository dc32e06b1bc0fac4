"""The test suite: fast password hashing, plain static storage, a throwaway database."""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")

from .base import *  # noqa: E402,F401,F403
from .base import DATABASES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEBUG = False
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = ["*"]

# A file, not SQLite's shared in-memory database: concurrent requests in the tests
# then meet the same WAL journal and IMMEDIATE write lock as a real server. One file per
# test process, so parallel runs never share it.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {
        "NAME": f"/tmp/editorial-test-{os.getpid()}.sqlite3"
    }

# Unit tests run tasks in the request that enqueues them; the end-to-end test of the
# worker switches to the database backend itself (override_settings), and starts
# `db_worker` with EDITORIAL_TASKS=database so the worker's settings agree.
if os.environ.get("EDITORIAL_TASKS") != "database":
    TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "checks", "drawing", "exports", "webhooks"],
        }
    }
# Pre-draw the reader after each committed change (immediate backend: in the process).
EDITORIAL_PREDRAW = True
MEDIA_ROOT = f"/tmp/editorial-test-media-{os.getpid()}"
