"""Score the consistency checks on a folder of stories with planted problems.

The folder (``../shared/corpus/dev-stories`` by default; see its README.md) holds
``.txt`` articles (first line the title, the body follows) and ``answers.json``: each
file's ``published_on`` and ``story``, the planted ``problems`` (``kind``, ``file``,
``exact``, and for grouped kinds ``conflicts_with``) and the ``controls`` (correct
words built to look like problems).

How it runs: every article is imported through ``sources.services`` (the whole file is
the text, so offsets in the file are offsets in the body) into the current database,
the reference data is loaded from ``fixtures/reference.json``, and the checks run.
Each article is put in its story (``sources.stories.services``) and the desk's own
``checks_run`` runs over everything, comparing sources within their story; its stored
suggestions are scored. (Where sources have no stories, the pure ``run_checks`` is
called once per story of the answers instead.)

How it scores (a flag is one finding: a kind and a span in a file):
* a problem is **found** when a flag of its kind overlaps its ``exact``; the kinds are
  ``anachronism``, ``figures``, ``event-date`` and ``identity`` (a figures finding
  grouped as a date, ``…figures:date:…``, counts as ``event-date``);
* a flag is **true** when it overlaps a problem's ``exact`` (any kind), or the
  ``conflicts_with`` words of a grouped problem of its kind (the correct position
  of a conflict the desk lists with the wrong one: a dispute needs both sides);
* every other flag is **false**: on a control, or on text listed as neither (the
  README: "Text that is listed as neither is meant to be accurate");
* recall per kind = found / planted; precision = true flags / all flags. The
  strict precision, counting only flags on a problem's own words, is printed too.

Run it with ``python -m tests.editorial.checks.corpus [FOLDER]`` (a throwaway test
database is made and dropped) or ``pytest -s tests/editorial/checks/test_dev_corpus.py``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

KINDS = ("anachronism", "figures", "event-date", "identity")
#: The dev corpus, where CI links ``../shared`` next to the repository.
DEFAULT_FOLDER = (
    Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "dev-stories"
)


@dataclass(frozen=True)
class Article:
    file: str
    text: str
    title: str
    published_on: date | None
    story: str


@dataclass(frozen=True)
class Flag:
    file: str
    kind: str
    start: int
    end: int
    exact: str
    statement: str = ""


@dataclass(frozen=True)
class Listed:
    """A problem or a control, located in its file."""

    id: str
    kind: str  # "control" for controls
    file: str
    start: int
    end: int
    exact: str
    why: str
    #: For grouped problems: (file, start, end) of the correct words.
    companion: tuple | None = None


@dataclass
class Score:
    problems: list[Listed]
    controls: list[Listed]
    flags: list[Flag]
    found: set[str] = field(default_factory=set)
    true: list[Flag] = field(default_factory=list)
    companions: list[Flag] = field(default_factory=list)
    false: list[tuple[Flag, str]] = field(default_factory=list)

    def recall(self, kind: str) -> float:
        planted = [p for p in self.problems if p.kind == kind]
        if not planted:
            return 1.0
        return sum(1 for p in planted if p.id in self.found) / len(planted)

    @property
    def precision(self) -> float:
        if not self.flags:
            return 1.0
        return (len(self.true) + len(self.companions)) / len(self.flags)

    @property
    def strict_precision(self) -> float:
        return len(self.true) / len(self.flags) if self.flags else 1.0

    def precision_of(self, kind: str) -> tuple[float, float]:
        """Precision of one kind's flags: ``(lenient, strict)``, as above."""
        flags = [flag for flag in self.flags if flag.kind == kind]
        if not flags:
            return 1.0, 1.0
        true = sum(1 for flag in self.true if flag.kind == kind)
        side = sum(1 for flag in self.companions if flag.kind == kind)
        return (true + side) / len(flags), true / len(flags)

    @property
    def misses(self) -> list[Listed]:
        return [p for p in self.problems if p.id not in self.found]

    def table(self) -> str:
        lines = [
            f"{'kind':<12} {'found':>6} {'planted':>8} {'recall':>7} "
            f"{'flags':>6} {'precision':>10} {'strict':>7}"
        ]
        for kind in KINDS:
            planted = [p for p in self.problems if p.kind == kind]
            found = sum(1 for p in planted if p.id in self.found)
            lenient, strict = self.precision_of(kind)
            flags = sum(1 for flag in self.flags if flag.kind == kind)
            lines.append(
                f"{kind:<12} {found:>6} {len(planted):>8} {self.recall(kind):>7.0%} "
                f"{flags:>6} {lenient:>10.0%} {strict:>7.0%}"
            )
        by_kind = Counter(flag.kind for flag in self.flags)
        lines.append(
            f"flags: {len(self.flags)} ({', '.join(f'{k} {n}' for k, n in sorted(by_kind.items()))}); "
            f"true {len(self.true)}, correct side of a found conflict "
            f"{len(self.companions)}, false {len(self.false)}"
        )
        lines.append(
            f"precision {self.precision:.0%} (strict, problems' own words only: "
            f"{self.strict_precision:.0%})"
        )
        if self.misses:
            lines.append("misses:")
            lines += [
                f"  {p.id} {p.kind:<11} {p.file}: {p.exact!r}" for p in self.misses
            ]
        if self.false:
            lines.append("false flags:")
            lines += [
                f"  {flag.kind:<11} {flag.file}: {flag.exact!r} [{on}]"
                + (f" — {flag.statement}" if flag.statement else "")
                for flag, on in self.false
            ]
        return "\n".join(lines)


