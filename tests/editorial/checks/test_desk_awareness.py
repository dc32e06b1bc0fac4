"""The checks know the desk's work: existing claims are linked, open disputes joined,
and nothing is proposed twice."""

import pytest

from editorial.checks import Finding
from editorial.checks.desk_work import DeskWork
from editorial.checks.services import (
    checks_run,
    suggestion_accept,
    suggestion_group_accept,
)
from editorial.checks.services.runs import _on_the_desk
from editorial.disputes import services as dispute_services
from editorial.models import Claim, Dispute, Suggestion
from sources.stories import services as story_services

pytestmark = pytest.mark.django_db

FIRST = (
    "Allies meet in Vilnius\nVILNIUS - All 32 allied nations attended the summit in "
    "Vilnius on Tuesday, officials said."
)
SECOND = (
    "Vilnius summit ends\nVILNIUS - Only 30 allied nations attended the summit in "
    "Vilnius, the host said on Wednesday."
)


@pytest.fixture
def pair(editor, source_factory):
    story = story_services.story_create(name="Vilnius", user=editor, reason="t")
    # Published the same day, so both sides of the one-against-one conflict are
    # flagged (a day apart, only the later report would be).
    return (
        source_factory(FIRST, story=story, published_on="2025-07-01"),
        source_factory(SECOND, story=story, published_on="2025-07-01"),
    )


def test_a_finding_on_words_highlighted_with_a_claim_attaches_to_it(
    editor, pair, claim_factory
):
    existing = claim_factory(pair[1], "30 allied nations", "Thirty nations came")
    checks_run(user=editor, reason="Run")
    found = Suggestion.objects.get(exact="30 allied nations")
    assert found.claim == existing
    claims_before = Claim.objects.count()
    dispute = suggestion_group_accept(group=found.group, user=editor, reason="Yes")
    assert existing in dispute.claims.all()
    # Only the other position's claim is new: the highlighted words kept theirs.
    assert Claim.objects.count() == claims_before + 1
    assert existing.links.count() == 1


def test_accepting_one_finding_links_the_existing_claim_and_makes_no_second(
    editor, pair, claim_factory
):
    existing = claim_factory(pair[0], "32 allied nations", "All allies came")
    checks_run(user=editor, reason="Run")
    found = Suggestion.objects.get(exact="32 allied nations")
    before = Claim.objects.count()
    accepted = suggestion_accept(suggestion=found, user=editor, reason="Yes")
    assert accepted.claim == existing and Claim.objects.count() == before


def test_a_proposed_dispute_joins_the_open_dispute_on_the_same_question(
    editor, pair, claim_factory
):
    checks_run(user=editor, reason="Run")
    group = Suggestion.objects.get(exact="32 allied nations")
    open_one = dispute_services.dispute_open(
        question=group.question.upper() + "  ",
        claims=[
            claim_factory(pair[0], "Vilnius on Tuesday", "On Tuesday"),
            claim_factory(pair[1], "the host said", "The host said so"),
        ],
        user=editor,
        reason="Editors' own dispute",
    )
    joined = suggestion_group_accept(group=group.group, user=editor, reason="Yes")
    assert joined == open_one and Dispute.objects.count() == 1
    assert open_one.claims.count() == 4


def _finding(**changes):
    values = dict(
        kind="figures",
        document="1",
        start=10,
        end=20,
        exact="x",
        statement="s",
        explanation="e",
        question="How many nations attended?",
    )
    return Finding(**{**values, **changes})


def test_nothing_is_proposed_for_a_claim_proposed_or_disputed_already():
    work = DeskWork(linked={1: [(8, 22, 5)]})
    assert _on_the_desk(_finding(), 1, work) == 5
    work.proposed.add((1, "figures", 5))
    assert _on_the_desk(_finding(), 1, work) is False
    work = DeskWork(
        linked={1: [(8, 22, 5)]},
        disputed={"how many nations attended": {5}},
    )
    assert _on_the_desk(_finding(), 1, work) is False
    assert _on_the_desk(_finding(question="Who attended?"), 1, work) == 5
    assert _on_the_desk(_finding(kind="anachronism", start=8, end=22), 1, work) is False
    assert _on_the_desk(_finding(start=30, end=40), 1, work) is None
