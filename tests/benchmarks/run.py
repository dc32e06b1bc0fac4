"""The issue's benchmarks, run in one process against a throwaway database.

    python -m tests.benchmarks.run [--scale 1.0] [--runs 15] [--only reader,lists]

The database is SQLite (a temporary file) or, with ``DATABASE_URL``, a ``test_``
database on that PostgreSQL server (``make bench`` runs both). Each figure is the
server's time to answer one request through Django's test client (middleware, view,
queries, template; no network), repeated ``--runs`` times after two warm-up requests,
and reported as min / median / max. Ratios compare medians measured in the same run.
Results go to ``tests/benchmarks/results/<vendor>.json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "editorial.settings.test")

RESULTS = Path(__file__).resolve().parent / "results"
ROOT = Path(__file__).resolve().parents[2]


class Bench:
    def __init__(self, runs: int):
        self.runs = runs
        self.rows: list[dict] = []

    def timed(self, call, runs: int | None = None) -> dict:
        """min / median / max milliseconds of ``call()``, after two warm-up calls."""
        for _ in range(2):
            call()
        times = []
        for _ in range(runs or self.runs):
            began = time.perf_counter()
            call()
            times.append((time.perf_counter() - began) * 1000)
        return {
            "min": round(min(times), 2),
            "median": round(statistics.median(times), 2),
            "max": round(max(times), 2),
            "runs": len(times),
        }

    def record(self, benchmark: str, what: str, **figures) -> dict:
        row = {"benchmark": benchmark, "what": what, **figures}
        self.rows.append(row)
        shown = ", ".join(f"{k}={v}" for k, v in figures.items())
        print(f"[{benchmark}] {what}: {shown}", flush=True)
        return row


def queries_of(call) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def get(client, url, expect=200):
    def call():
        response = client.get(url)
        assert response.status_code == expect, (url, response.status_code)
        return response

    return call


# 1. Reader -------------------------------------------------------------------------------


def bench_reader(bench: Bench, desk, client, scale: float) -> None:
    from django.urls import reverse

    from . import generate

    source = desk.encyclopedia
    url = reverse("sources:detail", args=[source.pk])
    page = get(client, url)
    empty = bench.timed(page)
    empty_queries = queries_of(page)
    bench.record(
        "reader", "encyclopedia, no highlights", ms=empty, queries=empty_queries
    )
    rng = generate.random.Random(1)
    generate.annotate(
        [source],
        highlights=10,
        claims=5,
        user=desk.editor,
        reviewer=desk.reviewer,
        rng=rng,
    )
    ten = bench.timed(page)
    ten_queries = queries_of(page)
    bench.record("reader", "encyclopedia, 10 highlights", ms=ten, queries=ten_queries)
    many = int(2000 * scale)
    generate.annotate(
        [source],
        highlights=many - 10,
        claims=many // 2 - 5,
        user=desk.editor,
        reviewer=desk.reviewer,
        rng=rng,
    )
    full = bench.timed(page)
    full_queries = queries_of(page)
    bench.record(
        "reader",
        f"encyclopedia, {many} highlights, {many // 2} claims",
        ms=full,
        queries=full_queries,
        ratio_to_no_highlights=round(full["median"] / empty["median"], 2),
        same_queries_as_10=full_queries == ten_queries,
    )
    # The first reader after a change draws the marks (editorial.reader keeps them).
    from django.conf import settings
    from django.core.cache import caches

    def first_drawing():
        caches[settings.EDITORIAL_READER_CACHE].clear()
        page()

    drawing = bench.timed(first_drawing)
    bench.record(
        "reader",
        f"encyclopedia, {many} highlights, first reader after a change (marks drawn)",
        ms=drawing,
        ratio_to_no_highlights=round(drawing["median"] / empty["median"], 2),
    )
    # A click: the side panel fetches the claims and evidence of the highlights under it.
    from editorial.models import Highlight

    under = Highlight.objects.filter(
        revision_id=source.current_revision_id, links__isnull=False
    ).values_list("pk", flat=True)[:3]
    panel = get(
        client,
        reverse("api:source-highlights", args=[source.pk])
        + "?ids="
        + ",".join(str(pk) for pk in under),
    )
    bench.record(
        "reader",
        f"side panel: {len(under)} highlights' claims and evidence, from the API",
        ms=bench.timed(panel),
        queries=queries_of(panel),
    )


# 2. Annotation write -----------------------------------------------------------------------


def bench_write(bench: Bench, desk, client, scale: float) -> None:
    from django.test import override_settings
    from django.urls import reverse

    from . import generate

    source = desk.seeds[0]
    body = source.current_revision.body
    spans = iter(generate.random_spans(body, 10_000, generate.random.Random(2)))
    url = reverse("api:annotations")

    def post():
        start, end = next(spans)
        document = {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "Annotation",
            "body": [
                {
                    "type": "TextualBody",
                    "purpose": "describing",
                    "value": f"Bench claim about {body[start:end][:60]}",
                }
            ],
            "target": {
                "source": f"/sources/{source.pk}/",
                "selector": [
                    {"type": "TextPositionSelector", "start": start, "end": end},
                    {"type": "TextQuoteSelector", "exact": body[start:end]},
                ],
            },
            "reason": "Benchmark write",
        }
        response = client.post(
            url, json.dumps(document), content_type="application/json"
        )
        # The same words twice reuse the highlight; both are stored writes.
        assert response.status_code == 201, response.content[:300]

    with_history = bench.timed(post, runs=bench.runs * 2)
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        without = bench.timed(post, runs=bench.runs * 2)
    bench.record(
        "write",
        "POST /api/annotations/ (highlight + claim + link), history on",
        ms=with_history,
    )
    bench.record(
        "write",
        "the same, history switched off",
        ms=without,
        history_cost_ratio=round(with_history["median"] / without["median"], 2),
    )


# 3. Lists and 6. search ------------------------------------------------------------------------


def bench_lists(bench: Bench, desk, client, scale: float) -> None:
    from django.urls import reverse

    from editorial.models import Claim

    sources_url = reverse("sources:list")
    claims_url = reverse("claims:list")
    assignee = desk.editor.pk
    pages = [
        ("sources list, first page", sources_url),
        (
            "sources list, kind filter, page 3",
            f"{sources_url}?kind=news_article&page=3",
        ),
        ("claims list, first page", claims_url),
        ("claims list, status filter, page 5", f"{claims_url}?status=in_review&page=5"),
        ("claims list, assignee filter", f"{claims_url}?assignee={assignee}"),
        (
            "claims list, source filter",
            f"{claims_url}?source={desk.synthetic[len(desk.synthetic) // 2].pk}",
        ),
    ]
    counts = {
        "sources": len(desk.seeds) + len(desk.synthetic),
        "claims": Claim.objects.count(),
    }
    for what, url in pages:
        call = get(client, url)
        bench.record(
            "lists",
            f"{what} ({counts['sources']} sources, {counts['claims']} claims)",
            ms=bench.timed(call),
            queries=queries_of(call),
        )


def bench_search(bench: Bench, desk, client, scale: float) -> None:
    from django.urls import reverse

    from editorial.claims import selectors as claim_selectors
    from editorial.intake import selectors as intake_selectors

    sources_url = reverse("sources:list")
    claims_url = reverse("claims:list")
    for words in ("reassurance force", "Witkoff envoy", "coalition nations troops"):
        query = words.replace(" ", "+")
        for what, url in (
            ("sources list search", f"{sources_url}?q={query}"),
            ("claims list search", f"{claims_url}?q={query}"),
        ):
            call = get(client, url)
            bench.record(
                "search",
                f"{what} “{words}” (page)",
                ms=bench.timed(call),
                queries=queries_of(call),
            )
        bench.record(
            "search",
            f"source text query “{words}” (first 25 ids)",
            ms=bench.timed(
                lambda w=words: list(
                    intake_selectors.sources_for_list(search=w).values_list(
                        "pk", flat=True
                    )[:25]
                )
            ),
        )
        bench.record(
            "search",
            f"claim statement query “{words}” (first 25 ids)",
            ms=bench.timed(
                lambda w=words: list(
                    claim_selectors.claims_for_list(search=w).values_list(
                        "pk", flat=True
                    )[:25]
                )
            ),
        )


# 4. Export and import ----------------------------------------------------------------------


def _child_env() -> dict:
    from django.db import connection

    env = dict(os.environ)
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        env["SQLITE_PATH"] = settings["NAME"]
        env.pop("DATABASE_URL", None)
    else:
        env["DATABASE_URL"] = (
            f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
        )
    env["DJANGO_SETTINGS_MODULE"] = "editorial.settings.test"
    return env


# The child's own peak: VmHWM, the high-water mark of this process's memory. Not
# ru_maxrss, which on Linux keeps the peak of the process that forked the child (here
# the benchmark itself, holding the generated desk) across exec.
MEASURE = (
    "import resource, sys, time, django; django.setup(); "
    "from django.core.management import call_command; t = time.perf_counter(); "
    "call_command(*sys.argv[1:]); seconds = time.perf_counter() - t; "
    "status = open('/proc/self/status').read().split(chr(10)); "
    "hwm = [int(line.split()[1]) for line in status if line.startswith('VmHWM:')]; "
    "print('BENCH', seconds, "
    "hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
)


def run_measured(args: list[str], env: dict) -> tuple[float, float]:
    """Seconds and peak resident megabytes of a management command in its own process."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    line = [s for s in done.stdout.splitlines() if s.startswith("BENCH")][-1]
    _, seconds, kilobytes = line.split()
    return float(seconds), float(kilobytes) / 1024


