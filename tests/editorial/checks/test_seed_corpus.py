"""Every finding the checks make on the seed corpus, each judged true or false.

The table is the checks' precision on the corpus: a change that adds a finding not
listed here (or loses one) fails, so a new false finding cannot slip in unseen. The
run is the shipped state: the demo claims are known and their highlights exist.
"""

from collections import Counter

import pytest

from editorial.checks import run_checks

from .conftest import demo_claims_and_links, seed_documents

TRUE, FALSE = True, False

#: (kind, seed, the words) -> is the finding true? why.
TABLE = [
    # Office anachronisms.
    (
        "anachronism",
        "001",
        "former U.S. President Donald Trump",
        TRUE,
        "Trump was president on 4 September 2025",
    ),
    (
        "anachronism",
        "002",
        "British Prime Minister Rishi Sunak",
        TRUE,
        "Starmer was prime minister on 6 January 2026",
    ),
    (
        "anachronism",
        "002",
        "German Chancellor Olaf Scholz",
        TRUE,
        "Merz was chancellor from 6 May 2025",
    ),
    ("anachronism", "002", "German Chancellor Scholz", TRUE, "the same, said again"),
    (
        "anachronism",
        "003",
        "new UK Prime Minister Keir Starmer",
        TRUE,
        "in office 18 months: not new",
    ),
    (
        "anachronism",
        "004",
        "Defense Secretary Luke Pollard",
        TRUE,
        "John Healey is Defence Secretary; Pollard a junior minister",
    ),
    (
        "anachronism",
        "004",
        "Andriy Yermak, Head of the Office of the President of Ukraine",
        TRUE,
        "Yermak left the post on 28 November 2025, before this revision",
    ),
    # Conflicting identities at the 6 January 2026 Paris meeting.
    ("identity", "002", "U.S. Special Envoy", TRUE, "unnamed here, Witkoff in 003"),
    (
        "identity",
        "003",
        "Special Envoy Steve Witkoff",
        TRUE,
        "named here, unnamed in 002",
    ),
    (
        "identity",
        "002",
        "British Prime Minister Rishi Sunak",
        TRUE,
        "Sunak here, Starmer in 003",
    ),
    (
        "identity",
        "003",
        "new UK Prime Minister Keir Starmer",
        TRUE,
        "Starmer here, Sunak in 002",
    ),
    ("identity", "003", "Britain's Keir Starmer", TRUE, "Starmer here, Sunak in 002"),
    (
        "identity",
        "003",
        "Prime Minister Keir Starmer",
        TRUE,
        "Starmer here, Sunak in 002",
    ),
    # How many nations: 26, around 20, 20, 35, 34, 25, over 30.
    ("figures", "000", "26 Nations", TRUE, "headline: 26"),
    ("figures", "000", "26 countries", TRUE, "26"),
    ("figures", "000", "26 nations", TRUE, "26"),
    ("figures", "000", "26-nation", TRUE, "26"),
    ("figures", "000", "26-nation", TRUE, "26, again"),
    ("figures", "001", "Twenty Nations", TRUE, "headline: twenty, the body says 26"),
    ("figures", "001", "around twenty countries", TRUE, "around twenty"),
    ("figures", "001", "26 nations", TRUE, "26 in the same article"),
    ("figures", "001", "26 countries", TRUE, "26 in the same article"),
    ("figures", "003", "35-nation", TRUE, "headline: 35"),
    ("figures", "003", "35-Nation", TRUE, "35"),
    ("figures", "003", "35 nations", TRUE, "35"),
    ("figures", "004", "34 countries", TRUE, "34 had joined by November 2025"),
    ("figures", "004", "34 countries", TRUE, "34 (infobox)"),
    ("figures", "004", "34 contributing nations", TRUE, "34"),
    ("figures", "004", "34 contributing nations", TRUE, "34, again"),
    ("figures", "004", "34 nation-contributors", TRUE, "34"),
    ("figures", "004", "34 coalition nations", TRUE, "34"),
    ("figures", "004", "34 nations", TRUE, "34"),
    ("figures", "004", "25 participating countries", TRUE, "25 in a UK written answer"),
    ("figures", "004", "Over 30 nations", TRUE, "over 30"),
    ("figures", "004", "35 countries", TRUE, "35 at the Paris gathering"),
    # Size of the force.
    ("figures", "004", "25,000–30,000 personnel", TRUE, "initial target"),
    ("figures", "004", "25,000–30,000 personnel", TRUE, "initial target, again"),
    ("figures", "004", "25,000–30,000 personnel", TRUE, "initial target, again"),
    ("figures", "004", "25,000–30,000 troops", TRUE, "US questionnaire estimate"),
    ("figures", "004", "50,000-strong", TRUE, "the July 2025 announcement cited"),
    (
        "figures",
        "004",
        "more than 45,000 personnel",
        FALSE,
        "Ukraine's own peacekeepers abroad since 1992, not the force",
    ),
    # When the Coalition of the Willing was founded: 003 calls the Paris meeting it
    # reports (6 January 2026) the coalition's inaugural meeting; 004 dates the
    # formal launch to March 2025, at the London summit. The full-scale invasion
    # (February 2022 in 003, 2022 in 004) and the London summit (2 March 2025,
    # March 2025, 2025 in 004) are dated consistently and make no finding.
    (
        "figures",
        "003",
        "inaugural meeting of the 'Coalition of the Willing'",
        TRUE,
        "the coalition met first in March 2025 (London), not in Paris in January 2026",
    ),
    (
        "figures",
        "004",
        "Formally launched as a 'coalition of the willing' in March 2025",
        TRUE,
        "March 2025; contradicts 003",
    ),
    (
        "figures",
        "004",
        "formal launch as a coalition of the willing – a Europe-led mechanism for "
        "providing concrete security guarantees to Ukraine – was in March 2025",
        TRUE,
        "March 2025, again",
    ),
    # Known claims restated in sentences not yet highlighted.
    (
        "restated",
        "000",
        "26 Nations Pledge Troops as 'Reassurance Force' for Post-Conflict Ukraine",
        TRUE,
        "26 nations committed troops",
    ),
    (
        "restated",
        "000",
        'In a significant development for international security and post-conflict planning, French President Emmanuel Macron has revealed that 26 nations have committed to providing troops as a "reassurance force" for Ukraine once the current conflict with Russia concludes.',
        TRUE,
        "26 nations committed troops",
    ),
    (
        "restated",
        "001",
        "Twenty Nations Commit to Military Presence in Ukraine for Future Security",
        TRUE,
        "around twenty pledged a presence",
    ),
    (
        "restated",
        "003",
        "The 'Coalition of the Willing': A 35-Nation Security Shield",
        TRUE,
        "the coalition comprises 35 nations",
    ),
]


