"""A seeded, realistic desk for benchmarks and load tests.

The five seed articles are imported through the services; synthetic articles are built
from their sentences (shuffled, with a title of their own), and highlights are runs of
words of a source's text, picked at random so they overlap and nest as real ones do.
Claims state the sentence around their words.

Volume goes through django-simple-history's bulk helpers (``bulk_create_with_history``):
every row gets its history row with a user and a reason, so ``history_problems()`` finds
nothing afterwards. The same seed gives the same desk.

    DJANGO_SETTINGS_MODULE=editorial.settings.local \\
        python -m tests.benchmarks.generate --sources 200 --claims 2000
"""

from __future__ import annotations

import argparse
import bisect
import datetime
import hashlib
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
REASON = "Benchmark data"
BATCH = 2000
ENCYCLOPEDIA = "004_9cab52ddeb08c648.txt"
STATUS_WEIGHTS = {
    "unverified": 50,
    "in_review": 20,
    "disputed": 5,
    "verified": 12,
    "false": 7,
    "misleading": 4,
    "unverifiable": 2,
}
_SENTENCE = re.compile(r"[^.!?\n]*[A-Za-z][^.!?\n]*[.!?]")
_WORD = re.compile(r"\S+")


@dataclass
class Desk:
    """What was generated: the people, and the sources by kind of origin."""

    editor: object
    reviewer: object
    seeds: list = field(default_factory=list)
    synthetic: list = field(default_factory=list)

    @property
    def encyclopedia(self):
        return next(s for s in self.seeds if s.file_name == ENCYCLOPEDIA)


def people():
    """An editor and a reviewer, in the desk's groups (created when missing)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from core import roles

    roles.ensure_groups()
    users = []
    for name, group in (
        ("bench-editor", roles.EDITORS),
        ("bench-reviewer", roles.REVIEWERS),
    ):
        user, created = get_user_model().objects.get_or_create(username=name)
        if created:
            user.set_password("bench-pass-123")
            user.save()
            user.groups.add(Group.objects.get(name=group))
        users.append(user)
    return users


#: Articles per generated story.
STORY_SIZE = 25


def seed_sources(user) -> list:
    """The seed articles with their sidecar metadata, imported through the service."""
    from editorial.intake.services import source_import_text
    from sources.sidecar import read_sidecar

    imported = []
    for path in sorted(SEEDS.glob("*.txt")):
        result = source_import_text(
            text=path.read_text(encoding="utf-8"),
            user=user,
            reason=REASON,
            file_name=path.name,
            **read_sidecar(path),
        )
        imported.append(result.source)
    return imported


def sentences() -> list[str]:
    """Every sentence of the seed articles, in order."""
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found += [m.group().strip() for m in _SENTENCE.finditer(text)]
    return [s for s in found if len(s.split()) >= 4]


def article_text(number: int, pool: list[str], rng: random.Random) -> tuple[str, str]:
    """A title and a body of 8–40 sentences from ``pool``, in paragraphs of four."""
    lines = rng.sample(pool, rng.randint(8, 40))
    title = f"Desk report {number}: {' '.join(lines[0].split()[:8])}"
    paragraphs = [" ".join(lines[i : i + 4]) for i in range(0, len(lines), 4)]
    return title, title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def synthetic_sources(count: int, *, user, rng: random.Random, start: int = 0) -> list:
    """``count`` articles of 8–40 seed sentences each, inserted in bulk with history.

    A source's first history row is written when it has its text, as
    ``source_import_text`` does.
    """
    from simple_history.utils import bulk_create_with_history

    from sources.models import Revision, Source, Story

    pool = sentences()
    # The checks compare sources within a story: the articles come in stories of
    # STORY_SIZE, as a newsroom's stories run, so the benchmark measures that work.
    stories = {}
    for number in range(start // STORY_SIZE, (start + count - 1) // STORY_SIZE + 1):
        stories[number] = Story(
            name=f"Bench story {number}",
            slug=f"bench-story-{number}",
            confirmed=True,
            created_by=user,
        )
    bulk_create_with_history(
        list(stories.values()),
        Story,
        batch_size=500,
        default_user=user,
        default_change_reason=REASON,
    )
    saved = Story.objects.in_bulk([s.slug for s in stories.values()], field_name="slug")
    stories = {number: saved[story.slug] for number, story in stories.items()}
    kinds = [k for k in Source.Kind.values if k != Source.Kind.OTHER]
    made = []
    for offset in range(0, count, BATCH):
        sources, bodies = [], []
        for number in range(start + offset, start + min(offset + BATCH, count)):
            title, body = article_text(number, pool, rng)
            sha = hashlib.sha256(body.encode("utf-8")).hexdigest()
            bodies.append((body, sha))
            sources.append(
                Source(
                    title=title,
                    publisher=rng.choice(
                        ["Morning Herald", "Evening Post", "Wire Service", "Gazette"]
                    ),
                    kind=rng.choice(kinds),
                    published_on=datetime.date(2019, 1, 1)
                    + datetime.timedelta(days=rng.randrange(2600)),
                    published_on_note="Generated for benchmarks.",
                    sha256=sha,
                    file_name=f"bench-{number}.txt",
                    imported_by=user,
                    story=stories[number // STORY_SIZE],
                )
            )
        Source.objects.bulk_create(sources, batch_size=500)
        revisions = [
            Revision(
                source=source,
                number=1,
                body=body,
                sha256=sha,
                created_by=user,
                reason=REASON,
                file_name=source.file_name,
            )
            for source, (body, sha) in zip(sources, bodies, strict=True)
        ]
        bulk_create_with_history(
            revisions,
            Revision,
            batch_size=500,
            default_user=user,
            default_change_reason=REASON,
        )
        for source, revision in zip(sources, revisions, strict=True):
            source.current_revision = revision
        Source.objects.bulk_update(sources, ["current_revision"], batch_size=500)
        Source.history.bulk_history_create(
            sources, default_user=user, default_change_reason=REASON
        )
        made += sources
    return made


def random_spans(body: str, count: int, rng: random.Random) -> list[tuple[int, int]]:
    """``count`` runs of 2–25 whole words of ``body``, at random: some overlap, some nest."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(body)]
    spans = []
    for _ in range(count):
        first = rng.randrange(len(words))
        last = min(len(words) - 1, first + rng.randint(1, 24))
        spans.append((words[first][0], words[last][1]))
    return spans


