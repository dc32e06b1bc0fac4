"""The reader in a real Chromium: 2,000 highlights against none, the first view after a
change included (issue 19: at most 1.5×).

    python -m tests.benchmarks.run --only browser [--runs 15] [--scale 1.0]

The desk is the benchmark's generated one: the long encyclopedia seed with
``2000 × scale`` highlights, and a bare copy of its text with none. Django's live
server thread (a threaded WSGI server on 127.0.0.1, static files through staticfiles'
handler) serves it from this process, so a change made here runs its drawing task
(the immediate backend) into the reader cache the server reads, as a worker does for
several servers with a shared cache. Debian's chromium (never a downloaded browser),
headless through Playwright, logs in as the benchmark's editor by the log-in form.

Each run: a claim status change on the encyclopedia through ``claim_set_status``
(committed, so its drawing task has run; then a ``gc.collect()``, as the change's
garbage is this process's and a deployment makes changes in other processes), then
three views: the encyclopedia twice (its first view after the change, then a later
one) and the bare copy, each taking each place in turn (``ORDERS``), so the moment just
after a change falls on every view alike; each view in a new tab. Per view, from the browser's own clock (the Navigation Timing
entry): navigation start to the load event, and to the reader's ready mark
(``performance.mark("editorial:reader-ready")`` in ``reader.js``, set once its
listeners are in place); with the server's share (request to first byte) and
Chromium's own counts (``Performance.getMetrics`` over the DevTools protocol: script,
layout and style time, DOM nodes) to say where the time goes. Two warm-up runs are
left out; ratios compare medians measured in the same run.
"""

from __future__ import annotations

import gc
import os
import statistics
from pathlib import Path

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS

ALLOWED = 1.5
#: generate.people()'s password for the benchmark's accounts.
PASSWORD = "bench-pass-123"
READY = "editorial:reader-ready"
VIEWS = ("bare", "highlights", "first view after a change")
#: The order of the views in a run, taken in turn.
ORDERS = (
    ("first view after a change", "highlights", "bare"),
    ("bare", "first view after a change", "highlights"),
    ("first view after a change", "bare", "highlights"),
)

#: What a view reports: the navigation entry's times (ms from navigation start), the
#: ready mark, and the page's size.
TIMINGS_JS = """(ready) => {
  const nav = performance.getEntriesByType("navigation")[0];
  const mark = performance.getEntriesByName(ready)[0];
  return {
    load_ms: nav.loadEventStart,
    ready_ms: mark ? mark.startTime : null,
    server_ms: nav.responseStart - nav.requestStart,
    response_end_ms: nav.responseEnd,
    dom_content_loaded_ms: nav.domContentLoadedEventStart,
    html_bytes: nav.decodedBodySize,
    elements: document.getElementsByTagName("*").length,
    marks: document.querySelectorAll("mark[data-highlight-id]").length,
  };
}"""

#: Chromium's counters (seconds, summed over the tab's life) turned into milliseconds.
CDP_TIMES = {
    "ScriptDuration": "script_ms",
    "LayoutDuration": "layout_ms",
    "RecalcStyleDuration": "style_ms",
    "TaskDuration": "main_thread_ms",
}


def chromium_figures(metrics: list[dict]) -> dict:
    """Chromium's ``Performance.getMetrics`` list as the benchmark's names and units."""
    values = {entry["name"]: entry["value"] for entry in metrics}
    figures = {
        name: round(values[key] * 1000, 1)
        for key, name in CDP_TIMES.items()
        if key in values
    }
    if "Nodes" in values:
        figures["dom_nodes"] = int(values["Nodes"])
    return figures


def spread(values: list[float]) -> dict:
    """min / median / max of ``values``, rounded as the other benchmarks' figures."""
    return {
        "min": round(min(values), 1),
        "median": round(statistics.median(values), 1),
        "max": round(max(values), 1),
        "runs": len(values),
    }


