"""Known claims restated: each demo claim is found again in a paraphrase of its sentence."""

import pytest

from editorial.checks.restated import best_claim, restated_claims, words

from .conftest import demo_claims_and_links

CLAIMS, _ = demo_claims_and_links()
KEYS = [
    "sunak",
    "envoy-unnamed",
    "envoy-witkoff",
    "nations-26",
    "nations-20",
    "nations-35",
    "nations-34",
]

PARAPHRASES = {
    "sunak": "After the summit, British Prime Minister Rishi Sunak joined Emmanuel Macron, Olaf Scholz and Volodymyr Zelensky at a press conference to stress how important the meeting was.",
    "envoy-unnamed": "According to the US special envoy for the crisis, whom President Trump appointed, the security commitments are meant to deter future attacks on Ukraine and guarantee a collective defence should one happen.",
    "envoy-witkoff": "Washington took part in the talks too, sending a delegation with Special Envoy Steve Witkoff and Jared Kushner.",
    "nations-26": "Twenty-six nations have pledged to provide soldiers for a reassurance force in Ukraine after the war with Russia ends, Emmanuel Macron announced.",
    "nations-20": "About 20 nations have committed to keeping a military presence in Ukraine after the war is over, Macron said on Thursday.",
    "nations-35": "The deal was struck at the first meeting of the Coalition of the Willing, a 35-country alliance formed to secure Ukraine during the war with Russia.",
    "nations-34": "By November 2025 thirty-four countries had reportedly joined MNF-U, the latest being Japan and Albania.",
}

UNRELATED = [
    "The deployment timeline and operational parameters of the reassurance force will depend on the resolution of current hostilities.",
    "Moscow currently controls about 75% of Donetsk and 99% of Luhansk.",
    "Russia has also previously warned that any foreign troops joining the conflict would be considered 'legitimate targets.'",
    "Additionally, it was revealed that the United Kingdom and France signed a joint declaration committing to deploy troops to Ukraine in the event of a Russian withdrawal under a peace agreement.",
    "Macron indicated that France could deploy 'several thousand' soldiers to maintain peace in Ukraine following any potential ceasefire with Russia.",
    "Meloni reiterated her proposal for a collective security defense mechanism akin to Article 5 of the Washington Treaty.",
    "The weather in Paris was mild on Tuesday and the markets were calm.",
]


@pytest.mark.parametrize("claim_key", KEYS)
def test_each_demo_claim_is_found_again_in_a_paraphrase_of_its_sentence(claim_key):
    match = best_claim(PARAPHRASES[claim_key], CLAIMS)
    assert match is not None
    assert KEYS[match[0].id - 1] == claim_key


@pytest.mark.parametrize("sentence", UNRELATED)
def test_no_claim_is_proposed_for_an_unrelated_sentence(sentence):
    assert best_claim(sentence, CLAIMS) is None


def test_other_numbers_are_not_a_restatement_but_the_same_number_in_words_is():
    nations_26 = CLAIMS[KEYS.index("nations-26")]
    different = "Thirty-five countries have committed to providing troops for the reassurance force."
    same = "Twenty-six countries have committed to providing troops for the reassurance force."
    assert best_claim(different, [nations_26]) is None
    assert best_claim(same, [nations_26])[0] is nations_26


def test_words_fold_numbers_plurals_and_synonyms():
    assert words("Twenty-six nations pledged troops") == words(
        "26 countries committed forces"
    )


def test_a_sentence_already_highlighted_for_the_claim_is_not_proposed_again():
    body = PARAPHRASES["nations-34"]
    claim = CLAIMS[KEYS.index("nations-34")]
    (finding,) = restated_claims("doc", body, [claim])
    assert (finding.claim_id, finding.exact, finding.stance) == (
        claim.id,
        body,
        "assert",
    )
    assert restated_claims("doc", body, [claim], {(3, 20, claim.id)}) == []
