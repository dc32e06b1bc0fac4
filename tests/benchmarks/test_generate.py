"""The benchmark generator makes a realistic, history-complete desk, the same for a seed."""

from django.db.models import Count

from editorial.models import Claim, ClaimHighlight, Highlight
from sources.models import Source

from . import generate


def _overlapping_pairs(highlights) -> int:
    return _overlapping_pairs_of([(h.start, h.end) for h in highlights])


def test_the_desk_has_seeds_synthetic_sources_and_overlapping_highlights(db):
    desk = generate.build(
        sources=12, highlights=60, claims=30, reader_highlights=40, reader_claims=20
    )
    assert len(desk.seeds) == 5
    assert Source.objects.count() == 17
    assert Highlight.objects.filter(source=desk.encyclopedia).count() == 40
    assert Highlight.objects.exclude(source=desk.encyclopedia).count() == 60
    assert Claim.objects.count() == 50
    assert _overlapping_pairs(Highlight.objects.filter(source=desk.encyclopedia)) > 0
    # Every claim states words of a source and is linked to them.
    assert not Claim.objects.annotate(n=Count("links")).filter(n=0).exists()
    for link in ClaimHighlight.objects.select_related("highlight__revision")[:20]:
        highlight = link.highlight
        assert (
            highlight.revision.body[highlight.start : highlight.end] == highlight.exact
        )
    synthetic = desk.synthetic[0]
    sentence = synthetic.current_revision.body.split("\n\n")[1].split(". ")[0]
    assert any(sentence in seed.current_revision.body for seed in desk.seeds)
    # The generated articles come in stories, as the checks compare within a story.
    sizes = Source.objects.filter(file_name__startswith="bench-").values("story")
    sizes = sizes.annotate(n=Count("id")).values_list("n", flat=True)
    assert sorted(sizes) == [12] and generate.STORY_SIZE >= 12
    # history_problems() runs after this test (tests/conftest.py).


def test_the_same_seed_makes_the_same_articles_and_spans():
    pool = generate.sentences()
    first = generate.article_text(1, pool, generate.random.Random(3))
    assert first == generate.article_text(1, pool, generate.random.Random(3))
    assert first != generate.article_text(1, pool, generate.random.Random(4))
    body = first[1]
    spans = generate.random_spans(body, 200, generate.random.Random(3))
    assert spans == generate.random_spans(body, 200, generate.random.Random(3))
    assert all(body[start:end].strip() == body[start:end] for start, end in spans)
    assert _overlapping_pairs_of(spans) > 0


def _overlapping_pairs_of(spans) -> int:
    spans = sorted(spans)
    return sum(
        1 for (_, end), (nxt, _) in zip(spans, spans[1:], strict=False) if nxt < end
    )
