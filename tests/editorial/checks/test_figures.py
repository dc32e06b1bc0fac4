"""Conflicting figures: the same quantity in digits or words, ranges, and what is not counted."""

from editorial.checks.figures import QUANTITIES, conflicting_figures, mentions

NATIONS = QUANTITIES[0]


def labels(text):
    return [mention.label for mention in mentions(NATIONS, "doc", text)]


def test_numbers_in_digits_words_and_compounds_are_read():
    text = (
        "26 countries pledged. Twenty-six nations agreed. A 35-nation coalition met. "
        "Around twenty countries have pledged. Over 30 nations work together. "
        "34 contributing nations joined."
    )
    assert labels(text) == ["26", "26", "35", "Around 20", "More than 30", "34"]


def test_counts_of_people_other_groupings_and_one_army_are_not_the_coalition():
    assert labels("More than 200 planners from 30 nations worked for weeks.") == []
    assert labels("Defence ministers from the 10-nation strong JEF met.") == []
    assert (
        labels(
            "Trained by the British Army and its 13 partner nations through Operation Interflex."
        )
        == []
    )
    force = QUANTITIES[1]
    assert (
        mentions(force, "doc", "More than 60,000 Ukrainian troops were trained.") == []
    )


def test_agreeing_figures_make_no_finding():
    documents = [
        ("a", "26 countries have committed troops."),
        ("b", "Twenty-six nations pledged a reassurance force."),
        ("c", "Over 20 countries joined the coalition."),
    ]
    assert conflicting_figures(documents) == []


def test_conflicting_counts_across_sources_list_every_mention_in_one_group():
    documents = [
        ("a", "26 countries have committed troops. The 26-nation pledge stands."),
        ("b", "An alliance comprising 35 nations met in Paris."),
    ]
    findings = conflicting_figures(documents)
    assert [(f.document, f.exact) for f in findings] == [
        ("a", "26 countries"),
        ("a", "26-nation"),
        ("b", "35 nations"),
    ]
    assert {f.group for f in findings} == {"figures:nations"}
    assert findings[0].question.startswith("How many nations")
    assert findings[2].statement.startswith("35 nations")
    assert "26" in findings[2].explanation
    assert [cited.citation for cited in findings[2].evidence] == [
        "source a: “26 countries”"
    ]
    assert [cited.note for cited in findings[0].evidence] == [
        "Another mention says 35."
    ]


def test_a_conflict_within_one_source_is_found():
    text = (
        "Macron said around twenty countries have pledged a presence, and that "
        "26 nations from the coalition agreed to deploy."
    )
    findings = conflicting_figures([("a", text)])
    assert [f.exact for f in findings] == ["around twenty countries", "26 nations"]


def test_force_sizes_in_ranges_conflict_with_a_larger_figure():
    documents = [
        ("a", "An estimated total force of 25,000–30,000 troops was discussed."),
        ("b", "Britain and France announced a 50,000-strong multinational force."),
    ]
    findings = conflicting_figures(documents)
    assert [(f.exact, f.statement) for f in findings] == [
        (
            "25,000–30,000 troops",
            "The multinational force for Ukraine numbers 25,000 to 30,000 troops.",
        ),
        ("50,000-strong", "The multinational force for Ukraine numbers 50,000 troops."),
    ]