def _record_runs(bench: Bench, benchmark: str, what: str, runs: list) -> float:
    """Record the fastest of ``runs`` (seconds, MB) with every time; returns it.

    The fastest, because on a shared machine other work only ever adds time; the
    peak memory is the highest of the runs.
    """
    seconds = min(s for s, _ in runs)
    bench.record(
        benchmark,
        what,
        seconds=round(seconds, 2),
        seconds_each=[round(s, 2) for s, _ in runs],
        peak_mb=round(max(mb for _, mb in runs), 1),
    )
    return seconds


@contextlib.contextmanager
def _empty_database(folder: Path, attempt: int):
    """The environment of a child process that sees a new, empty database: a SQLite
    file in ``folder``, or a database of its own on the same PostgreSQL server."""
    from django.db import connection

    env = _child_env()
    if connection.vendor == "sqlite":
        empty = folder / f"empty-{attempt}.sqlite3"
        try:
            yield {**env, "SQLITE_PATH": str(empty)}
        finally:
            for path in folder.glob(f"{empty.name}*"):
                path.unlink()
        return
    name = f"{connection.settings_dict['NAME']}_import_{attempt}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {
            **env,
            "DATABASE_URL": env["DATABASE_URL"].rsplit("/", 1)[0] + "/" + name,
        }
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def bench_export_import(bench: Bench, desk, client, scale: float) -> None:
    """Export with history and import into an empty database, at N and 2N highlights.

    N is 50,000 × scale or the desk's highlights if more (``--scale 0.5 --only
    export`` measures 50,000 and 100,000). Each command runs ``min(runs, 3)`` times in
    its own process, on SQLite or PostgreSQL (a new database on the same server).
    """
    from editorial.exports.fixtures_export import file_names
    from editorial.models import Highlight

    from . import generate

    rng = generate.random.Random(4)
    results = {}
    repeats = max(1, min(bench.runs, 3))
    half = max(int(50_000 * scale), Highlight.objects.count())
    for size in (half, 2 * half):
        missing = size - Highlight.objects.count()
        if missing > 0:
            generate.annotate(
                desk.synthetic,
                highlights=missing,
                claims=missing // 2,
                user=desk.editor,
                reviewer=desk.reviewer,
                rng=rng,
            )
        count = Highlight.objects.count()
        with tempfile.TemporaryDirectory() as folder:
            exported = [
                run_measured(
                    ["export_fixtures", "--output", folder, "--with-history"],
                    _child_env(),
                )
                for _ in range(repeats)
            ]
            seconds = _record_runs(
                bench,
                "export",
                f"export_fixtures --with-history, {count} highlights",
                exported,
            )
            files = [str(Path(folder) / name) for name in file_names(with_history=True)]
            imported = []
            for attempt in range(repeats):
                with _empty_database(Path(folder), attempt) as env:
                    subprocess.run(
                        [sys.executable, "manage.py", "migrate", "-v0"],
                        env=env,
                        cwd=ROOT,
                        check=True,
                    )
                    imported.append(run_measured(["import_fixtures", *files], env))
            import_seconds = _record_runs(
                bench,
                "import",
                f"import_fixtures into an empty database, {count} highlights",
                imported,
            )
        results[size] = (count, seconds, import_seconds)
    (small_n, small_export, small_import), (big_n, big_export, big_import) = (
        results.values()
    )
    factor = big_n / small_n
    bench.record(
        "export",
        f"growth from {small_n} to {big_n} highlights (x{factor:.2f} data)",
        export_time_ratio=round(big_export / small_export, 2),
        import_time_ratio=round(big_import / small_import, 2),
        allowed=round(factor * 1.15, 2),
    )


