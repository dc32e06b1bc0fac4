"""The demo editorial data shipped in fixtures/editorial.json, written as an editor would.

Each highlight is given by its quote, never by offsets: the builder finds the words in
the seed text, so the stored offsets are right by construction and the tests re-check
them against the bodies.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoHighlight:
    seed: str  # the seed file's name
    quote: str
    occurrence: int = 0  # which occurrence of the quote, from 0
    stance: str = "assert"


@dataclass(frozen=True)
class DemoEvidence:
    supports: bool
    url: str = ""
    citation: str = ""
    note: str = ""


@dataclass(frozen=True)
class DemoFactCheck:
    """A claim published for readers (the summary is the verdict note)."""

    headline: str
    claimant: str
    claimant_kind: str
    claim_date: datetime.date


@dataclass(frozen=True)
class DemoClaim:
    key: str
    statement: str
    highlights: list[DemoHighlight]
    status: str = "unverified"
    verdict_note: str = ""
    evidence: list[DemoEvidence] = field(default_factory=list)
    fact_check: DemoFactCheck | None = None


@dataclass(frozen=True)
class DemoDispute:
    question: str
    claims: list[str]  # claim keys


SUNAK = DemoClaim(
    key="sunak",
    statement="Rishi Sunak was British prime minister on 6 January 2026.",
    highlights=[
        DemoHighlight("002_2ca0e659cadc8dd3.txt", "British Prime Minister Rishi Sunak")
    ],
    status="false",
    verdict_note=(
        "Keir Starmer has been prime minister of the United Kingdom since 5 July 2024; Rishi Sunak left "
        "office that day. On 6 January 2026 Starmer, not Sunak, represented Britain in Paris."
    ),
    evidence=[
        DemoEvidence(
            supports=False,
            url="https://www.gov.uk/government/people/keir-starmer",
            note="GOV.UK: Keir Starmer became Prime Minister on 5 July 2024.",
        ),
        DemoEvidence(
            supports=False,
            url="https://www.gov.uk/government/people/rishi-sunak",
            note="GOV.UK: Rishi Sunak was Prime Minister from 25 October 2022 to 5 July 2024.",
        ),
    ],
    fact_check=DemoFactCheck(
        headline="Rishi Sunak was not British prime minister in January 2026",
        claimant="The news report “US Pledges Robust Security Commitments to Ukraine”",
        claimant_kind="organisation",
        claim_date=datetime.date(2026, 1, 6),
    ),
)

ENVOY_UNNAMED = DemoClaim(
    key="envoy-unnamed",
    statement=(
        "At the 6 January 2026 Paris meeting the United States was represented by an unnamed "
        "U.S. Special Envoy for the crisis appointed by President Trump."
    ),
    highlights=[
        DemoHighlight(
            "002_2ca0e659cadc8dd3.txt",
            "The U.S. Special Envoy for the crisis, appointed by President Trump",
        )
    ],
    status="disputed",
)

ENVOY_WITKOFF = DemoClaim(
    key="envoy-witkoff",
    statement="Steve Witkoff was the US special envoy at the 6 January 2026 Paris meeting.",
    highlights=[
        DemoHighlight(
            "003_4226081c53cb6bec.txt",
            "sent a delegation that included Jared Kushner and Special Envoy Steve Witkoff",
        )
    ],
    status="disputed",
    evidence=[
        DemoEvidence(
            supports=True,
            citation="Élysée, joint statement of the Coalition of the Willing, Paris, 6 January 2026",
            note="Lists Special Envoy Steve Witkoff and Jared Kushner in the US delegation.",
        )
    ],
)

NATIONS_26 = DemoClaim(
    key="nations-26",
    statement="26 nations committed to providing troops for the reassurance force for Ukraine.",
    highlights=[
        DemoHighlight(
            "000_f0519c675d663d4c.txt",
            "26 countries have committed to providing troops",
        ),
        DemoHighlight(
            "001_3cf214489e7d2431.txt", "26 nations from the Coalition of Volunteers"
        ),
    ],
    status="in_review",
)

NATIONS_20 = DemoClaim(
    key="nations-20",
    statement="Around twenty countries pledged a military presence in Ukraine after the war.",
    highlights=[
        DemoHighlight(
            "001_3cf214489e7d2431.txt", "around twenty countries have pledged"
        )
    ],
    status="disputed",
)

NATIONS_35 = DemoClaim(
    key="nations-35",
    statement="The Coalition of the Willing comprises 35 nations.",
    highlights=[
        DemoHighlight("003_4226081c53cb6bec.txt", "an alliance comprising 35 nations")
    ],
    status="disputed",
)

NATIONS_34 = DemoClaim(
    key="nations-34",
    statement="34 countries had joined the Multinational Force – Ukraine by November 2025.",
    highlights=[
        DemoHighlight(
            "004_9cab52ddeb08c648.txt",
            "latest of 34 countries reported to have joined MNF-U",
        )
    ],
    status="unverified",
)

CLAIMS = [
    SUNAK,
    ENVOY_UNNAMED,
    ENVOY_WITKOFF,
    NATIONS_26,
    NATIONS_20,
    NATIONS_35,
    NATIONS_34,
]

DISPUTES = [
    DemoDispute(
        question="Who was the US special envoy at the 6 January 2026 Paris meeting?",
        claims=["envoy-unnamed", "envoy-witkoff"],
    ),
    DemoDispute(
        question="How many nations joined the coalition or pledged troops to the multinational force?",
        claims=["nations-26", "nations-20", "nations-35", "nations-34"],
    ),
]
