"""Issue 19's benchmarks: what moving work off the request buys.

* ``predraw``: the reader with 2,000 highlights against none, the first view after a
  change included. The change goes through a service and commits, so the drawing task
  (immediate backend here: the worker's work, done before the next request) has drawn
  the new state; the view then reads it.
* ``import``: importing one article through the page (paste, then save the review) on
  the 5,000-source desk, with the checks queued for a worker (the database backend, as
  served) against the checks switched off; and, for contrast, with the checks run on
  commit inside the request (the immediate backend, as before issue 19).
"""

from __future__ import annotations

import statistics
import time
from html.parser import HTMLParser


class _FormFields(HTMLParser):
    """The fields of the import review form, as a browser would send them."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, list[str]] = {}
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("submit", "button", "file"):
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.fields.setdefault(name, []).append(attrs.get("value", default))
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields.setdefault(name, []).append("")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.setdefault(self._select, []).append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        if tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea][-1] += data


def page_import(client, text: str) -> None:
    """Paste ``text`` on the import page, then save the review as it comes."""
    from django.urls import reverse

    url = reverse("sources:import")
    review = client.post(url, {"pasted": text, "pasted_format": "text"})
    assert review.status_code == 200, review.status_code
    parsed = _FormFields()
    parsed.feed(review.content.decode())
    fields = {**parsed.fields, "save": ["1"], "reason": ["Benchmark import"]}
    saved = client.post(url, fields)
    assert saved.status_code == 302, (saved.status_code, saved.content[:2000])


def _ms(times: list[float]) -> dict:
    return {
        "min": round(min(times) * 1000, 2),
        "median": round(statistics.median(times) * 1000, 2),
        "max": round(max(times) * 1000, 2),
        "runs": len(times),
    }


def bench_page_import(bench, desk, client, scale: float) -> None:
    from django.test import override_settings
    from django_tasks_db.models import DBTaskResult

    from editorial.models import Suggestion
    from sources.models import Source

    from . import generate

    queues = ["default", "checks", "drawing", "exports", "webhooks"]
    database = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": queues}
    }
    immediate = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": queues,
        }
    }
    sentences = generate.sentences()
    counter = iter(range(10**6))

    def one(times):
        number = next(counter)
        title, body = generate.article_text(
            4000, sentences, generate.random.Random(1000 + number)
        )
        text = f"{title} {number}\n{body}\nImported for the benchmark, run {number}."
        began = time.perf_counter()
        page_import(client, text)
        times.append(time.perf_counter() - began)

    on_desk = Source.objects.count()
    variants = {
        "checks off": (False, database),
        "checks queued for a worker": (True, database),
        "checks run in the request (before issue 19)": (True, immediate),
    }
    times: dict[str, list[float]] = {label: [] for label in variants}
    # Round-robin, so a busy moment of the machine falls on every variant alike.
    for run in range(bench.runs + 1):
        for label, (checks, tasks) in variants.items():
            with override_settings(EDITORIAL_CHECK_AFTER_IMPORT=checks, TASKS=tasks):
                one(times[label] if run else [])
    figures = {}
    for label in variants:
        figures[label] = _ms(times[label])
        bench.record(
            "import",
            f"import one article through the page, {label} ({on_desk} on the desk)",
            ms=figures[label],
        )
    queued = DBTaskResult.objects.filter(task_path__endswith="check_source").count()
    off = figures["checks off"]["median"]
    bench.record(
        "import",
        "page import with checks queued against checks off",
        ratio=round(figures["checks queued for a worker"]["median"] / off, 2),
        ratio_in_request=round(
            figures["checks run in the request (before issue 19)"]["median"] / off, 2
        ),
        allowed=1.2,
        check_tasks_queued=queued,
        suggestions=Suggestion.objects.count(),
    )


def bench_predraw(bench, desk, client, scale: float) -> None:
    """The reader's first view after each change, with the change's drawing task run."""
    from django.conf import settings
    from django.core.exceptions import ValidationError
    from django.db import transaction
    from django.test import override_settings
    from django.urls import reverse

    from editorial.highlights import services as highlight_services
    from editorial.intake.services import source_import_text
    from editorial.models import Highlight

    from . import generate

    source = desk.encyclopedia
    url = reverse("sources:detail", args=[source.pk])

    def view(address):
        response = client.get(address)
        assert response.status_code == 200

    count = Highlight.objects.filter(revision_id=source.current_revision_id).count()
    wanted = int(2000 * scale)
    if count < wanted:
        generate.annotate(
            [source],
            highlights=wanted - count,
            claims=(wanted - count) // 2,
            user=desk.editor,
            reviewer=desk.reviewer,
            rng=generate.random.Random(19),
        )
    body = source.current_revision.body
    # The same text, bar a last line, with no highlights: the bare page to compare with.
    with override_settings(EDITORIAL_CHECK_AFTER_IMPORT=False):
        bare = source_import_text(
            text=f"{body}\nA bare copy.",
            user=desk.editor,
            reason="Benchmark: the bare reader",
            title=f"{source.title} (bare)",
        ).source
    bare_url = reverse("sources:detail", args=[bare.pk])
    view(bare_url)
    times, bare_times = [], []
    # Interleaved with the bare page, so a busy moment of the machine falls on both.
    for run in range(bench.runs + 2):
        start, made = (run * 7919) % max(1, len(body) - 40), None
        while made is None:
            try:
                with transaction.atomic():  # the change commits: its drawing task runs
                    made = highlight_services.highlight_create(
                        source=source,
                        start=start,
                        end=start + 12,
                        user=desk.editor,
                        reason="Benchmark change",
                    )
            except ValidationError:
                start += 13
        began = time.perf_counter()
        view(url)
        took = time.perf_counter() - began
        began = time.perf_counter()
        view(bare_url)
        bare_took = time.perf_counter() - began
        if run >= 2:
            times.append(took)
            bare_times.append(bare_took)
        with transaction.atomic():
            highlight_services.highlight_delete(
                highlight=made, user=desk.editor, reason="Benchmark change undone"
            )
    empty = _ms(bare_times)
    first = _ms(times)
    bench.record(
        "reader",
        f"first view after a change, {wanted} highlights, pre-drawn "
        f"(EDITORIAL_PREDRAW={settings.EDITORIAL_PREDRAW})",
        ms=first,
        bare_ms=empty,
        ratio_to_no_highlights=round(first["median"] / empty["median"], 2),
        allowed=1.3,
    )
