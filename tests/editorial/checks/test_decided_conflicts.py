"""Where most of a story's sources agree, only the outlier's words are flagged; the
agreeing words are named as what it conflicts with, and accepting the outlier opens a
dispute holding both sides. One source against one published on another day is
decided by the first report (for an event's date, the report of the event's day
first): only the later departure is flagged. The same day, or no day, decides
nothing: both are flagged."""

from datetime import date

import pytest

from editorial.checks.event_dates import conflicting_dates
from editorial.checks.figures import conflicting_figures
from editorial.checks.findings import majority
from editorial.checks.services import checks_run, suggestion_group_accept
from editorial.models import Suggestion
from sources.stories import services as story_services


def summit(n: int, day: str, who: str) -> str:
    return (
        f"Fisheries talks\nREYKJAVIK — Ministers from {n} countries attended the "
        f"fisheries summit, which opened in Reykjavik on {day}, {who} said."
    )


THREE = [
    ("a", summit(14, "March 9", "officials"), None),
    ("b", summit(14, "March 9", "diplomats"), None),
    ("c", summit(16, "March 10", "the host"), None),
]


def test_majority_needs_two_sources_and_more_than_any_other_value():
    assert majority({14: {"a", "b"}, 16: {"c"}}) == 14
    assert majority({14: {"a"}, 16: {"c"}}) is None
    assert majority({14: {"a", "b"}, 16: {"c", "d"}}) is None


def test_two_sources_against_one_flag_only_the_outlier_figure():
    findings = conflicting_figures([(key, body) for key, body, _ in THREE])
    assert [(f.document, f.exact) for f in findings] == [("c", "16 countries")]
    named = {(cited.document, cited.exact) for cited in findings[0].evidence}
    assert named == {("a", "14 countries"), ("b", "14 countries")}
    assert all(cited.statement for cited in findings[0].evidence)


def test_two_sources_against_one_flag_only_the_outlier_date():
    dated = [(key, body, date(2026, 3, 12)) for key, body, _ in THREE]
    findings = conflicting_dates(dated)
    assert [f.document for f in findings] == ["c"]
    assert "10 March 2026" in findings[0].statement
    assert {cited.document for cited in findings[0].evidence} == {"a", "b"}


def test_one_source_against_one_flags_both_when_undated_or_published_the_same_day():
    findings = conflicting_figures([(key, body) for key, body, _ in THREE[1:]])
    assert sorted(f.document for f in findings) == ["b", "c"]
    same_day = [(key, body, date(2026, 3, 12)) for key, body, _ in THREE[1:]]
    findings = conflicting_figures(same_day)
    assert sorted(f.document for f in findings) == ["b", "c"]
    assert not any("departs" in f.explanation for f in findings)


@pytest.mark.parametrize("first, later", [("b", "c"), ("c", "b")])
def test_one_source_against_one_flags_only_the_later_report(first, later):
    bodies = {key: body for key, body, _ in THREE}
    days = {first: date(2026, 3, 12), later: date(2026, 3, 20)}
    findings = conflicting_figures([(k, bodies[k], days[k]) for k in ("b", "c")])
    assert [f.document for f in findings] == [later]
    [record] = findings[0].evidence
    assert record.document == first and record.exact.endswith("countries")
    assert findings[0].explanation.endswith(
        f"It departs from the first report, source {first}, 12 March 2026."
    )


def test_the_report_of_the_events_day_is_the_record_against_an_earlier_one():
    preview = "Ministers gather\nThe fisheries summit opens in Reykjavik on March 10."
    day_of = (
        "Summit opens\nThe fisheries summit opened in Reykjavik on Monday, March 9, "
        "officials said."
    )
    documents = [("x", preview, date(2026, 3, 1)), ("y", day_of, date(2026, 3, 9))]
    [finding] = conflicting_dates(documents)
    assert finding.document == "x"  # the earlier report, but written before
    assert [cited.document for cited in finding.evidence] == ["y"]
    assert finding.explanation.endswith(
        "It departs from the report of the event's day, source y, 9 March 2026, "
        "whose weekday and date agree."
    )


def test_a_later_restatement_of_an_events_date_is_the_departure():
    day_of = "Summit opens\nThe fisheries summit opened in Reykjavik on March 9."
    later = "Quotas agreed\nThe fisheries summit, which opened on March 10, ended."
    documents = [("a", later, date(2026, 3, 30)), ("b", day_of, date(2026, 3, 10))]
    [finding] = conflicting_dates(documents)
    assert finding.document == "a"
    assert "the report of the event's day, source b, 10 March 2026" in (
        finding.explanation
    )


@pytest.mark.django_db
def test_accepting_the_outlier_opens_a_dispute_with_the_agreeing_words_as_a_position(
    editor, source_factory
):
    story = story_services.story_create(name="Fisheries", user=editor, reason="t")
    made = [
        source_factory(body, story=story, published_on="2026-03-12")
        for _, body, _ in THREE
    ]
    checks_run(user=editor, reason="Run")
    # Only the outlier's words, for its count and for its date.
    assert {s.source_id for s in Suggestion.objects.all()} == {made[2].pk}
    flagged = Suggestion.objects.filter(kind="figures").exclude(
        group__contains="figures:date"
    )
    assert [(s.source_id, s.exact) for s in flagged] == [(made[2].pk, "16 countries")]
    dispute = suggestion_group_accept(group=flagged[0].group, user=editor, reason="Yes")
    statements = sorted(claim.statement for claim in dispute.claims.all())
    assert len(statements) == 2
    assert any("16 countries" in s for s in statements)
    agreeing = next(c for c in dispute.claims.all() if "14 countries" in c.statement)
    # Both agreeing sources' words are highlighted and linked to the one claim.
    assert sorted(link.highlight.source_id for link in agreeing.links.all()) == [
        made[0].pk,
        made[1].pk,
    ]


@pytest.mark.django_db
def test_accepting_the_later_report_makes_the_first_report_the_other_position(
    editor, source_factory
):
    story = story_services.story_create(name="Fisheries", user=editor, reason="t")
    first = source_factory(THREE[0][1], story=story, published_on="2026-03-12")
    later = source_factory(THREE[2][1], story=story, published_on="2026-03-20")
    checks_run(user=editor, reason="Run")
    flagged = Suggestion.objects.exclude(group__contains="figures:date")
    assert [(s.source_id, s.exact) for s in flagged] == [(later.pk, "16 countries")]
    assert f"departs from the first report, “{first.title}”, 12 March 2026" in (
        flagged[0].explanation
    )
    dispute = suggestion_group_accept(group=flagged[0].group, user=editor, reason="Yes")
    record = next(c for c in dispute.claims.all() if "14 countries" in c.statement)
    assert [link.highlight.source_id for link in record.links.all()] == [first.pk]
    assert dispute.claims.count() == 2
