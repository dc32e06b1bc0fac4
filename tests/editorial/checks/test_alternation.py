"""The checks' word lists are searched as tries, with the plain alternation's answers.

``text.alternation`` writes a list of words as a trie so the regex engine tries a few
characters at each position instead of every word in turn. Whatever it is written as,
at every position of a text it must match exactly the words the plain alternation
(longest first) matches, and prefer the same one: the checks' findings must not move.
"""

import random
import re
from pathlib import Path

import pytest

from editorial.checks import offices, text, titles
from tests.conftest import SEEDS

STORIES = Path(__file__).parent / "stories"


def plain(words) -> str:
    """The alternation as it was written before the trie: longest first."""
    ordered = sorted({word for word in words if word}, key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


def texts() -> list[str]:
    """The test stories and the three shortest seed articles (every position of
    each is tried)."""
    seeds = sorted(SEEDS.glob("*.txt"), key=lambda path: path.stat().st_size)[:3]
    return [
        path.read_text(encoding="utf-8")
        for path in [*seeds, *sorted(STORIES.glob("*.txt"))]
    ]


def assert_same_matches(words, bodies, flags=0):
    """At every position: the same preferred match, and the same set of words that
    match there (each end a match can have), for the trie and the plain list."""
    trie = re.compile(f"(?:{text.alternation(words, ignore_case=bool(flags))})", flags)
    listed = re.compile(f"(?:{plain(words)})", flags)
    longest = max(len(word) for word in words) + 20
    compared = 0
    for body in bodies:
        for at in range(len(body)):
            mine, theirs = trie.match(body, at), listed.match(body, at)
            assert (mine and mine.span()) == (theirs and theirs.span()), (body, at)
            if theirs is None:
                continue
            compared += 1
            for end in range(at + 1, min(len(body), at + longest) + 1):
                assert bool(trie.fullmatch(body, at, end)) == bool(
                    listed.fullmatch(body, at, end)
                ), (body[at:end], words)
    return compared


def test_the_reference_words_match_as_the_plain_alternation_matched(reference):
    bodies = texts()
    roles = [t for office in reference.offices.values() for t in office.role_terms]
    countries = [
        t for office in reference.offices.values() for t in office.country_terms
    ]
    names = [name for person in reference.people.values() for name in person.names]
    assert assert_same_matches(roles, bodies, re.IGNORECASE) > 50
    assert assert_same_matches(countries, bodies) > 50
    assert assert_same_matches(names, bodies) > 50


def test_the_title_words_match_as_they_did_in_their_listed_order():
    """``titles.HEADS`` was an alternation in its own order, not by length: that order
    must put the longer of two words first wherever one starts the other."""
    bodies = texts()
    listed = re.compile(
        "(?:"
        + "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in titles.HEADS)
        + ")",
        re.IGNORECASE,
    )
    trie = re.compile(f"(?:{titles._HEAD})", re.IGNORECASE)
    found = 0
    for body in bodies:
        for at in range(len(body)):
            mine, theirs = trie.match(body, at), listed.match(body, at)
            assert (mine and mine.span()) == (theirs and theirs.span())
            found += theirs is not None
    assert found > 50
    assert assert_same_matches(titles.HEADS, bodies, re.IGNORECASE) > 50


@pytest.mark.parametrize("seed", range(20))
def test_random_words_sharing_beginnings_match_as_the_plain_alternation(seed):
    rng = random.Random(seed)
    pieces = ["a", "ab", "b", "ba", " ", "c", "-", "."]
    words = {
        "".join(rng.choices(pieces, k=rng.randint(1, 5))).strip() for _ in range(12)
    }
    words = [word for word in words if word]
    bodies = [
        "".join(rng.choices([*pieces, "  ", "A", "B", "\n"], k=200)) for _ in range(5)
    ]
    assert_same_matches(words, bodies)
    assert_same_matches([word.lower() for word in words], bodies, re.IGNORECASE)


def test_no_words_match_nothing():
    assert text.alternation([]) == ""
    assert re.compile(offices._alternation([])).search("anything") is None


def test_words_differing_by_case_alone_are_not_made_a_trie_under_ignore_case():
    assert text.alternation(["US", "us envoy"], ignore_case=True) == r"us\s+envoy|US"
