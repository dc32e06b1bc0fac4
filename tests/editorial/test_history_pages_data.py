"""History as editors read it: timelines with diffs, versions as of a time, revert and restore."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core import conflicts
from editorial.claims import services as claim_services
from editorial.highlights import services as highlight_services
from editorial.history import selectors as hs
from editorial.history import services as history_services
from editorial.models import Claim, Evidence, Highlight
from sources.services import source_update_metadata


@pytest.fixture
def story(source_factory, editor, reviewer):
    """A claim with a highlight, evidence and three status versions."""
    source = source_factory("Title\nBritish Prime Minister Rishi Sunak met Macron.")
    highlight = highlight_services.highlight_create(
        source=source, start=6, end=40, user=editor, reason="mark"
    )
    claim = claim_services.claim_create(
        statement="Rishi Sunak was prime minister.", user=editor, reason="new claim"
    )
    claim_services.claim_link_highlight(
        claim=claim, highlight=highlight, user=editor, reason="link"
    )
    claim_services.evidence_add(
        claim=claim,
        supports=False,
        url="https://www.gov.uk/x",
        user=editor,
        reason="cite",
    )
    claim_services.claim_set_status(
        claim=claim, status="in_review", user=editor, reason="checking"
    )
    claim = claim_services.claim_update(
        claim=claim,
        statement="Rishi Sunak was British prime minister in January 2026.",
        user=editor,
        reason="precise",
    )
    claim = claim_services.claim_set_status(
        claim=claim,
        status="false",
        verdict_note="Starmer since 2024.",
        user=reviewer,
        reason="GOV.UK",
    )
    return source, highlight, claim


def test_claim_timeline_tells_the_whole_story_newest_first(story, editor, reviewer):
    source, highlight, claim = story
    timeline = hs.claim_timeline(claim_id=claim.pk)
    assert [(c.kind.slug, c.action, c.reason) for c in timeline] == [
        ("claim", "changed", "GOV.UK"),
        ("claim", "changed", "precise"),
        ("claim", "changed", "checking"),
        ("evidence", "created", "cite"),
        ("link", "created", "link"),
        ("claim", "created", "new claim"),
        ("highlight", "created", "mark"),
    ]
    verdict = timeline[0]
    assert verdict.user == reviewer
    fields = [*verdict.changes, *verdict.technical]
    assert {c.name: (c.old, c.new) for c in fields if not c.is_text_diff} == {
        "status": ("in_review", "false"),
        "reviewed_by_id": (None, reviewer),
        "reviewed_at": (None, claim.reviewed_at),
        "version": (3, 4),
    }
    assert [c.name for c in verdict.technical] == ["version"]
    statement = next(c for c in timeline[1].changes if c.name == "statement")
    assert [(p.op, p.text) for p in statement.pieces if p.op != "equal"] == [
        ("insert", "British "),
        ("insert", " in January 2026"),
    ]


def test_timeline_takes_a_fixed_number_of_queries(
    story, reviewer, django_assert_num_queries
):
    _, _, claim = story
    # Seven for the versions (the claim's tags among them) and users, four for naming
    # what each object is.
    with django_assert_num_queries(11):
        hs.claim_timeline(claim_id=claim.pk)
    for n in range(5):
        claim_services.claim_update(
            claim=claim, statement=f"Version {n}", user=reviewer, reason=f"edit {n}"
        )
    with django_assert_num_queries(11):
        assert len(hs.claim_timeline(claim_id=claim.pk)) == 12


def test_claim_as_of_each_version_and_time(story, editor):
    source, highlight, claim = story
    rows = list(Claim.history.filter(id=claim.pk).order_by("history_id"))
    first = hs.claim_as_of(claim_id=claim.pk, history_id=rows[0].history_id)
    assert (first.claim.statement, first.claim.status, first.links, first.evidence) == (
        "Rishi Sunak was prime minister.",
        "unverified",
        [],
        [],
    )
    second = hs.claim_as_of(claim_id=claim.pk, history_id=rows[1].history_id)
    assert second.claim.status == "in_review"
    assert [link.highlight_as_of.exact for link in second.links] == [
        "British Prime Minister Rishi Sunak"
    ]
    assert [e.url for e in second.evidence] == ["https://www.gov.uk/x"]
    assert hs.claim_as_of(claim_id=claim.pk, at=timezone.now()).claim.status == "false"
    assert (
        hs.claim_as_of(
            claim_id=claim.pk, at=timezone.now() - datetime.timedelta(days=1)
        )
        is None
    )


def test_revert_makes_a_new_version_and_keeps_the_later_ones(story, editor, reviewer):
    _, _, claim = story
    first = Claim.history.filter(id=claim.pk).order_by("history_id").first()
    count = claim.history.count()
    reverted = history_services.claim_revert(
        claim=claim,
        history_id=first.history_id,
        user=reviewer,
        reason="verdict was premature",
        expected_version=4,
    )
    assert (
        reverted.statement,
        reverted.status,
        reverted.verdict_note,
        reverted.version,
    ) == (
        "Rishi Sunak was prime minister.",
        "unverified",
        "",
        5,
    )
    latest = reverted.history.order_by("-history_id").first()
    assert latest.history_change_reason.startswith("Restored version 1 of ")
    assert latest.history_change_reason.endswith(": verdict was premature")
    assert claim.history.count() == count + 1


def test_editor_cannot_revert_to_a_verdict(story, editor, reviewer):
    _, _, claim = story
    history_services.claim_revert(
        claim=claim,
        history_id=claim.history.order_by("history_id").first().history_id,
        user=reviewer,
        reason="reopen",
    )
    verdict = claim.history.filter(status="false").first()
    with pytest.raises(PermissionDenied):
        history_services.claim_revert(
            claim=claim, history_id=verdict.history_id, user=editor, reason="back"
        )


def test_revert_with_a_stale_version_changes_nothing(story, editor):
    _, _, claim = story
    first = claim.history.order_by("history_id").first()
    with pytest.raises(conflicts.EditConflict):
        history_services.claim_revert(
            claim=claim,
            history_id=first.history_id,
            user=editor,
            reason="x",
            expected_version=2,
        )
    assert Claim.objects.get(pk=claim.pk).status == "false"


def test_source_metadata_revert(source_factory, editor):
    source = source_factory("Title\ntext")
    source_update_metadata(
        source=source, user=editor, reason="outlet", publisher="Le Monde"
    )
    source_update_metadata(
        source=source, user=editor, reason="wrong outlet", publisher="Le Figaro"
    )
    first = source.history.order_by("history_id").first()
    source = history_services.source_revert_metadata(
        source=source, history_id=first.history_id, user=editor, reason="unknown outlet"
    )
    assert (source.publisher, source.version) == ("", 4)
    with pytest.raises(ValidationError, match="already reads"):
        history_services.source_revert_metadata(
            source=source, history_id=first.history_id, user=editor, reason="again"
        )


def test_deleted_claim_is_listed_and_restored_with_its_links_and_evidence(
    story, editor, reviewer
):
    source, highlight, claim = story
    claim_id, evidence_id = claim.pk, claim.evidence.get().pk
    claim_services.claim_delete(claim=claim, user=editor, reason="duplicate")
    assert {(c.kind.slug, c.object_id) for c in hs.deleted_objects()} == {
        ("claim", claim_id),
        ("evidence", evidence_id),
    }
    restored = history_services.claim_restore(
        claim_id=claim_id, user=reviewer, reason="not a duplicate"
    )
    assert (
        restored.pk == claim_id and restored.status == "false" and restored.version == 5
    )
    assert list(restored.highlights.all()) == [highlight]
    assert restored.evidence.count() == 1
    assert hs.deleted_objects() == []
    reasons = [c.reason for c in hs.claim_timeline(claim_id=claim_id)[:3]]
    assert all(
        r.startswith("Restored after deletion on ") and r.endswith("not a duplicate")
        for r in reasons
    )


def test_deleted_highlight_and_evidence_restore(story, editor):
    _, highlight, claim = story
    evidence = claim.evidence.get()
    ids = highlight.pk, evidence.pk
    claim_services.evidence_delete(evidence=evidence, user=editor, reason="wrong")
    highlight_services.highlight_delete(
        highlight=highlight, user=editor, reason="stray"
    )
    history_services.highlight_restore(
        highlight_id=ids[0], user=editor, reason="needed"
    )
    history_services.evidence_restore(
        evidence_id=ids[1], user=editor, reason="right after all"
    )
    assert Highlight.objects.get(pk=ids[0]).claims.get() == claim
    assert Evidence.objects.filter(pk=ids[1]).exists()
    with pytest.raises(ValidationError, match="not deleted"):
        history_services.evidence_restore(
            evidence_id=ids[1], user=editor, reason="again"
        )


def test_evidence_of_a_deleted_claim_waits_for_the_claim(story, editor):
    _, _, claim = story
    evidence_id = claim.evidence.get().pk
    claim_services.claim_delete(claim=claim, user=editor, reason="gone")
    with pytest.raises(ValidationError, match="restore the claim first"):
        history_services.evidence_restore(
            evidence_id=evidence_id, user=editor, reason="x"
        )


def test_recent_changes_filter_by_user_kind_source_and_date(
    story, source_factory, editor, reviewer
):
    source, _, claim = story
    other = source_factory("Other\nUnrelated text")
    everything = list(hs.recent_changes())
    assert len(everything) == sum(
        m.history.count() for m in [k.model for k in hs.KINDS.values()]
    )
    assert [row[2] for row in hs.recent_changes(user_id=reviewer.pk)] == ["claim"]
    assert {row[2] for row in hs.recent_changes(kind="evidence")} == {"evidence"}
    about_source = {row[2] for row in hs.recent_changes(source_id=source.pk)}
    assert about_source == {
        "source",
        "revision",
        "highlight",
        "link",
        "claim",
        "evidence",
    }
    assert not {
        r
        for r in hs.recent_changes(source_id=other.pk)
        if r[2] != "source" and r[2] != "revision"
    }
    today = timezone.now().date()
    assert len(list(hs.recent_changes(since=today))) == len(everything)
    assert list(hs.recent_changes(until=today - datetime.timedelta(days=1))) == []
    newest = list(hs.recent_changes())[:3]
    page = hs.changes_for_page(newest)
    assert [(c.history_id, c.kind.slug) for c in page] == [(r[0], r[2]) for r in newest]
    assert [c.reason for c in page] == ["Test source", "Test source", "GOV.UK"]
    assert page[2].changes and page[2].previous_history_id is not None