def summarise(views: dict[str, list[dict]], measures=("load_ms", "ready_ms")) -> dict:
    """Each kind of view's spread per measure, and each kind's median against the bare
    page's for the measures that are times to an event.

    ``views`` maps a kind ("bare", ...) to the figures of its views, each a dict of
    numbers; a figure missing from a view (a ready mark never set) fails loudly rather
    than being left out of a median.
    """
    summary: dict[str, dict] = {}
    for kind, figures in views.items():
        names = sorted({name for one in figures for name in one})
        summary[kind] = {}
        for name in names:
            values = [one.get(name) for one in figures]
            if any(value is None for value in values):
                raise ValueError(f"{kind}: some views have no {name}")
            summary[kind][name] = spread(values)
    bare = summary["bare"]
    for kind in views:
        if kind == "bare":
            continue
        summary[kind]["ratio_to_bare"] = {
            measure: round(
                summary[kind][measure]["median"] / bare[measure]["median"], 2
            )
            for measure in measures
        }
    return summary


def verdict(summary: dict, allowed: float = ALLOWED) -> tuple[bool, float]:
    """Whether every ratio to the bare page is within ``allowed``, and the worst."""
    worst = max(
        ratio
        for kind, figures in summary.items()
        if kind != "bare"
        for ratio in figures["ratio_to_bare"].values()
    )
    return worst <= allowed, worst


# The desk and the server ------------------------------------------------------------


def _reader_sources(desk, scale: float):
    """The encyclopedia with its highlights, and a bare copy of its text."""
    from django.test import override_settings

    from editorial.intake.services import source_import_text
    from editorial.models import Highlight

    from . import generate

    source = desk.encyclopedia
    wanted = int(2000 * scale)
    count = Highlight.objects.filter(revision_id=source.current_revision_id).count()
    if count < wanted:
        generate.annotate(
            [source],
            highlights=wanted - count,
            claims=(wanted - count) // 2,
            user=desk.editor,
            reviewer=desk.reviewer,
            rng=generate.random.Random(23),
        )
    with override_settings(EDITORIAL_CHECK_AFTER_IMPORT=False):
        bare = source_import_text(
            text=f"{source.current_revision.body}\nA bare copy for the browser.",
            user=desk.editor,
            reason="Benchmark: the bare reader in a browser",
            title=f"{source.title} (bare, browser)",
        ).source
    return source, bare


def _status_changer(source, editor):
    """A function that moves one of ``source``'s claims between unverified and in
    review (an editor's change), each time a new state of the reader."""
    from editorial.claims.services import claim_set_status
    from editorial.models import Claim

    claim = (
        Claim.objects.filter(
            links__highlight__source=source, status__in=["unverified", "in_review"]
        )
        .order_by("pk")
        .first()
    )

    def change(number: int) -> None:
        nonlocal claim
        target = "in_review" if claim.status == "unverified" else "unverified"
        claim = claim_set_status(
            claim=claim,
            status=target,
            user=editor,
            reason=f"Benchmark: a change before a first view ({number})",
            expected_version=claim.version,
        )

    return change


def _drawing_state(source):
    from editorial.highlights import reader
    from editorial.highlights.selectors import highlight_marks_for_reader

    highlights = highlight_marks_for_reader(source=source)
    revision = source.current_revision
    return (
        reader.drawing_key(revision.sha256, highlights),
        reader.is_drawn(revision=revision, highlights=highlights),
    )


class Server:
    """Django's live server thread on loopback, serving static files as the tests do."""

    def __enter__(self):
        from django.contrib.staticfiles.handlers import StaticFilesHandler
        from django.test.testcases import LiveServerThread

        self.thread = LiveServerThread("127.0.0.1", StaticFilesHandler)
        self.thread.daemon = True
        self.thread.start()
        self.thread.is_ready.wait()
        if self.thread.error:
            raise self.thread.error
        self.url = f"http://127.0.0.1:{self.thread.port}"
        return self

    def __exit__(self, *exc):
        self.thread.terminate()
        self.thread.join()


# The measure --------------------------------------------------------------------------