def _sentence_around(body: str, bounds: list[tuple[int, int]], start: int) -> str:
    index = bisect.bisect_right(bounds, (start, float("inf"))) - 1
    if index >= 0 and bounds[index][0] <= start < bounds[index][1]:
        return body[bounds[index][0] : bounds[index][1]].strip()
    return ""


def annotate(
    sources,
    *,
    highlights: int,
    claims: int,
    user,
    rng: random.Random,
    reviewer=None,
) -> tuple[list, list]:
    """Spread ``highlights`` over ``sources`` and ``claims`` over the highlights.

    Every claim states the sentence around one of its highlights and is linked to
    ``highlights / claims`` highlights (at least one); highlights beyond that carry no
    claim when there are more highlights than links. Statuses follow a newsroom's mix
    (most unverified or in review); verdicts name ``reviewer``. All in bulk, with
    history.
    """
    from django.utils import timezone
    from simple_history.utils import bulk_create_with_history

    from editorial.highlights import spans as span_rules
    from editorial.models import Claim, ClaimHighlight, Highlight

    sources = list(sources)
    rows = []
    per_source = [highlights // len(sources)] * len(sources)
    for i in range(highlights - sum(per_source)):
        per_source[i] += 1
    statements = {}
    for source, count in zip(sources, per_source, strict=True):
        if not count:
            continue
        revision = source.current_revision
        body = revision.body
        bounds = [(m.start(), m.end()) for m in _SENTENCE.finditer(body)]
        for start, end in random_spans(body, count, rng):
            exact = span_rules.validate_span(body, start, end, body[start:end])
            prefix, suffix = span_rules.quote_context(body, start, end)
            rows.append(
                Highlight(
                    source=source,
                    revision=revision,
                    start=start,
                    end=end,
                    exact=exact,
                    prefix=prefix,
                    suffix=suffix,
                    created_by=user,
                )
            )
            statements[len(rows) - 1] = (
                _sentence_around(body, bounds, start) or exact
            )[:2000]
    bulk_create_with_history(
        rows,
        Highlight,
        batch_size=BATCH,
        default_user=user,
        default_change_reason=REASON,
    )
    now = timezone.now()
    statuses = list(STATUS_WEIGHTS)
    weights = list(STATUS_WEIGHTS.values())
    claim_rows = []
    for number in range(claims):
        status = rng.choices(statuses, weights)[0]
        verdict = status in Claim.VERDICTS and reviewer is not None
        claim_rows.append(
            Claim(
                statement=statements[number % len(rows)],
                status=status
                if verdict or status not in Claim.VERDICTS
                else "in_review",
                created_by=user,
                created_at=now - datetime.timedelta(minutes=claims - number),
                reviewed_by=reviewer if verdict else None,
                reviewed_at=now if verdict else None,
                # A verdict is always given with its public explanation (issue 15).
                verdict_note="Benchmark verdict: the record says so."
                if verdict
                else "",
            )
        )
    bulk_create_with_history(
        claim_rows,
        Claim,
        batch_size=BATCH,
        default_user=user,
        default_change_reason=REASON,
    )
    links = []
    if claim_rows:
        per_claim = max(1, len(rows) // len(claim_rows))
        stances = [s for s in ClaimHighlight.Stance.values]
        for number, claim in enumerate(claim_rows):
            for k in range(per_claim):
                index = (number + k * len(claim_rows)) % len(rows)
                links.append(
                    ClaimHighlight(
                        claim=claim,
                        highlight=rows[index],
                        stance=stances[0] if k == 0 else rng.choice(stances),
                        created_by=user,
                    )
                )
        links = list({(k.claim_id, k.highlight_id): k for k in links}.values())
        bulk_create_with_history(
            links,
            ClaimHighlight,
            batch_size=BATCH,
            default_user=user,
            default_change_reason=REASON,
        )
    return rows, claim_rows


def build(
    *,
    seed: int = 8,
    sources: int = 0,
    highlights: int = 0,
    claims: int = 0,
    reader_highlights: int = 0,
    reader_claims: int = 0,
) -> Desk:
    """The seed articles, ``sources`` synthetic ones, and the highlights and claims asked.

    ``reader_highlights`` and ``reader_claims`` go on the long encyclopedia seed;
    ``highlights`` and ``claims`` over the synthetic sources.
    """
    rng = random.Random(seed)
    editor, reviewer = people()
    desk = Desk(editor=editor, reviewer=reviewer)
    desk.seeds = seed_sources(editor)
    if sources:
        desk.synthetic = synthetic_sources(sources, user=editor, rng=rng)
    if reader_highlights:
        annotate(
            [desk.encyclopedia],
            highlights=reader_highlights,
            claims=reader_claims,
            user=editor,
            reviewer=reviewer,
            rng=rng,
        )
    if highlights and desk.synthetic:
        annotate(
            desk.synthetic,
            highlights=highlights,
            claims=claims,
            user=editor,
            reviewer=reviewer,
            rng=rng,
        )
    return desk


def main(argv=None) -> None:
    import django

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--highlights", type=int, default=2000)
    parser.add_argument("--claims", type=int, default=2000)
    parser.add_argument("--reader-highlights", type=int, default=0)
    parser.add_argument("--reader-claims", type=int, default=0)
    args = parser.parse_args(argv)
    django.setup()
    desk = build(
        seed=args.seed,
        sources=args.sources,
        highlights=args.highlights,
        claims=args.claims,
        reader_highlights=args.reader_highlights,
        reader_claims=args.reader_claims,
    )
    print(
        f"Generated {len(desk.seeds)} seed and {len(desk.synthetic)} synthetic sources "
        f"(seed {args.seed})."
    )


if __name__ == "__main__":
    main()
