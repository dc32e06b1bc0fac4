"""Sentences that restate a claim the desk already tracks.

Lexical matching with rapidfuzz over normalised words (``checks.wording``: numbers
in digits, common words dropped, endings folded, newsroom synonyms merged). A
sentence restates a claim when it is close enough to the claim's statement or to a
sentence the claim is highlighted in, and it carries the same numbers as the claim's
highlighted words: “35 nations” does not restate “26 nations”.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from rapidfuzz import fuzz, process

from .findings import Finding, Kind
from .text import numbers_in, sentences
from .wording import words

#: The score (0–100) from which a sentence is proposed as restating a claim.
THRESHOLD = 72
#: At least this many normalised words in common, so short sentences do not match by chance.
MIN_SHARED = 3


@dataclass(frozen=True)
class KnownClaim:
    """A claim the desk tracks: its statement, highlighted quotes and their sentences."""

    id: int
    statement: str
    quotes: tuple[str, ...] = ()
    contexts: tuple[str, ...] = ()


def _similarity(mine, theirs) -> float:
    if len(set(mine) & set(theirs)) < MIN_SHARED:
        return 0.0
    a, b = " ".join(mine), " ".join(theirs)
    return (fuzz.token_set_ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 2


#: Below this, one of the two scores makes the average miss ``THRESHOLD`` whatever
#: the other is (at most 100), so scoring can stop early.
_FLOOR = 2 * THRESHOLD - 100


def _scores(
    mine: tuple[str, ...], references: list[str], presorted: list[str]
) -> list[tuple[int, float]]:
    """``(index, similarity)`` of the ``references`` that reach ``THRESHOLD``.

    ``references`` are normalised words joined by spaces, each sharing ``MIN_SHARED``
    words with ``mine``; ``presorted`` the same words sorted. The values are
    ``_similarity``'s: rapidfuzz's token sort ratio is the plain ratio of the sorted
    words, and a scorer returns the exact score at or above its cutoff (0 below it
    only where the average could not reach the threshold anyway).
    """
    joined = " ".join(mine)
    # The sort ratio first, on words sorted once per reference: the cheap filter.
    sorted_scores = {
        index: score
        for _, score, index in process.extract(
            " ".join(sorted(mine)),
            presorted,
            scorer=fuzz.ratio,
            score_cutoff=_FLOOR,
            limit=None,
        )
    }
    if not sorted_scores:
        return []
    kept = list(sorted_scores)
    found = []
    for _, set_score, at in process.extract(
        joined,
        [references[index] for index in kept],
        scorer=fuzz.token_set_ratio,
        score_cutoff=_FLOOR,
        limit=None,
    ):
        value = (set_score + sorted_scores[kept[at]]) / 2
        if value >= THRESHOLD:
            found.append((kept[at], value))
    return found


def score(sentence: str, reference: str) -> float:
    """How closely ``sentence`` says what ``reference`` says, from 0 to 100."""
    return _similarity(words(sentence), words(reference))


@dataclass(frozen=True)
class _Prepared:
    claim: KnownClaim
    numbers: tuple[frozenset, ...]
    references: tuple[tuple[str, ...], ...]


@lru_cache(maxsize=2**18)
def _normalised(text: str) -> tuple[str, ...]:
    """``words(text)``, kept: a desk's claims are prepared again on every run."""
    return tuple(words(text))


@lru_cache(maxsize=2**18)
def _quote_numbers(quote: str) -> frozenset:
    return frozenset(numbers_in(quote))


def _prepare(claims) -> list[_Prepared]:
    """Each claim's numbers and normalised references."""
    prepared = []
    for claim in claims:
        numbers = (_quote_numbers(quote) for quote in claim.quotes)
        prepared.append(
            _Prepared(
                claim,
                tuple(found for found in numbers if found),
                tuple(
                    _normalised(reference)
                    for reference in (claim.statement, *claim.contexts)
                ),
            )
        )
    return prepared


def _at_least(times: int, masks: list[int]) -> list[int]:
    """The bits set in at least ``times`` of ``masks``, lowest first.

    Counted with whole integers as bit-sliced counters (``seen[k]``: the bits set in
    more than ``k`` masks so far), so a word shared by thousands of references costs a
    few integer operations, not a loop over thousands.
    """
    seen = [0] * times
    for mask in masks:
        for k in range(times - 1, 0, -1):
            seen[k] |= seen[k - 1] & mask
        seen[0] |= mask
    bits = bin(seen[-1])[:1:-1]
    found = []
    at = bits.find("1")
    while at != -1:
        found.append(at)
        at = bits.find("1", at + 1)
    return found


def _pick(items: list, indexes: list[int]) -> list:
    if len(indexes) < 2:
        return [items[index] for index in indexes]
    return list(itemgetter(*indexes)(items))


