"""Sentences that restate a claim the desk already tracks.

Lexical matching with rapidfuzz over normalised words (``checks.wording``: numbers
in digits, common words dropped, endings folded, newsroom synonyms merged). A
sentence restates a claim when it is close enough to the claim's statement or to a
sentence the claim is highlighted in, and it carries the same numbers as the claim's
highlighted words: “35 nations” does not restate “26 nations”.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from heapq import heappop, heappush

from rapidfuzz import fuzz, process

from .bitsets import at_least, bits, pick
from .findings import Finding, Kind
from .text import numbers_in, sentences
from .wording import may_hold_number, words

#: The score (0–100) from which a sentence is proposed as restating a claim.
THRESHOLD = 72
#: At least this many normalised words in common, so short sentences do not match by chance.
MIN_SHARED = 3
#: References of several lengths are scored together up to this many (fewer calls).
BATCH = 32


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
#: Added to every upper bound below, so a bound is never under a score by a rounding.
_SLACK = 1e-6


def _ratio_bound(mine: int, theirs: int) -> float:
    """The most ``fuzz.ratio`` can give two strings of these lengths (plus ``_SLACK``).

    Proof: ``fuzz.ratio`` is ``100 * (1 - d / (m + n))`` with ``d`` the Indel
    distance (insertions and deletions) between strings of lengths ``m`` and ``n``.
    Each insertion or deletion changes the length by one, so ``d >= |m - n|``, and the
    ratio is at most ``100 * (1 - |m - n| / (m + n)) = 200 * min(m, n) / (m + n)``.
    ``_similarity`` averages the token sort ratio (``fuzz.ratio`` of the sorted words,
    whose length is the joined words' length) with the token set ratio (at most 100),
    so a reference of length ``n`` scores at most ``(_ratio_bound(m, n) + 100) / 2``.
    """
    return 200 * min(mine, theirs) / (mine + theirs) + _SLACK


def _sort_scores(joined_sorted: str, presorted: list[str]) -> list[tuple[int, float]]:
    """``(index, token sort ratio)`` of ``presorted`` reaching ``_FLOOR`` (below it the
    average cannot reach ``THRESHOLD``): rapidfuzz's token sort ratio is the plain
    ratio of the sorted words, and a scorer's value at or above its cutoff is exact."""
    return [
        (index, value)
        for _, value, index in process.extract(
            joined_sorted, presorted, scorer=fuzz.ratio, score_cutoff=_FLOOR, limit=None
        )
    ]


def _set_scores(joined: str, references: list[str]) -> list[float]:
    """The token set ratio of each of ``references`` (0 below ``_FLOOR``)."""
    values = [0.0] * len(references)
    for _, value, index in process.extract(
        joined, references, scorer=fuzz.token_set_ratio, score_cutoff=_FLOOR, limit=None
    ):
        values[index] = value
    return values


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
    return frozenset(numbers_in(quote)) if may_hold_number(quote) else frozenset()


def _prepare(claims) -> list[_Prepared]:
    """Each claim's numbers and normalised references."""
    numbers_of, normalised = _quote_numbers, _normalised
    return [
        _Prepared(
            claim,
            tuple(filter(None, map(numbers_of, claim.quotes))),
            (normalised(claim.statement), *map(normalised, claim.contexts)),
        )
        for claim in claims
    ]


class ClaimIndex:
    """The known claims, indexed by their words so a sentence is scored only against
    references it shares at least ``MIN_SHARED`` words with.

    Same answers as scoring every claim in turn (``_similarity`` is 0 below
    ``MIN_SHARED`` shared words, under the threshold): claims with the same numbers
    and references score the same, so only the first of them can win, and each
    distinct reference is scored at most once per sentence. References are scored
    best bound first (``_ratio_bound`` of their length, then their exact sort ratio)
    and the search stops when no reference left can reach the best claim found, so a
    sentence the desk tracks word for word is scored against a handful of references,
    not thousands. Build it once per run.
    """

    #: Sentences whose answers are kept, at most (a run's memory stays bounded).
    REMEMBERED = 50_000

    def __init__(self, claims):
        self.prepared = _prepare(claims)
        self._scorer = None
        #: Answers by a sentence's normalised words: a sentence repeated across
        #: sources (wire copy, boilerplate, corrections) is searched once per run.
        self._found: dict[tuple[str, ...], tuple] = {}
        self.references: list[tuple[str, ...]] = []
        self.joined: list[str] = []
        self.presorted: list[str] = []
        #: For each reference, the distinct claims (first of their kind) citing it.
        self.citing: list[list[int]] = []
        #: Distinct claims: first claim index, and its numbers.
        self.distinct: list[_Prepared] = []
        #: For each word, the references holding it, as the bits of an integer.
        self.postings: dict[str, int] = {}
        #: Lengths of the references' joined words, ascending; the references are
        #: numbered by length, so ``spans[i]`` (first number, how many) are those of
        #: length ``lengths[i]``, a run of bits.
        self.lengths: list[int] = []
        self.spans: list[tuple[int, int]] = []
        cited: dict[tuple[str, ...], list[int]] = {}
        seen = set()
        for item in self.prepared:
            key = (item.numbers, item.references)
            if key in seen:
                continue
            seen.add(key)
            self.distinct.append(item)
            for reference in dict.fromkeys(item.references):
                cited.setdefault(reference, []).append(len(self.distinct) - 1)
        holding: dict[str, list[int]] = defaultdict(list)
        for reference in sorted(cited, key=lambda words: len(" ".join(words))):
            number = len(self.references)
            self.references.append(reference)
            self.joined.append(" ".join(reference))
            self.presorted.append(" ".join(sorted(reference)))
            self.citing.append(cited[reference])
            if not self.lengths or self.lengths[-1] != len(self.joined[-1]):
                self.lengths.append(len(self.joined[-1]))
                self.spans.append((number, 0))
            self.spans[-1] = (self.spans[-1][0], self.spans[-1][1] + 1)
            for word in set(reference):
                holding[word].append(number)
        for word, numbers in holding.items():
            packed = bytearray(numbers[-1] // 8 + 1)
            for number in numbers:
                packed[number >> 3] |= 1 << (number & 7)
            self.postings[word] = int.from_bytes(packed, "little")

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

    def _search(self, mine: tuple[str, ...], numbers_of) -> tuple:
        """``(found, numbers)``: ``found`` the ``(value, claim)`` of the distinct claim
        scoring highest (the first of equals) at ``THRESHOLD`` or more whose numbers
        ``numbers_of()`` holds, or None; ``numbers`` what ``numbers_of()`` gave, or None
        when no claim with numbers was looked at (then the answer is the same for any).

        Branch and bound: ``pending`` holds references whose sort ratio is known, by
        the most they can score; lengths not yet looked at can score at most their
        ``_ratio_bound``. The most scored references come first; the search stops when
        nothing left can reach ``THRESHOLD`` or equal the best claim found (an equal
        could be an earlier claim, so it is still scored).
        """
        candidates = at_least(
            MIN_SHARED, [self.postings.get(word, 0) for word in set(mine)]
        )
        if not candidates:
            return None, None
        joined, joined_sorted = " ".join(mine), " ".join(sorted(mine))
        size, lengths = len(joined_sorted), self.lengths
        # Lengths in order of their bound: outwards from the sentence's own length.
        above = bisect_left(lengths, size)
        below = above - 1
        pending: list[tuple[float, int, float]] = []  # (-bound, reference, sort ratio)
        found, numbers = None, None
        while True:
            low = _ratio_bound(size, lengths[below]) if below >= 0 else -100.0
            high = (
                _ratio_bound(size, lengths[above]) if above < len(lengths) else -100.0
            )
            next_length = (max(low, high) + 100) / 2
            bound = max(next_length, -pending[0][0] if pending else -1.0)
            if bound < THRESHOLD or (found is not None and bound < found[0]):
                return found, numbers
            if next_length >= bound:
                # This length and the next ones whose bound is as high as anything
                # pending or found (few calls, each scoring up to ``BATCH``).
                floor = max(
                    -pending[0][0] if pending else 0.0, found[0] if found else 0.0
                )
                chosen = []
                while next_length >= max(floor, THRESHOLD) and len(chosen) < BATCH:
                    if low >= high:
                        first, count = self.spans[below]
                        below -= 1
                    else:
                        first, count = self.spans[above]
                        above += 1
                    part = (candidates >> first) & ((1 << count) - 1)
                    chosen += [first + at for at in bits(part)] if part else []
                    low = _ratio_bound(size, lengths[below]) if below >= 0 else -100.0
                    high = (
                        _ratio_bound(size, lengths[above])
                        if above < len(lengths)
                        else -100.0
                    )
                    next_length = (max(low, high) + 100) / 2
                for at, value in _sort_scores(
                    joined_sorted, pick(self.presorted, chosen)
                ):
                    heappush(pending, (-(value + 100) / 2, chosen[at], value))
                continue
            batch = [heappop(pending)]
            while pending and pending[0][0] == batch[0][0]:
                batch.append(heappop(pending))
            set_values = _set_scores(joined, [self.joined[r] for _, r, _ in batch])
            for (_, reference, sort_value), set_value in zip(
                batch, set_values, strict=True
            ):
                value = (set_value + sort_value) / 2
                if value < THRESHOLD or (found is not None and value < found[0]):
                    continue
                for claim in self.citing[reference]:
                    if found is not None and (value, -claim) <= (found[0], -found[1]):
                        continue
                    item = self.distinct[claim]
                    if item.numbers:
                        numbers = numbers_of() if numbers is None else numbers
                        if not any(wanted <= numbers for wanted in item.numbers):
                            continue
                    found = (value, claim)

    def remembered(self) -> dict:
        """The answers kept so far (for :meth:`remember` in another process)."""
        return dict(self._found)

    def remember(self, answers: dict) -> None:
        """Keep ``answers`` another copy of this index gave (``remembered``)."""
        for mine, kept in answers.items():
            if len(self._found) >= self.REMEMBERED:
                break
            self._found.setdefault(mine, kept)

    def best(self, sentence: str) -> tuple[KnownClaim, float] | None:
        """The claim ``sentence`` restates best (the first of equals), or None."""
        mine = _normalised(sentence)
        kept = self._found.get(mine)
        present = None
        if kept is not None and kept[1] is not None:
            present = numbers_in(sentence)
            if present != kept[1]:
                kept = None  # other numbers: another answer, perhaps
        if kept is None:
            kept = self._search(
                mine, lambda: numbers_in(sentence) if present is None else present
            )
            if len(self._found) < self.REMEMBERED:
                self._found[mine] = kept
        if kept[0] is None:
            return None
        value, claim = kept[0]
        return self.distinct[claim].claim, value


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