@pytest.fixture(scope="module")
def findings(reference):
    claims, linked = demo_claims_and_links()
    documents = seed_documents(linked)
    return run_checks(
        targets=documents, corpus=documents, reference=reference, claims=claims
    )


def key(finding):
    return (finding.kind, finding.document[:3], finding.exact)


def test_every_finding_on_the_seed_corpus_is_in_the_table(findings):
    made = Counter(key(finding) for finding in findings)
    listed = Counter(row[:3] for row in TABLE)
    assert made - listed == Counter(), "new findings: judge them in TABLE"
    assert listed - made == Counter(), "findings lost"


def test_precision_on_the_seed_corpus(findings):
    true = sum(1 for row in TABLE if row[3])
    assert true / len(TABLE) >= 0.95


def test_the_findings_the_issue_demands(findings):
    keys = {key(finding) for finding in findings}
    assert ("anachronism", "002", "British Prime Minister Rishi Sunak") in keys
    assert ("identity", "002", "U.S. Special Envoy") in keys
    assert ("identity", "003", "Special Envoy Steve Witkoff") in keys
    founding = {
        (finding.document[:3], finding.statement)
        for finding in findings
        if finding.group == "figures:date:coalition-founding"
    }
    assert founding == {
        (
            "003",
            "The Coalition of the Willing was founded in the week to 6 January 2026.",
        ),
        ("004", "The Coalition of the Willing was founded in March 2025."),
    }
    counted = {
        (finding.document[:3], finding.statement.split(" nations")[0])
        for finding in findings
        if finding.group == "figures:nations"
    }
    assert {
        ("000", "26"),
        ("001", "Around 20"),
        ("003", "35"),
        ("004", "34"),
    } <= counted


def test_starmer_is_never_flagged_as_not_being_prime_minister_after_july_2024(findings):
    about_starmer = [
        finding
        for finding in findings
        if finding.kind == "anachronism" and "Starmer" in finding.exact
    ]
    # Only the qualifier “new” is wrong in 003; that he was prime minister is right.
    assert [finding.statement for finding in about_starmer] == [
        "Keir Starmer was newly in office as Prime Minister of the United Kingdom on "
        "6 January 2026."
    ]


def test_the_undated_article_gets_no_anachronism_findings(findings):
    assert not [
        finding
        for finding in findings
        if finding.document.startswith("000") and finding.kind == "anachronism"
    ]
