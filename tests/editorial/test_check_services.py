"""Stored suggestions: run, accept (highlight, claim, evidence, dispute) or dismiss for good."""

import logging

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from core import roles
from editorial.checks import services as check_services
from editorial.checks.memory import checks_memory
from editorial.checks.services import runs as check_runs
from editorial.claims import services as claim_services
from editorial.exports.fixtures_load import fixtures_load
from editorial.models import Claim, Dispute, Suggestion
from reference.models import StoryEvent, StoryFigure
from tests.conftest import FIXTURES


@pytest.fixture
def desk(shipped_desk):
    fixtures_load(paths=[FIXTURES / "reference.json"])
    call_command("check_sources", stdout=open("/dev/null", "w"))


def one(**filters):
    return Suggestion.objects.select_related("source", "revision").get(**filters)


def test_each_finding_is_stored_once_with_its_words_claim_evidence_and_history(desk):
    scholz = one(kind="anachronism", exact="German Chancellor Olaf Scholz")
    body = scholz.revision.body
    assert body[scholz.start : scholz.end] == scholz.exact
    assert scholz.statement == (
        "Olaf Scholz was Chancellor of Germany on 6 January 2026."
    )
    assert any("Friedrich Merz" in item["note"] for item in scholz.evidence)
    assert all(item["citation"] for item in scholz.evidence)
    row = scholz.history.first()
    assert (row.history_user.username, row.history_change_reason) == (
        "system",
        "Consistency checks",
    )
    count = Suggestion.objects.count()
    call_command("check_sources", stdout=open("/dev/null", "w"))
    assert Suggestion.objects.count() == count


def test_words_the_desk_already_tracks_are_not_proposed_again(desk):
    # The demo data already highlights Sunak's title with a claim.
    assert not Suggestion.objects.filter(
        kind="anachronism", exact="British Prime Minister Rishi Sunak"
    ).exists()


def test_accepting_makes_the_highlight_claim_and_evidence_with_history(desk, editor):
    scholz = one(kind="anachronism", exact="German Chancellor Olaf Scholz")
    accepted = check_services.suggestion_accept(
        suggestion=scholz, user=editor, reason="Merz since May 2025"
    )
    claim = accepted.claim
    assert (accepted.status, accepted.decided_by) == ("accepted", editor)
    assert claim.statement == scholz.statement
    assert claim.links.get().highlight.exact == "German Chancellor Olaf Scholz"
    assert claim.evidence.count() == len(scholz.evidence)
    assert not claim.evidence.filter(supports=True).exists()
    assert claim.history.first().history_change_reason == "Merz since May 2025"
    with pytest.raises(ValidationError, match="already accepted"):
        check_services.suggestion_accept(suggestion=scholz, user=editor, reason="again")


def test_dismissed_words_are_recorded_and_never_proposed_again(desk, editor):
    false_one = one(kind="figures", exact="35-nation")
    check_services.suggestion_dismiss(
        suggestion=false_one, user=editor, reason="a headline's round figure"
    )
    call_command("check_sources", stdout=open("/dev/null", "w"))
    again = Suggestion.objects.filter(exact="35-nation")
    assert [(s.status, s.decision_reason) for s in again] == [
        ("dismissed", "a headline's round figure")
    ]


def test_deciding_needs_an_editor_and_a_reason_and_changes_nothing_otherwise(
    desk, user_factory, editor
):
    scholz = one(kind="anachronism", exact="German Chancellor Olaf Scholz")
    with pytest.raises(PermissionDenied):
        check_services.suggestion_accept(
            suggestion=scholz, user=user_factory(), reason="x"
        )
    with pytest.raises(ValidationError, match="reason"):
        check_services.suggestion_dismiss(suggestion=scholz, user=editor, reason=" ")
    scholz.refresh_from_db()
    assert scholz.status == "open"
    assert not Claim.objects.filter(statement=scholz.statement).exists()


def test_accepting_a_group_joins_the_open_dispute_the_desk_already_has(desk, editor):
    envoy = one(kind="identity", exact="U.S. Special Envoy")
    witkoff = one(kind="identity", exact="Special Envoy Steve Witkoff")
    # The demo highlights both mentions with claims of an open dispute.
    assert envoy.claim is not None and witkoff.claim is not None
    already = witkoff.claim.disputes.get(status="open")
    claims_before = Claim.objects.count()
    dispute = check_services.suggestion_group_accept(
        group=envoy.group, user=editor, reason="the two articles disagree"
    )
    assert dispute == already
    assert not Dispute.objects.filter(question=envoy.question).exists()
    # The words keep the desk's claims: no second claim is made for them.
    assert Claim.objects.count() == claims_before
    assert {envoy.claim, witkoff.claim} <= set(dispute.claims.all())
    assert set(
        Suggestion.objects.filter(group=envoy.group).values_list("status", "dispute")
    ) == {("accepted", dispute.pk)}


