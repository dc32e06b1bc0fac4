"""With CACHE_URL, application servers share one cache: a drawing one server made is
the drawing every other serves, and what comes back from the cache is trusted only with
the desk's signature. Runs against a throwaway Redis on loopback (Debian's
redis-server; ``.ci/with-redis`` installs it when missing)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from editorial.highlights import reader
from editorial.highlights import services as highlight_services
from editorial.highlights.selectors import highlight_marks_for_reader

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    shutil.which("redis-server") is None,
    reason="needs Debian's redis-server (.ci/with-redis installs it)",
)

#: One "application server": Django with CACHE_URL, drawing a text through the reader
#: cache and saying how many drawings it really made.
SERVER = """
import json, sys, django
django.setup()
from types import SimpleNamespace
from editorial.highlights import marks, reader
made = []
draw = marks.reader_html
marks.reader_html = lambda body, highlights: made.append(1) or draw(body, highlights)
state = json.load(sys.stdin)
html = reader.drawn_text(
    revision=SimpleNamespace(body=state["body"], sha256=state["sha256"]),
    highlights=[tuple(h) for h in state["highlights"]],
)
print(json.dumps({"made": len(made), "html": str(html)}))
"""


@pytest.fixture(scope="module")
def redis_url():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", ""]
        + ["--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as client:
                if client.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def shared(url: str) -> dict:
    """``CACHES`` as settings/base.py makes them from CACHE_URL."""
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "editorial",
        },
        "reader": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "editorial-reader",
            "TIMEOUT": None,
        },
    }


def other_server(redis_url: str, state: dict) -> dict:
    env = {
        **os.environ,
        "CACHE_URL": redis_url,
        "DJANGO_SETTINGS_MODULE": "editorial.settings.test",
    }
    done = subprocess.run(
        [sys.executable, "-c", SERVER],
        input=json.dumps(state),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_settings_choose_redis_from_cache_url(redis_url):
    env = {**os.environ, "CACHE_URL": redis_url}
    env["DJANGO_SETTINGS_MODULE"] = "editorial.settings.test"
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.CACHES['reader']['BACKEND'], s.CACHES['default']['LOCATION'], "
        "s.AXES_HANDLER, s.EDITORIAL_PREDRAW)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    ).stdout.split()
    assert out == [
        "django.core.cache.backends.redis.RedisCache",
        redis_url,
        "axes.handlers.cache.AxesCacheHandler",
        "True",
    ]


def test_two_app_servers_see_one_drawing(redis_url, source_factory, editor, client):
    source = source_factory("Title\nThe coalition has 26 nations and a plan.")
    highlight_services.highlight_create(
        source=source, start=24, end=34, user=editor, reason="Figure"
    )
    highlights = highlight_marks_for_reader(source=source)
    state = {
        "body": source.current_revision.body,
        "sha256": source.current_revision.sha256,
        "highlights": highlights,
    }
    with override_settings(CACHES=shared(redis_url)):
        caches[settings.EDITORIAL_READER_CACHE].clear()
        client.force_login(editor)
        page = client.get(reverse("sources:detail", args=[source.pk])).content.decode()
    elsewhere = other_server(redis_url, state)
    assert elsewhere["made"] == 0  # drawn once, by the first server
    assert elsewhere["html"] in page


def test_markup_planted_in_the_shared_cache_is_never_served(redis_url):
    state = {
        "body": "Title\nThe coalition has 26 nations.",
        "sha256": "f" * 64,
        "highlights": [[1, 24, 34, "none"]],
    }
    key = reader.drawing_key(state["sha256"], [tuple(h) for h in state["highlights"]])
    with override_settings(CACHES=shared(redis_url)):
        planted = '<img src=x onerror="alert(1)">'
        caches[settings.EDITORIAL_READER_CACHE].set(key, planted, timeout=None)
        caches[settings.EDITORIAL_READER_CACHE].set(
            key + "x", planted + ":forged", timeout=None
        )
    elsewhere = other_server(redis_url, state)
    assert elsewhere["made"] == 1
    assert "onerror" not in elsewhere["html"]
    assert "26 nations" in elsewhere["html"]
