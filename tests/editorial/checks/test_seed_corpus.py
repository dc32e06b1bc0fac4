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
    # The story's figures and its founding, as the shipped story figures and event
    # describe them (fixtures/reference.json: what is particular to this story is
    # data an editor changes in the admin, not code). One finding per value a
    # source states, in its first words: the source's other mentions of that value
    # are the same position (000's “26 countries”, “26 nations”, “26-nation”; 004's
    # “34 contributing nations”, “34 coalition nations”, “34 nations”; 003's “35
    # nations”), so the list does not repeat one number. 26 (000, 001) against 35
    # (003, 004) is a tie, so every value that cannot agree with another is flagged.
    ("figures", "000", "26 Nations", TRUE, "26 here and in 001; 35 in 003 and 004"),
    (
        "figures",
        "001",
        "Twenty Nations",
        TRUE,
        "headline: twenty; 26 in 000 and in 001's own text",
    ),
    (
        "figures",
        "001",
        "around twenty countries",
        TRUE,
        "Macron's announcement: around twenty here, 26 in 000 and later in 001",
    ),
    ("figures", "001", "26 nations", TRUE, "26 agreed to deploy; 35 in 003"),
    ("figures", "003", "35-nation", TRUE, "a 35-nation coalition, 26 in 000"),
    (
        "figures",
        "004",
        "34 countries",
        TRUE,
        "34 had joined MNF-U by November 2025; 26 in 000 and 001",
    ),
    (
        "figures",
        "004",
        "25 participating countries",
        TRUE,
        "25 in a UK written answer, 34 in the same source",
    ),
    ("figures", "004", "Over 30 nations", TRUE, "over 30; 26 in 000 and 001"),
    ("figures", "004", "35 countries", TRUE, "35 at the Paris gathering; 34 here"),
    # The force's size, all in 004: an initial target against a later announcement.
    (
        "figures",
        "004",
        "25,000–30,000 personnel",
        TRUE,
        "initial strength 25,000–30,000; a 50,000-strong force announced",
    ),
    (
        "figures",
        "004",
        "50,000-strong multinational force",
        TRUE,
        "the July 2025 announcement cited, against 25,000–30,000",
    ),
    # The coalition's founding: 003 reports its inaugural meeting as news in
    # January 2026; 004 dates the launch to March 2025.
    (
        "figures",
        "003",
        "inaugural meeting of the 'Coalition of the Willing",
        TRUE,
        "founded in March 2025 (004), not at the January 2026 Paris meeting",
    ),
    (
        "figures",
        "004",
        "launched as a 'coalition of the willing' in March 2025",
        TRUE,
        "March 2025 here, January 2026 in 003",
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
    conflicts = {
        (finding.document[:3], finding.exact, finding.group)
        for finding in findings
        if finding.kind == "figures"
    }
    # 26 nations against 35, in one group, asked as the story figure asks.
    groups = {
        group for _, exact, group in conflicts if exact in {"26 Nations", "35-nation"}
    }
    assert groups == {"figures:story:coalition-nations"}
    asked = {finding.group: finding.question for finding in findings}
    assert asked["figures:story:coalition-nations"] == (
        "How many nations joined the coalition or pledged forces for Ukraine?"
    )
    assert asked["figures:date:story:coalition-founding"] == (
        "When was the Coalition of the Willing founded?"
    )


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