@pytest.fixture
def desk_without_story_figures(shipped_desk):
    """The shipped desk checked by the general rules alone (no story figures or
    events described)."""
    StoryFigure.objects.all().delete()
    StoryEvent.objects.all().delete()
    fixtures_load(paths=[FIXTURES / "reference.json"])
    call_command("check_sources", stdout=open("/dev/null", "w"))


def test_conflicting_figures_become_one_dispute_of_their_two_positions(
    desk_without_story_figures, editor
):
    pledge = one(kind="figures", exact="26-nation")
    stored = Suggestion.objects.filter(group=pledge.group).select_related("source")
    assert sorted((s.source.file_name[:3], s.exact) for s in stored) == [
        ("000", "26-nation"),
        ("003", "35-nation"),
    ]
    assert "how-many-nation" in pledge.question
    dispute = check_services.suggestion_group_accept(
        group=pledge.group, user=editor, reason="26 or 35 nations?"
    )
    positions = {
        claim.statement: sorted(link.highlight.exact for link in claim.links.all())
        for claim in dispute.claims.all()
    }
    assert sorted(positions.values()) == [["26-nation"], ["35-nation"]]
    row = dispute.history.first()
    assert (row.history_user, row.history_change_reason) == (
        editor,
        "26 or 35 nations?",
    )


def test_a_story_figure_becomes_one_dispute_asking_the_editors_question(desk, editor):
    # The shipped story describes the force's size: 004 gives 25,000–30,000 and a
    # 50,000-strong force, which the general rules (across sources only) never
    # compare.
    target = one(kind="figures", exact="25,000–30,000 personnel")
    stored = Suggestion.objects.filter(group=target.group)
    assert sorted(s.exact for s in stored) == [
        "25,000–30,000 personnel",
        "50,000-strong multinational force",
    ]
    assert (
        target.question == "How large is the planned multinational force for Ukraine?"
    )
    dispute = check_services.suggestion_group_accept(
        group=target.group, user=editor, reason="Which size?"
    )
    assert dispute.question == target.question
    assert sorted(claim.statement for claim in dispute.claims.all()) == [
        "The multinational force for Ukraine numbers 25,000 to 30,000 troops.",
        "The multinational force for Ukraine numbers 50,000 troops.",
    ]


def test_the_story_figures_words_are_not_proposed_again_by_the_general_rules(desk):
    # “26-nation” (000) against “35-nation” (003) was the general rules' dispute; the
    # story figure asks it now, with one position per value a source states.
    assert not Suggestion.objects.filter(group__contains=":figures:country").exists()
    asked = set(
        Suggestion.objects.filter(kind="figures").values_list("question", flat=True)
    )
    assert asked == {
        "How many nations joined the coalition or pledged forces for Ukraine?",
        "How large is the planned multinational force for Ukraine?",
        "When was the Coalition of the Willing founded?",
    }


def test_a_group_with_one_position_left_opens_no_new_dispute(desk, editor):
    envoy = one(kind="identity", exact="U.S. Special Envoy")
    check_services.suggestion_dismiss(suggestion=envoy, user=editor, reason="same")
    disputes = Dispute.objects.count()
    # The one position left is already in the desk's open dispute: nothing new opens.
    check_services.suggestion_group_accept(group=envoy.group, user=editor, reason="x")
    assert Dispute.objects.count() == disputes
    assert not Dispute.objects.filter(question=envoy.question).exists()


def test_a_restatement_is_linked_to_the_claim_it_restates_with_the_chosen_stance(
    desk, editor
):
    headline = one(kind="restated", exact__startswith="26 Nations Pledge Troops")
    claim = headline.claim
    before = claim.links.count()
    check_services.suggestion_accept(
        suggestion=headline, user=editor, reason="same claim", stance="support"
    )
    claim.refresh_from_db()
    assert claim.links.count() == before + 1
    assert claim.links.get(highlight__exact=headline.exact).stance == "support"


