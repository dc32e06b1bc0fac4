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
    # Conflicting counts, each put against the mention most like it in another
    # source (issue 14: a dispute of two positions, not of every mention).
    ("figures", "000", "26-nation", TRUE, "a 26-nation pledge here, 35-nation in 003"),
    ("figures", "003", "35-nation", TRUE, "a 35-nation coalition, 26 in 000"),
    ("figures", "001", "26 nations", TRUE, "26 agreed to deploy; 35 in 003"),
    ("figures", "003", "35 nations", TRUE, "an alliance of 35; 26 in 001"),
    # 001 contradicts itself: twenty in its headline and its first sentence, 26
    # nations further on, as 000 says. The figure no other source gives, alone in
    # its clause, is the suspect (000's and 001's 26 are named as the other side).
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
    # 004's count of the coalition's contributors, hidden as a repeat until a
    # figure said again kept its plainest words: “34 nations had been reported as
    # contributors” (said again as “34 contributing nations” and “34 coalition
    # nations”) against the 26 that 000 and 001 agree on, so only 004's 34 is
    # flagged.
    (
        "figures",
        "004",
        "34 nations",
        TRUE,
        "34 contributors by November 2025, 26 in 000 and 001",
    ),
    # No side of these is decided by the other sources (“26-nation” against
    # “35-nation”: one source against one, and 000 has no day, so the first report
    # cannot be told; 26 nations in 000 and 001 against 35 in 003 and 004: a tie),
    # so both sides are flagged.
    # Lost with issue 14 (no story's words in code), and why they stay lost:
    # * 000's “26 countries” against 001's twenty (flagged before issue 14): 000
    #   and 001 agree on 26, so only 001's twenty is suspect now.
    # * 004's other counts of the coalition: “34 countries” (“the latest of 34
    #   countries reported to have joined MNF-U”, and the infobox's “Contributors |
    #   34 countries, NATO, EU”) share no word but the noun with another source's
    #   count (the force is called MNF-U there, the coalition of the willing
    #   elsewhere, and a general rule cannot know the names are one body); “34
    #   contributing nations” and “34 coalition nations” say again what “34
    #   nations” says (flagged above: one finding per figure said); “25
    #   participating countries” is another thing by its modifier, which no other
    #   source's sentence says (nations attending are not nations meeting a
    #   target); “over 30 nations” agrees with 35; 004's “35 countries” restates
    #   003's side.
    # * The coalition's founding date: 003's “inaugural meeting” has no date in
    #   its sentence (it was dated by the source's publication) and is another
    #   event word than 004's “launched” and “launch”; dating every undated event
    #   by the publication would date every background mention (“since its
    #   inaugural meeting …”), and the first-report rule needs a date on both sides.
    # * 004's force sizes (“25,000–30,000 personnel” three times, “25,000–30,000
    #   troops”, “50,000-strong”): all in one source, as an initial target, a
    #   questionnaire's estimate and a later announcement; the checks compare a
    #   story's sources, and within one source a general rule cannot tell a figure
    #   revised over time from a contradiction.
    # “13 partner nations” (a false finding) is gone with them.
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
    # 26 nations against 35, in one group, asked from the text.
    groups = {
        group for _, exact, group in conflicts if exact in {"26-nation", "35-nation"}
    }
    assert len(groups) == 1
    # Each question is one of its mentions' clauses with the number asked about.
    for finding in findings:
        if finding.kind == "figures":
            assert "how many" in finding.question.lower().replace("-", " ")


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
