"""The shipped fixtures: the seed corpus and the demo data, loaded as make run loads them."""

import hashlib

import pytest
from django.core.management import call_command

from editorial.highlights import spans
from editorial.models import (
    Claim,
    ClaimHighlight,
    Dispute,
    DisputeClaim,
    Evidence,
    Highlight,
)
from sources import extract
from sources.models import Revision, Source

from ..conftest import SEEDS, SHARED_SEEDS

TRACKED = [
    Source,
    Revision,
    Highlight,
    Claim,
    ClaimHighlight,
    Evidence,
    Dispute,
    DisputeClaim,
]


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_fixture_seeds_are_the_shared_seed_files():
    shipped = {path.name: path.read_bytes() for path in SEEDS.glob("*.txt")}
    shared = {path.name: path.read_bytes() for path in SHARED_SEEDS.glob("*.txt")}
    assert len(shared) == 5
    assert shipped == shared


def test_every_seed_body_hash_matches_its_file(shipped_desk):
    """Each seed's first revision is its file byte for byte; a seed saved with its
    tables as lines of pipes (the Wikipedia page) has a second, re-read revision."""
    for path in SHARED_SEEDS.glob("*.txt"):
        source = Source.objects.select_related("current_revision").get(
            file_name=path.name
        )
        first = source.revisions.get(number=1)
        assert first.sha256 == sha(path.read_bytes())
        assert sha(first.body.encode("utf-8")) == sha(path.read_bytes())
        text = path.read_text(encoding="utf-8")
        assert source.current_revision.body == extract.tables_as_text(text)
        assert "|---" not in source.current_revision.body
    assert Source.objects.count() == 5


def test_every_highlight_quotes_its_revision_exactly(shipped_desk):
    highlights = Highlight.objects.select_related("revision")
    assert highlights.count() >= 8
    for highlight in highlights:
        body = highlight.revision.body
        spans.validate_span(body, highlight.start, highlight.end, highlight.exact)
        assert (highlight.prefix, highlight.suffix) == spans.quote_context(
            body, highlight.start, highlight.end
        )


def test_every_loaded_object_has_an_initial_history_row_saying_where_it_came_from(
    shipped_desk,
):
    for model in TRACKED:
        for obj in model.objects.all():
            first = model.history.filter(id=obj.pk).order_by("history_id").first()
            assert first is not None, (model, obj.pk)
            assert first.history_type == "+"
            assert first.history_change_reason.startswith("Loaded from fixture ")
            assert first.history_user.username == "system"


def test_loading_twice_duplicates_nothing_and_keeps_later_edits(shipped_desk, reviewer):
    from editorial.claims import services as claim_services

    claim = Claim.objects.get(statement__startswith="Steve Witkoff")
    claim_services.claim_set_status(
        claim=claim,
        status="verified",
        verdict_note="Test verdict note",
        user=reviewer,
        reason="Élysée statement",
    )
    counts = {
        model: (model.objects.count(), model.history.count()) for model in TRACKED
    }
    call_command("load_fixtures", verbosity=0)
    assert {
        model: (model.objects.count(), model.history.count()) for model in TRACKED
    } == counts
    assert Claim.objects.get(pk=claim.pk).status == "verified"


def test_demo_data_tracks_the_envoy_dispute_and_the_sunak_claim(shipped_desk):
    sunak = Claim.objects.get(statement__contains="Rishi Sunak")
    assert (
        sunak.status == "false"
        and sunak.verdict_note
        and sunak.reviewed_by.username == "reviewer"
    )
    assert sunak.evidence.filter(supports=False).exists()
    (quote,) = sunak.highlights.values_list("exact", flat=True)
    assert quote == "British Prime Minister Rishi Sunak"
    assert sunak.highlights.get().source.published_on.isoformat() == "2026-01-06"

    envoy = Dispute.objects.get(question__contains="special envoy")
    quotes = {
        h.exact: h.source.file_name
        for c in envoy.claims.all()
        for h in c.highlights.all()
    }
    assert any(
        "U.S. Special Envoy for the crisis, appointed by President Trump" in q
        for q in quotes
    )
    assert any("Special Envoy Steve Witkoff" in q for q in quotes)
    assert len(set(quotes.values())) == 2
    assert Dispute.objects.count() == 2


# Plain loaddata writes no history by design; load_fixtures is the path that records it.
@pytest.mark.history_exempt
@pytest.mark.parametrize("name", ["accounts.json", "sources.json", "editorial.json"])
def test_plain_loaddata_loads_each_fixture_into_an_empty_database(db, name):
    for prerequisite in ["accounts.json", "sources.json", "editorial.json"][
        : ["accounts.json", "sources.json", "editorial.json"].index(name)
    ]:
        call_command("loaddata", str(SEEDS.parent / prerequisite), verbosity=0)
    call_command("loaddata", str(SEEDS.parent / name), verbosity=0)
    assert Source.objects.count() == (0 if name == "accounts.json" else 5)