def test_deleting_an_accepted_claim_keeps_the_suggestion_with_history(desk, editor):
    scholz = one(kind="anachronism", exact="German Chancellor Olaf Scholz")
    accepted = check_services.suggestion_accept(
        suggestion=scholz, user=editor, reason="ok"
    )
    claim_services.claim_delete(claim=accepted.claim, user=editor, reason="duplicate")
    scholz.refresh_from_db()
    assert (scholz.status, scholz.claim) == ("accepted", None)


def test_an_undated_source_is_named_in_the_report(desk):
    report = check_services.checks_run(user=roles.system_user())
    assert "No office anachronism check for “26 Nations Pledge Troops" in str(report)


def test_checks_run_after_an_import_and_their_failure_never_breaks_it(
    db, source_factory, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    fixtures_load(paths=[FIXTURES / "reference.json"])
    text = "Paris talks\nBritish Prime Minister Rishi Sunak attended the talks."
    with django_capture_on_commit_callbacks(execute=True):
        source = source_factory(text, published_on="2026-01-06")
    assert [s.exact for s in Suggestion.objects.filter(source=source)] == [
        "British Prime Minister Rishi Sunak"
    ]

    def broken(**kwargs):
        raise RuntimeError("checks broke")

    monkeypatch.setattr(check_runs, "checks_run", broken)
    with (
        caplog.at_level(logging.ERROR),
        django_capture_on_commit_callbacks(execute=True),
    ):
        other = source_factory("Other\nGerman Chancellor Olaf Scholz spoke.")
    assert other.pk is not None
    assert "the import stands" in caplog.text


def test_the_admin_lists_suggestions_read_only_with_their_history(
    desk, client, user_factory
):
    client.force_login(user_factory(is_staff=True, is_superuser=True))
    scholz = one(kind="anachronism", exact="German Chancellor Olaf Scholz")
    assert (
        "German Chancellor Olaf Scholz"
        in client.get("/admin/editorial/suggestion/").content.decode()
    )
    for path in ("change", "history"):
        response = client.get(f"/admin/editorial/suggestion/{scholz.pk}/{path}/")
        assert response.status_code == 200
    assert client.get("/admin/editorial/suggestion/add/").status_code == 403


def test_check_sources_names_what_it_stored_and_refuses_unknown_sources(db):
    from io import StringIO

    from django.core.management.base import CommandError

    fixtures_load(paths=[FIXTURES / "reference.json"])
    from editorial.intake.services import source_import_text

    source = source_import_text(
        text="Talks\nGerman Chancellor Olaf Scholz spoke in Paris.",
        user=roles.system_user(),
        reason="test",
        published_on="2026-01-06",
    ).source
    out = StringIO()
    call_command("check_sources", str(source.pk), stdout=out)
    assert f"source {source.pk} “Talks”: 1 new, 0 already known" in out.getvalue()
    with pytest.raises(CommandError, match="No source with id or file name “999”"):
        call_command("check_sources", "999")
    with pytest.raises(CommandError, match="No user named “nobody”"):
        call_command("check_sources", "--user", "nobody")


def _check_queries(**kwargs) -> tuple[list[str], int]:
    """The queries of one run, inserts apart, and how many suggestions it stored."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    before = Suggestion.objects.count()
    checks_memory.reset()  # what is kept between runs saves queries
    with CaptureQueriesContext(connection) as captured:
        check_services.checks_run(user=roles.system_user(), **kwargs)
    statements = [query["sql"].split()[0] for query in captured.captured_queries]
    made = Suggestion.objects.count() - before
    # Suggestions and their history rows go in in batches, never one by one (SQLite
    # caps a batch by its number of parameters).
    fields = Suggestion.history.model._meta.concrete_fields
    batch = min(check_services.BATCH, connection.ops.bulk_batch_size(fields, [0] * 999))
    assert statements.count("INSERT") <= 2 * -(-made // batch)
    return [s for s in statements if s != "INSERT"], made


def test_checks_make_the_same_queries_on_a_small_and_a_grown_desk(shipped_desk):
    """Reads are a fixed handful however many sources, claims and findings there are;
    only the batched inserts grow with the suggestions stored."""
    import random

    from tests.benchmarks import generate

    fixtures_load(paths=[FIXTURES / "reference.json"])
    editor = roles.system_user()
    rng = random.Random(5)
    small, made_small = _check_queries()
    grown = generate.synthetic_sources(60, user=editor, rng=rng)
    generate.annotate(grown, highlights=300, claims=200, user=editor, rng=rng)
    large, made_large = _check_queries()
    assert made_small > 0 and made_large > made_small
    assert large == small
    one, made_one = _check_queries(sources=grown[:1])
    assert one == small