def view(context, url: str) -> dict:
    """Open ``url`` in a new tab and return its figures once the reader is ready."""
    page = context.new_page()
    try:
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable")
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        response = page.goto(url, wait_until="load")
        assert response.status == 200, (url, response.status)
        page.wait_for_function(
            "(name) => performance.getEntriesByName(name).length > 0", arg=READY
        )
        figures = page.evaluate(TIMINGS_JS, READY)
        figures.update(chromium_figures(cdp.send("Performance.getMetrics")["metrics"]))
        assert not errors, errors
        return figures
    finally:
        page.close()


def bench_browser(bench, desk, client, scale: float) -> None:
    from django.urls import reverse
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        bench.record("browser", f"{CHROMIUM} is missing", skipped=True)
        return
    source, bare = _reader_sources(desk, scale)
    urls = {
        "bare": reverse("sources:detail", args=[bare.pk]),
        "highlights": reverse("sources:detail", args=[source.pk]),
    }
    change = _status_changer(source, desk.editor)
    views: dict[str, list[dict]] = {kind: [] for kind in VIEWS}
    predrawn = []
    # Playwright's sync API keeps an event loop in this thread; the ORM calls made here
    # between views are synchronous and safe (as in tests/browser/conftest.py).
    unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with Server() as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            context = browser.new_context(
                viewport={"width": 1366, "height": 900}, base_url=server.url
            )
            context.set_default_timeout(60_000)
            login = context.new_page()
            login.goto("/accounts/login/")
            login.get_by_label("Username").fill(desk.editor.username)
            login.get_by_label("Password").fill(PASSWORD)
            login.get_by_role("button", name="Log in").click()
            login.wait_for_url(f"{server.url}/")
            login.close()
            for run in range(bench.runs + 2):
                before, _ = _drawing_state(source)
                change(run)
                after, drawn = _drawing_state(source)
                assert after != before, "the change left the reader as it was"
                # The change's garbage is this process's, not the server's: in a
                # deployment the change and its drawing happen in other processes.
                gc.collect()
                # Each view takes each place in turn (the first view after the
                # change always before the later one), so the moment after a change,
                # when the machine has just been busy, falls on every view alike.
                figures = {}
                for kind in ORDERS[run % len(ORDERS)]:
                    url = urls["bare" if kind == "bare" else "highlights"]
                    figures[kind] = view(context, url)
                if run >= 2:  # two warm-up runs
                    predrawn.append(drawn)
                    for kind, one in figures.items():
                        views[kind].append(one)
            version = browser.version
            browser.close()
    finally:
        if unsafe is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = unsafe
    summary = summarise(views)
    passed, worst = verdict(summary)
    wanted = int(2000 * scale)
    labels = {
        "bare": "the same text, no highlights",
        "highlights": f"{wanted} highlights",
        "first view after a change": f"{wanted} highlights, first view after a "
        "status change",
    }
    for kind in VIEWS:
        figures = summary[kind]
        extra = {"ratio_to_bare": figures["ratio_to_bare"]} if kind != "bare" else {}
        bench.record(
            "browser",
            f"Chromium {version}, 1366 px: {labels[kind]} (ms from navigation start "
            "to the load event; to the reader's ready mark)",
            ms=figures["load_ms"],
            ready_ms=figures["ready_ms"],
            **extra,
            server_ms_median=figures["server_ms"]["median"],
            response_end_ms_median=figures["response_end_ms"]["median"],
            dom_content_loaded_ms_median=figures["dom_content_loaded_ms"]["median"],
            script_ms_median=figures["script_ms"]["median"],
            layout_ms_median=figures["layout_ms"]["median"],
            style_ms_median=figures["style_ms"]["median"],
            dom_nodes_median=figures["dom_nodes"]["median"],
            marks=figures["marks"]["median"],
            html_bytes=figures["html_bytes"]["median"],
        )
    bench.record(
        "browser",
        "worst ratio to the bare page (load event and ready mark)",
        ratio=worst,
        allowed=ALLOWED,
        passed=passed,
        predrawn_before_each_first_view=all(predrawn),
    )