# 5. Checks ----------------------------------------------------------------------------------


def suggestions_digest() -> str:
    """SHA-256 (first 16 hex digits) of every stored suggestion's findings, in order:
    a speed change to the checks must leave it as it was."""
    import hashlib

    from editorial.models import Suggestion

    fields = ["kind", "source_id", "start", "end", "claim_id", "exact", "statement"]
    fields += ["explanation", "stance", "evidence", "group", "question", "fingerprint"]
    rows = sorted(Suggestion.objects.values_list(*fields))
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:16]


def bench_checks(bench: Bench, desk, client, scale: float) -> None:
    import io

    from django.conf import settings
    from django.core.management import call_command, get_commands

    from editorial.checks.memory import checks_memory
    from editorial.intake.services import source_import_text
    from editorial.models import Suggestion

    from . import generate

    if "check_sources" not in get_commands():
        bench.record("checks", "check_sources is not on the desk yet", skipped=True)
        return
    sources = [*desk.seeds, *desk.synthetic]
    ids = [str(source.pk) for source in sources[: int(1000 * scale)]]

    def check(*names):
        began = time.perf_counter()
        call_command("check_sources", *names, verbosity=0, stdout=io.StringIO())
        return time.perf_counter() - began

    checks_memory.reset()  # as in a new process: nothing read yet
    before = Suggestion.objects.count()
    seconds = check(*ids)
    bench.record(
        "checks",
        f"check_sources over {len(ids)} articles (of {len(sources)} on the desk), "
        "first run in a process",
        seconds=round(seconds, 2),
        articles_per_second=round(len(ids) / seconds, 1),
        suggestions_stored=Suggestion.objects.count() - before,
        suggestions_digest=suggestions_digest(),
        load_average=os.getloadavg(),
    )
    seconds = check(*ids)
    bench.record(
        "checks",
        f"check_sources over the same {len(ids)} articles again (all known)",
        seconds=round(seconds, 2),
        articles_per_second=round(len(ids) / seconds, 1),
    )
    # What an import pays on commit: the new source against the whole desk.
    title, body = generate.article_text(
        10**6, generate.sentences(), generate.random.Random(9)
    )
    times = []
    for number in range(bench.runs):
        began = time.perf_counter()
        imported = source_import_text(
            text=f"{body}\nBench import {number}.",
            user=desk.editor,
            reason="Benchmark import",
            title=f"{title} {number}",
            published_on=generate.datetime.date(2025, 9, 4),
        ).source
        times.append(time.perf_counter() - began)
    bench.record(
        "checks",
        f"import one article with its checks after import ({len(sources)} on the desk)",
        ms={
            "min": round(min(times) * 1000, 2),
            "median": round(statistics.median(times) * 1000, 2),
            "max": round(max(times) * 1000, 2),
            "runs": len(times),
        },
        checks_after_import=settings.EDITORIAL_CHECK_AFTER_IMPORT,
        suggestions_on_the_last=Suggestion.objects.filter(source=imported).count(),
    )
    bench_slowest_source(bench, desk, sources)