def load(folder: Path) -> tuple[list[Article], dict]:
    """The folder's articles and its answers."""
    folder = Path(folder)
    answers = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
    articles = []
    for name, meta in sorted(answers["files"].items()):
        text = (folder / name).read_text(encoding="utf-8")
        published = meta.get("published_on")
        articles.append(
            Article(
                name,
                text,
                text.split("\n", 1)[0].strip(),
                date.fromisoformat(published) if published else None,
                meta.get("story", ""),
            )
        )
    return articles, answers


def _locate(texts: dict[str, str], item: dict, kind: str) -> Listed:
    text = texts[item["file"]]
    start = text.index(item["exact"])
    companion = None
    if item.get("conflicts_with"):
        other, words = item["conflicts_with"]
        at = texts[other].index(words)
        companion = (other, at, at + len(words))
    return Listed(
        item["id"],
        kind,
        item["file"],
        start,
        start + len(item["exact"]),
        item["exact"],
        item.get("why", ""),
        companion,
    )


def score(articles: list[Article], answers: dict, flags: list[Flag]) -> Score:
    texts = {article.file: article.text for article in articles}
    problems = [_locate(texts, item, item["kind"]) for item in answers["problems"]]
    controls = [_locate(texts, item, "control") for item in answers["controls"]]
    result = Score(problems, controls, sorted(set(flags), key=_order))

    def overlaps(flag: Flag, file: str, start: int, end: int) -> bool:
        return flag.file == file and flag.start < end and start < flag.end

    for flag in result.flags:
        hit = [p for p in problems if overlaps(flag, p.file, p.start, p.end)]
        result.found |= {p.id for p in hit if p.kind == flag.kind}
        if hit:
            result.true.append(flag)
        elif any(
            p.companion and p.kind == flag.kind and overlaps(flag, *p.companion)
            for p in problems
        ):
            result.companions.append(flag)
        else:
            on = [c.id for c in controls if overlaps(flag, c.file, c.start, c.end)]
            result.false.append((flag, ", ".join(on) or "neither"))
    return result


def _order(flag: Flag):
    return (flag.file, flag.start, flag.end, flag.kind)


def _kind(kind: str, group: str) -> str:
    # A run on the desk prefixes each group with its story ("story-3:figures:date:…").
    if kind in ("event-date", "event_date", "event-dates", "date") or (
        "figures:date" in group
    ):
        return "event-date"
    return kind


def import_articles(articles: list[Article], user) -> dict[str, object]:
    """Each article as a source, in the story the answers give it (when sources have
    stories: ``sources.stories.services``)."""
    import inspect

    from sources import services as source_services

    has_story = (
        "story" in inspect.signature(source_services.source_import_text).parameters
    )
    stories = {}
    sources = {}
    for article in articles:
        extra = {}
        if has_story and article.story:
            if article.story not in stories:
                from sources.stories.services import story_get_or_create

                stories[article.story] = story_get_or_create(
                    name=article.story, user=user, reason="Dev corpus story"
                )
            extra["story"] = stories[article.story]
        sources[article.file] = source_services.source_import_text(
            text=article.text,
            user=user,
            reason="Dev corpus",
            title=article.title,
            published_on=article.published_on,
            file_name=article.file,
            **extra,
        ).source
    return sources


def flags_from_checks(articles: list[Article], user) -> list[Flag]:
    """Import the articles, load the reference data, run the checks, return the flags."""
    from editorial.checks import run_checks
    from editorial.checks import selectors as check_selectors
    from editorial.checks.services import checks_run
    from editorial.exports.fixtures_load import fixtures_load
    from editorial.models import Suggestion
    from tests.conftest import FIXTURES

    fixtures_load(paths=[FIXTURES / "reference.json"])
    sources = import_articles(articles, user)
    file_of = {str(source.pk): name for name, source in sources.items()}
    stories = {article.file: article.story for article in articles}
    if any(getattr(source, "story_id", None) for source in sources.values()):
        checks_run(user=user, sources=list(sources.values()), reason="Dev corpus")
        return [
            Flag(
                file_of[str(s.source_id)],
                _kind(s.kind, s.group),
                s.start,
                s.end,
                s.exact,
                s.statement,
            )
            for s in Suggestion.objects.filter(source__in=list(sources.values()))
        ]
    documents = check_selectors.documents()
    reference = check_selectors.reference_data()
    flags = []
    for story in sorted(set(stories.values())):
        told = [d for d in documents if stories.get(file_of.get(d.key)) == story]
        for finding in run_checks(targets=told, corpus=told, reference=reference):
            flags.append(
                Flag(
                    file_of[finding.document],
                    _kind(finding.kind, finding.group),
                    finding.start,
                    finding.end,
                    finding.exact,
                    finding.statement,
                )
            )
    return flags


def run(folder: Path, user) -> Score:
    articles, answers = load(folder)
    return score(articles, answers, flags_from_checks(articles, user))


def main(argv: list[str]) -> int:
    """Score FOLDER in a throwaway test database and print the table."""
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "editorial.settings.test")
    import django

    django.setup()
    from django.test.utils import (
        setup_databases,
        setup_test_environment,
        teardown_databases,
    )

    from core import roles
    from editorial.checks.memory import checks_memory

    folder = Path(argv[0]) if argv else DEFAULT_FOLDER
    if not (folder / "answers.json").exists():
        print(f"No answers.json in {folder}", file=sys.stderr)
        return 2
    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False, serialized_aliases=[])
    try:
        checks_memory.reset(encoders=True)
        print(run(folder, roles.system_user()).table())
    finally:
        teardown_databases(databases, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
