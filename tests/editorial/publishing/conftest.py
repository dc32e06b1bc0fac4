"""A claim with a verdict, stated in a dated source with a URL, with evidence; and its publisher."""

from __future__ import annotations

import datetime

import pytest

from editorial.claims import services as claim_services
from editorial.publishing import services as publishing_services

STATEMENT = "Rishi Sunak was British prime minister on 6 January 2026."
NOTE = "Keir Starmer has been prime minister since 5 July 2024."


@pytest.fixture
def rated_claim(source_factory, claim_factory, editor, reviewer):
    later = source_factory(
        "Paris talks\nBritish Prime Minister Rishi Sunak attended the talks.",
        url="https://example.org/paris-talks",
        published_on=datetime.date(2026, 1, 7),
        publisher="Example Wire",
    )
    claim = claim_factory(
        later, "British Prime Minister Rishi Sunak", statement=STATEMENT
    )
    earlier = source_factory(
        "Leaders\nPrime Minister Rishi Sunak <b>&</b> the leaders met.",
        published_on=datetime.date(2026, 1, 6),
    )
    start = earlier.current_revision.body.index("Prime Minister Rishi Sunak <b>&</b>")
    from editorial.highlights import services as highlight_services

    highlight = highlight_services.highlight_create(
        source=earlier,
        start=start,
        end=start + len("Prime Minister Rishi Sunak <b>&</b>"),
        user=editor,
        reason="States it",
    )
    claim_services.claim_link_highlight(
        claim=claim, highlight=highlight, user=editor, reason="States it too"
    )
    claim_services.evidence_add(
        claim=claim,
        supports=False,
        url="https://www.gov.uk/government/people/keir-starmer",
        note="GOV.UK: Keir Starmer became Prime Minister on 5 July 2024.",
        user=editor,
        reason="Found it",
    )
    return claim_services.claim_set_status(
        claim=claim,
        status="false",
        verdict_note=NOTE,
        user=reviewer,
        reason="Checked against GOV.UK",
    )


@pytest.fixture
def publish(reviewer):
    def make(claim, user=None, **changes):
        fields = {
            "headline": "Sunak was not prime minister in January 2026",
            "claimant": "Example Wire",
            "claimant_kind": "organisation",
            "claim_date": datetime.date(2026, 1, 6),
            "reason": "Ready for readers",
            **changes,
        }
        return publishing_services.fact_check_publish(
            claim=claim, user=user or reviewer, **fields
        )

    return make


@pytest.fixture
def published(rated_claim, publish):
    return publish(rated_claim)