#: Texts that once made the checks slow or stop (issue 14), checked one at a time.
HOSTILE_TEXTS = {
    "a 40 KB text of one repeated phrase": (
        "Prime Minister Keir Starmer and former President Joe Biden said 26 nations "
        "met in Paris on 6 January 2026. ",
        40_000,
    ),
    "300 KB of repeated names in one sentence": (
        "British Prime Minister Rishi Sunak and Keir Starmer, Emmanuel Macron ",
        300_000,
    ),
    "a 4,301-digit number": ("There were " + "9" * 4301 + " nations. ", 4_400),
}


def bench_slowest_source(bench: Bench, desk, sources) -> None:
    """No single source over 2 s: the text of each of the desk's five longest
    articles and each hostile text imported as a new source, its checks after the
    import included (its text read for the first time, against the whole desk)."""
    import datetime

    from django.db.models.functions import Length

    from editorial.intake.services import source_import_text
    from sources.models import Source

    longest = (
        Source.objects.filter(pk__in=[source.pk for source in sources])
        .annotate(length=Length("current_revision__body"))
        .order_by("-length", "pk")
        .values_list("pk", "current_revision__body")[:5]
    )
    texts = {f"longest article {pk} again": body for pk, body in longest}
    for name, (text, size) in HOSTILE_TEXTS.items():
        texts[name] = "Hostile text\n" + text * max(1, size // len(text))
    timed = {}
    for number, (name, body) in enumerate(texts.items()):
        began = time.perf_counter()
        source_import_text(
            text=f"{body}\nSlowest-source check {number}.",
            user=desk.editor,
            reason="Benchmark: one source's checks",
            title=name,
            published_on=datetime.date(2025, 9, 4),
        )
        timed[name] = time.perf_counter() - began
    slowest = max(timed, key=timed.get)
    bench.record(
        "checks",
        "the slowest single source: import with its checks, of the 5 longest "
        "articles' texts and 3 hostile texts",
        seconds=round(timed[slowest], 2),
        slowest=slowest,
        each={name: round(seconds, 2) for name, seconds in timed.items()},
    )


from .browser import bench_browser  # noqa: E402
from .scale import bench_page_import, bench_predraw  # noqa: E402

BENCHMARKS = {
    "reader": bench_reader,
    "predraw": bench_predraw,
    "write": bench_write,
    "lists": bench_lists,
    "search": bench_search,
    "checks": bench_checks,
    "export": bench_export_import,
    "import": bench_page_import,
    "browser": bench_browser,
}


def analyse() -> None:
    """On PostgreSQL, refresh the planner's statistics after the bulk load.

    autovacuum does this on its own shortly after a load like this one; the benchmark
    must not measure the minute before it does. SQLite is left as Django leaves it
    (never analysed), as a desk on SQLite would be.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def attempt(bench: Bench, name: str, desk, client, scale: float) -> None:
    """Run one benchmark; a failure is recorded with its message and the rest still run."""
    try:
        BENCHMARKS[name](bench, desk, client, scale)
    except Exception as error:  # noqa: BLE001 (reported in the results, not hidden)
        bench.record(name, "failed", error=f"{type(error).__name__}: {error}"[:300])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", type=float, default=1.0, help="1.0: the issue's sizes"
    )
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--only", default=",".join(BENCHMARKS))
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument(
        "--name", default="", help="results file name (default: the database's vendor)"
    )
    args = parser.parse_args(argv)
    chosen = [name.strip() for name in args.only.split(",") if name.strip()]

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from . import generate

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    bench = Bench(args.runs)
    began = time.perf_counter()
    try:
        desk = generate.build(seed=args.seed)
        client = Client()
        client.force_login(desk.reviewer)
        for name in ("reader", "predraw", "browser", "write"):
            if name in chosen:
                attempt(bench, name, desk, client, args.scale)
        if {"lists", "search", "checks", "export", "import"} & set(chosen):
            rng = generate.random.Random(args.seed)
            t = time.perf_counter()
            desk.synthetic = generate.synthetic_sources(
                int(5000 * args.scale), user=desk.editor, rng=rng
            )
            claims = int(100_000 * args.scale)
            generate.annotate(
                desk.synthetic,
                highlights=claims,
                claims=claims,
                user=desk.editor,
                reviewer=desk.reviewer,
                rng=rng,
            )
            analyse()
            bench.record(
                "data",
                f"generated {len(desk.synthetic)} sources, {claims} highlights and claims with history",
                seconds=round(time.perf_counter() - t, 1),
            )
            for name in ("lists", "search", "checks", "import", "export"):
                if name in chosen:
                    attempt(bench, name, desk, client, args.scale)
    finally:
        connection.creation.destroy_test_db(
            connection.settings_dict["NAME"], verbosity=0
        )
    write_results(
        bench, connection.vendor, args, time.perf_counter() - began, args.name
    )


def write_results(
    bench: Bench, vendor: str, args, seconds: float, name: str = ""
) -> None:
    RESULTS.mkdir(exist_ok=True)
    meta = {
        "vendor": vendor,
        "scale": args.scale,
        "runs": args.runs,
        "seed": args.seed,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average_at_end": os.getloadavg(),
        "seconds": round(seconds, 1),
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    name = name or vendor
    (RESULTS / f"{name}.json").write_text(
        json.dumps({"meta": meta, "results": bench.rows}, indent=2) + "\n"
    )
    lines = [
        f"# Benchmarks on {vendor}",
        "",
        ", ".join(f"{k}: {v}" for k, v in meta.items()),
        "",
        "| benchmark | what | min ms | median ms | max ms | other |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in bench.rows:
        ms = row.get("ms") or {}
        other = {k: v for k, v in row.items() if k not in {"benchmark", "what", "ms"}}
        lines.append(
            f"| {row['benchmark']} | {row['what']} | {ms.get('min', '')} | "
            f"{ms.get('median', '')} | {ms.get('max', '')} | "
            f"{', '.join(f'{k}: {v}' for k, v in other.items())} |"
        )
    (RESULTS / f"{name}.md").write_text("\n".join(lines) + "\n")
    print(f"Results in {RESULTS / (name + '.md')}")


if __name__ == "__main__":
    main()