class ClaimIndex:
    """The known claims, indexed by their words so a sentence is scored only against
    references it shares at least ``MIN_SHARED`` words with.

    Same answers as scoring every claim in turn (``_similarity`` is 0 below
    ``MIN_SHARED`` shared words, under the threshold): claims with the same numbers
    and references score the same, so only the first of them can win, and each
    distinct reference is scored once per sentence. Build it once per run.
    """

    #: Sentences whose scores are kept, at most (a run's memory stays bounded).
    REMEMBERED = 50_000

    def __init__(self, claims):
        self.prepared = _prepare(claims)
        self._scorer = None
        #: Scores by a sentence's normalised words: a sentence repeated across
        #: sources (wire copy, boilerplate, corrections) is scored once per run.
        self._ranked_by: dict[tuple[str, ...], list[tuple[float, int]]] = {}
        self.references: list[tuple[str, ...]] = []
        self.joined: list[str] = []
        self.presorted: list[str] = []
        #: For each reference, the distinct claims (first of their kind) citing it.
        self.citing: list[list[int]] = []
        #: Distinct claims: first claim index, and its numbers.
        self.distinct: list[_Prepared] = []
        #: For each word, the references holding it, as the bits of an integer.
        self.postings: dict[str, int] = defaultdict(int)
        numbered: dict[tuple[str, ...], int] = {}
        seen = set()
        for item in self.prepared:
            if (item.numbers, item.references) in seen:
                continue
            seen.add((item.numbers, item.references))
            self.distinct.append(item)
            for reference in dict.fromkeys(item.references):
                if reference not in numbered:
                    numbered[reference] = len(self.references)
                    self.references.append(reference)
                    self.joined.append(" ".join(reference))
                    self.presorted.append(" ".join(sorted(reference)))
                    self.citing.append([])
                    for word in set(reference):
                        self.postings[word] |= 1 << numbered[reference]
                self.citing[numbered[reference]].append(len(self.distinct) - 1)

    def semantic_scores(self, encoder, parts):
        """Each sentence's embedding similarity to each claim, or None without an
        encoder; the claims are embedded once per index, not once per source."""
        if encoder is None or not self.prepared or not parts:
            return None
        if self._scorer is None or self._scorer[0] is not encoder:
            from .semantic import SemanticScorer

            references = [(i.claim.statement, *i.claim.contexts) for i in self.prepared]
            self._scorer = (encoder, SemanticScorer(encoder, references))
        return self._scorer[1].scores([sentence.text for sentence in parts])

    def _ranked(self, mine: tuple[str, ...]) -> list[tuple[float, int]]:
        """``(-score, claim)`` of the distinct claims reaching ``THRESHOLD`` against
        these words, best first and, among equals, in the claims' order."""
        candidates = _at_least(
            MIN_SHARED, [self.postings.get(word, 0) for word in set(mine)]
        )
        values: dict[int, float] = {}
        texts, presorted = (
            _pick(self.joined, candidates),
            _pick(self.presorted, candidates),
        )
        for at, value in _scores(mine, texts, presorted) if candidates else ():
            for claim in self.citing[candidates[at]]:
                if value > values.get(claim, -1.0):
                    values[claim] = value
        return sorted((-value, claim) for claim, value in values.items())

    def best(self, sentence: str) -> tuple[KnownClaim, float] | None:
        """The claim ``sentence`` restates best (the first of equals), or None."""
        mine = _normalised(sentence)
        ranked = self._ranked_by.get(mine)
        if ranked is None:
            ranked = self._ranked(mine)
            if len(self._ranked_by) < self.REMEMBERED:
                self._ranked_by[mine] = ranked
        present = None
        for negative, claim in ranked:
            item = self.distinct[claim]
            if item.numbers:
                present = numbers_in(sentence) if present is None else present
                if not any(numbers <= present for numbers in item.numbers):
                    continue
            return item.claim, -negative
        return None


def best_claim(
    sentence: str, claims: list[KnownClaim]
) -> tuple[KnownClaim, float] | None:
    """The known claim ``sentence`` restates best, with its score, or None.

    A claim whose highlighted words carry numbers is restated only by a sentence
    carrying the same numbers (in digits or words).
    """
    return ClaimIndex(claims).best(sentence)


def restated_claims(
    document: str,
    body: str,
    claims: list[KnownClaim] | ClaimIndex,
    already: set[tuple[int, int, int]] = frozenset(),
    encoder=None,
) -> list[Finding]:
    """Sentences of ``body`` restating a known claim.

    ``already`` holds ``(start, end, claim_id)`` of highlights linked to claims in this
    source; a sentence overlapping one of its claim's highlights is not proposed again.
    ``encoder`` (see ``checks.semantic``) adds semantic matching to the lexical one.
    Pass a ``ClaimIndex`` when checking many sources against the same claims.
    """
    findings = []
    index_ = claims if isinstance(claims, ClaimIndex) else ClaimIndex(claims)
    parts = sentences(body)
    semantic = index_.semantic_scores(encoder, parts)
    for index, sentence in enumerate(parts):
        match = index_.best(sentence.text)
        if semantic is not None:
            match = _with_semantic(
                sentence.text, index_.prepared, semantic[index], match
            )
        if match is None:
            continue
        claim, value = match
        if any(
            claim_id == claim.id and start < sentence.end and sentence.start < end
            for start, end, claim_id in already
        ):
            continue
        findings.append(
            Finding(
                kind=Kind.RESTATED,
                document=document,
                start=sentence.start,
                end=sentence.end,
                exact=sentence.text,
                statement=claim.statement,
                explanation=(
                    f"This sentence restates a claim the desk tracks "
                    f"(similarity {value:.0f}/100): “{claim.statement}”"
                ),
                claim_id=claim.id,
            )
        )
    return findings


def _with_semantic(sentence, prepared, scores, match):
    """The lexical match, or a claim whose embedding is closer than the semantic
    threshold (numbers must still agree), whichever scores higher."""
    from .semantic import THRESHOLD as SEMANTIC

    present = numbers_in(sentence)
    for item, value in zip(prepared, scores, strict=True):
        if value < SEMANTIC * 100:
            continue
        if item.numbers and not any(numbers <= present for numbers in item.numbers):
            continue
        if match is None or value > match[1]:
            match = (item.claim, value)
    return match
