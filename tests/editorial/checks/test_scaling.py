"""The checks grow with the size of the desk, not with its square.

Counted, not timed: each source is read once per run (and not again while its text,
date and the reference data stay the same); grouped checks compare what was read in
a number of steps that roughly doubles when the corpus doubles; a sentence is scored
only against the claims it shares words with.
"""

from dataclasses import replace
from datetime import date
from unittest import mock

import pytest

from editorial.checks import (
    Document,
    KnownClaim,
    Readings,
    reading,
    restated,
    run_checks,
)
from editorial.checks.dates import When
from editorial.checks.event_dates import date_conflicts, date_mentions
from editorial.checks.figures import figure_conflicts, figure_mentions
from editorial.checks.text import sentences

DAY = date(2025, 9, 4)


COMPARED = [0]


def counted(base):
    """A subclass of ``base`` whose values count how often they are compared."""

    def counting(name):
        def compare(self, other):
            COMPARED[0] += 1
            return getattr(base, name)(self, other)

        return compare

    names = ("__lt__", "__le__", "__gt__", "__ge__", "__eq__", "__ne__")
    methods = {name: counting(name) for name in names}
    return type(
        f"Counted{base.__name__}", (base,), {**methods, "__hash__": base.__hash__}
    )


Number, Day = counted(float), counted(date)


def agreeing_counts(size: int) -> list:
    """``size`` agreeing mentions of 26 nations: no conflict, so nothing cut short."""
    text = "26 countries pledged troops to the summit."
    [mention] = figure_mentions("s", text, sentences(text))
    found = [
        replace(mention, document=f"s{i}", low=Number(26), high=Number(26))
        for i in range(size)
    ]
    return figure_conflicts(found)


def agreeing_dates(size: int) -> list:
    """``size`` mentions of the same founding day, and none that disagrees."""
    day = Day(2025, 3, 2)
    text = "The summit in London on 2 March 2025 ended."
    [mention] = date_mentions("s", text, None, sentences(text))
    found = [
        replace(mention, document=f"s{i}", when=When(day, day, "2 March 2025"))
        for i in range(size)
    ]
    return date_conflicts(found)


@pytest.mark.parametrize("check", [agreeing_counts, agreeing_dates])
def test_grouped_checks_take_about_twice_the_steps_for_twice_the_mentions(check):
    steps = []
    for size in (200, 400):
        COMPARED[0] = 0
        check(size)
        steps.append(COMPARED[0])
    assert steps[0] > 0
    # Comparing every pair would be four times the work; sorting a little over 2.
    assert steps[1] / steps[0] < 2.6


def corpus(size: int) -> list[Document]:
    text = (
        "British Prime Minister Keir Starmer said 26 countries have pledged troops. "
        "The coalition's inaugural meeting of the Coalition of the Willing was held "
        "in March 2025."
    )
    return [Document(f"d{i}", f"{text} Report {i}.", DAY) for i in range(size)]


def test_each_source_is_read_once_per_run_whatever_the_number_of_targets(reference):
    documents = corpus(30)
    with mock.patch.object(reading, "read", wraps=reading.read) as read:
        run_checks(targets=documents, corpus=documents, reference=reference)
    assert read.call_count == 30


def test_a_second_run_reads_only_the_source_that_changed(reference):
    documents = corpus(30)
    readings = Readings()
    first = run_checks(
        targets=documents[:1], corpus=documents, reference=reference, readings=readings
    )
    changed = Document("d5", documents[5].body.replace("26", "35"), DAY)
    documents[5] = changed
    with mock.patch.object(reading, "read", wraps=reading.read) as read:
        second = run_checks(
            targets=[changed], corpus=documents, reference=reference, readings=readings
        )
    assert read.call_count == 1
    assert first == []  # everyone agreed
    assert {f.exact for f in second if f.document == "d5"} == {"35 countries"}


def test_a_sentence_is_scored_only_against_claims_it_shares_words_with():
    unrelated = [
        KnownClaim(i, f"Harvest {i} of barley and oats rose in county fields.")
        for i in range(500)
    ]
    twins = [
        KnownClaim(1000 + i, "Twenty-six nations pledged troops for Ukraine.")
        for i in range(50)
    ]
    sentence = "26 countries have committed forces to Ukraine."
    with mock.patch.object(
        restated, "_sort_scores", wraps=restated._sort_scores
    ) as scored:
        claim, value = restated.best_claim(sentence, [*unrelated, *twins])
    # Fifty identical claims are one reference; the barley claims are never scored.
    assert [len(call.args[1]) for call in scored.call_args_list] == [1]
    assert claim.id == 1000  # the first of equals, as when every claim is scored
    assert value >= restated.THRESHOLD
