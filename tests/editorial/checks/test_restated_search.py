"""The claim index's search gives the answers of scoring every claim in turn.

The index skips references by upper bounds (``restated._ratio_bound`` of lengths,
then a reference's exact sort ratio with a set ratio of at most 100) and stops when
nothing left can reach the best claim found. These tests compare it with the brute
force: ``_similarity`` of the sentence against every reference of every claim.
"""

import random
from pathlib import Path
from unittest import mock

from rapidfuzz import fuzz

from editorial.checks import restated
from editorial.checks.restated import (
    THRESHOLD,
    ClaimIndex,
    KnownClaim,
    _ratio_bound,
    _similarity,
)
from editorial.checks.text import numbers_in, sentences
from editorial.checks.wording import may_hold_number, words

SEEDS = Path(__file__).resolve().parents[3] / "fixtures" / "seeds"


def brute_force(sentence: str, claims: list[KnownClaim]):
    """The first claim of the highest similarity at the threshold whose numbers the
    sentence carries, scoring every reference of every claim."""
    return searched(sentence, prepared(claims))


def prepared(claims):
    return [
        (
            claim,
            [n for n in (frozenset(numbers_in(q)) for q in claim.quotes) if n],
            [words(reference) for reference in (claim.statement, *claim.contexts)],
        )
        for claim in claims
    ]


def searched(sentence, claims):
    mine, present = words(sentence), numbers_in(sentence)
    found = None
    for claim, numbers, references in claims:
        if numbers and not any(wanted <= present for wanted in numbers):
            continue
        value = max(_similarity(mine, reference) for reference in references)
        if value >= THRESHOLD and (found is None or value > found[1]):
            found = (claim, value)
    return found


def assert_same_answers(sentences_, claims):
    index, brute = ClaimIndex(claims), prepared(claims)
    for sentence in sentences_:
        expected = searched(sentence, brute)
        got = index.best(sentence)
        assert (got and (got[0].id, got[1])) == (
            expected and (expected[0].id, expected[1])
        ), sentence


VOCABULARY = (
    "troops pledged nations Ukraine force summit leaders twenty-six 26 35 agreed "
    "defence minister Paris security guarantees war ended ceasefire countries "
    "committed soldiers reassurance alliance three 3 thousand Britain France"
).split()


def random_text(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(low, high)))


def random_claims(rng: random.Random, count: int) -> list[KnownClaim]:
    claims = []
    for number in range(count):
        statement = random_text(rng, 3, 14)
        quotes = tuple(
            " ".join(statement.split()[: rng.randint(1, 4)])
            for _ in range(rng.randint(0, 2))
        )
        contexts = tuple(random_text(rng, 3, 18) for _ in range(rng.randint(0, 2)))
        claims.append(KnownClaim(number, statement, quotes, contexts))
    return claims


def test_the_length_bound_is_never_below_the_ratio_of_random_strings():
    rng = random.Random(4)
    for _ in range(20_000):
        a = "".join(rng.choice("ab c") for _ in range(rng.randint(1, 40)))
        b = "".join(rng.choice("abc d") for _ in range(rng.randint(1, 40)))
        assert fuzz.ratio(a, b) <= _ratio_bound(len(a), len(b))


def test_the_length_bound_is_reached_by_a_string_and_its_prefix():
    # The bound is tight: it cannot be lowered without dropping a real score.
    assert _ratio_bound(10, 4) - fuzz.ratio("abcdefghij", "abcd") < 1e-5


def test_random_sentences_find_the_brute_forces_claim_among_many_similar_ones():
    # A small vocabulary: most claims share three words with most sentences, many
    # reach the threshold, and equal scores are common (the first claim must win).
    for seed in range(4):
        rng = random.Random(seed)
        claims = random_claims(rng, 150)
        sentences_ = [random_text(rng, 3, 16) for _ in range(150)]
        sentences_ += [claim.statement for claim in rng.sample(claims, 40)]
        sentences_ += [
            " ".join(rng.sample(c.statement.split(), len(c.statement.split())))
            + " "
            + random_text(rng, 0, 3)
            for c in rng.sample(claims, 40)
        ]
        assert_same_answers(sentences_, claims)


def seed_sentences() -> list[str]:
    found = []
    for path in sorted(SEEDS.glob("*.txt"))[:6]:
        found += [part.text for part in sentences(path.read_text(encoding="utf-8"))]
    return [s for s in found if len(s.split()) >= 4]


def test_real_sentences_find_the_brute_forces_claim():
    rng = random.Random(7)
    pool = seed_sentences()
    claims = []
    for number, statement in enumerate(rng.sample(pool, min(120, len(pool)))):
        tokens = statement.split()
        start = rng.randrange(len(tokens))
        quote = " ".join(tokens[start : start + rng.randint(1, 6)])
        contexts = (rng.choice(pool),) if rng.random() < 0.3 else ()
        claims.append(KnownClaim(number, statement, (quote,), contexts))
    edited = []
    for sentence in rng.sample(pool, min(150, len(pool))):
        tokens = sentence.split()
        del tokens[rng.randrange(len(tokens))]
        edited.append(" ".join(tokens))
    assert_same_answers(pool[:150] + edited, claims)


def test_a_sentence_the_desk_tracks_word_for_word_is_not_set_scored_against_every_near_one():
    sentence = (
        "Twenty-six nations pledged troops for Ukraine after the summit in Paris."
    )
    near = [
        KnownClaim(
            i, f"Nations pledged troops for Ukraine {'at length ' * (i % 9)}{i}."
        )
        for i in range(200)
    ]
    claims = [*near, KnownClaim(999, sentence)]
    with mock.patch.object(
        restated, "_set_scores", wraps=restated._set_scores
    ) as scored:
        claim, value = ClaimIndex(claims).best(sentence)
    assert (claim.id, value) == (999, 100.0)
    assert sum(len(call.args[1]) for call in scored.call_args_list) == 1
    assert brute_force(sentence, claims)[0].id == 999


def test_the_number_prefilter_never_hides_a_number():
    rng = random.Random(3)
    parts = ["Twenty", "SIX", "seven", "NiNe", "42", "1,000", "x", "one", "stone", "é"]
    for _ in range(5_000):
        text = "".join(rng.choice(parts + [" ", "-", "ten", "fifty"]) for _ in range(8))
        assert may_hold_number(text) or not numbers_in(text)
    assert not may_hold_number("The summit in Paris was calm.")


def test_an_earlier_claim_scoring_the_same_wins_though_its_bound_is_only_equal():
    # The later claim is found first (a higher sort ratio); the earlier one reaches
    # the same value with a set ratio of 100, its bound exactly that value.
    sentence = "troops pledged nations ukraine summit leaders paris"
    claims = [
        KnownClaim(0, "paris nations soldiers"),
        KnownClaim(1, "paris ukraine minister leaders britain nations troops"),
    ]
    scores = [_similarity(words(sentence), words(c.statement)) for c in claims]
    assert scores[0] == scores[1] >= THRESHOLD
    claim, value = ClaimIndex(claims).best(sentence)
    assert (claim.id, value) == (0, scores[0])
