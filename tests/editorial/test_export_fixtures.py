"""export_fixtures: split by kind, natural keys, byte-identical round trips, streaming."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from core.history import stamp
from editorial.claims import services as claim_services
from editorial.exports import fixtures_export
from editorial.highlights import services as highlight_services
from editorial.intake.services import source_import_text
from editorial.management.commands import load_fixtures
from editorial.models import ApiToken, Claim, Highlight
from sources.models import Source

from ..conftest import FIXTURES
from .fixture_helpers import exported, fresh_database, loaddata


@pytest.fixture
def busy_desk(shipped_desk, editor, reviewer):
    """The demo desk plus work done since: a verdict, an emoji, a deleted claim, a token."""
    source = source_import_text(
        text="Emoji 😀 piece\nThe envoy 🇺🇸 met 26 nations.",
        user=editor,
        reason="test",
        url="https://news.example/emoji",
    ).source
    body = source.current_revision.body
    start = body.index("26 nations")
    highlight = highlight_services.highlight_create(
        source=source, start=start, end=start + 10, user=editor, reason="test"
    )
    claim = claim_services.claim_create(
        statement="“26” nations — met the envoy 🇺🇸", user=editor, reason="test"
    )
    claim_services.claim_link_highlight(
        claim=claim, highlight=highlight, stance="mention", user=editor, reason="t"
    )
    claim_services.claim_set_status(
        claim=claim, status="verified", verdict_note="Ja, ✓", user=reviewer, reason="t"
    )
    doomed = claim_services.claim_create(statement="Gone soon", user=editor, reason="t")
    claim_services.claim_delete(claim=doomed, user=editor, reason="Duplicate")
    token = ApiToken(user=editor, name="script", key_hash="0" * 64, key_prefix="0")
    stamp(token, user=editor, reason="test")
    token.save()
    return source


@pytest.mark.history_exempt  # plain loaddata writes no history, by design
def test_export_loaddata_into_a_fresh_database_and_export_again_gives_the_same_bytes(
    busy_desk, tmp_path
):
    first = exported(tmp_path / "a")
    old_pk = busy_desk.pk
    fresh_database()
    # Other rows first, so every loaded object gets another primary key.
    placeholder = get_user_model().objects.create(username="placeholder")
    loaddata(tmp_path / "a")
    placeholder.delete()
    moved = Source.objects.get(sha256=busy_desk.sha256)
    assert moved.pk != old_pk
    assert moved.highlights.get().claims.get().status == "verified"
    assert exported(tmp_path / "b") == first
    assert list(first) == [
        "accounts.json",
        "sources.json",
        "reference.json",
        "editorial.json",
    ]


def test_with_history_the_round_trip_keeps_every_history_row_byte_for_byte(
    busy_desk, tmp_path
):
    first = exported(tmp_path / "a", with_history=True)
    history = json.loads(first["history.json"])
    reasons = {row["fields"]["history_change_reason"] for row in history}
    assert {"Duplicate", "Loaded from fixture editorial.json"} <= reasons
    assert any(
        row["model"] == "editorial.historicalclaim"
        and row["fields"]["history_type"] == "-"
        for row in history
    )
    fresh_database()
    loaddata(tmp_path / "a", with_history=True)
    assert exported(tmp_path / "b", with_history=True) == first
    # The autouse history audit then checks every live row against its history.


def test_files_use_natural_keys_and_leave_out_passwords_and_tokens(busy_desk, tmp_path):
    files = {name: json.loads(data) for name, data in exported(tmp_path).items()}
    editorial = files["editorial.json"]
    assert all("pk" not in obj for objs in files.values() for obj in objs)
    highlight = next(o for o in editorial if o["model"] == "editorial.highlight")
    source = Source.objects.get(sha256=highlight["fields"]["source"][0])
    assert highlight["fields"]["revision"] == [source.current_revision.sha256]
    assert {o["model"] for o in editorial} == {
        "editorial.highlight",
        "editorial.claim",
        "editorial.claimhighlight",
        "editorial.evidence",
        "editorial.dispute",
        "editorial.disputeclaim",
        "editorial.factcheck",
    }
    users = files["accounts.json"]
    assert {u["fields"]["password"] for u in users} == {"!"}
    assert all("last_login" not in u["fields"] for u in users)
    editor = next(u for u in users if u["fields"]["username"] == "ed")
    assert editor["fields"]["groups"] == [["Editors"]]
    text = b"".join(exported(tmp_path / "again").values()).decode()
    assert "key_hash" not in text and "apitoken" not in text
    # Written as UTF-8, not \u escapes, and to the microsecond.
    assert "🇺🇸" in text
    claim = Claim.objects.get(verdict_note="Ja, ✓")
    assert fixtures_export.FixtureEncoder().encode(claim.reviewed_at).strip('"') in text


def test_the_order_follows_natural_keys_not_primary_keys(busy_desk, tmp_path):
    objects = json.loads(exported(tmp_path)["editorial.json"])
    uids = [o["fields"]["uid"] for o in objects if o["model"] == "editorial.highlight"]
    assert uids == sorted(uids)
    assert len(uids) == Highlight.objects.count()


def test_export_reads_in_chunks_and_reports_progress(busy_desk, tmp_path, monkeypatch):
    monkeypatch.setattr(fixtures_export, "CHUNK", 3)
    calls = []
    fixtures_export.export_desk(tmp_path, progress=lambda *args: calls.append(args))
    highlights = [c for c in calls if c[1] == "editorial.Highlight"]
    total = Highlight.objects.count()
    assert [done for _, _, done, _ in highlights] == [
        *range(3, total, 3),
        total,
    ]
    assert {c[0] for c in calls} == {
        "accounts.json",
        "sources.json",
        "reference.json",
        "editorial.json",
    }


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_the_command_shows_progress_on_a_terminal_only(busy_desk, tmp_path):
    screen = Terminal()
    call_command("export_fixtures", output=str(tmp_path / "t"), stdout=screen)
    assert "\reditorial.json: editorial.Highlight 9/9" in screen.getvalue()
    log = io.StringIO()
    call_command("export_fixtures", output=str(tmp_path / "l"), stdout=log)
    assert "\r" not in log.getvalue()
    assert f"Wrote {tmp_path / 'l' / 'editorial.json'}" in log.getvalue()
    assert (tmp_path / "t" / "editorial.json").read_bytes() == (
        tmp_path / "l" / "editorial.json"
    ).read_bytes()


@pytest.mark.history_exempt  # plain loaddata writes no history, by design
def test_the_shipped_fixtures_are_exactly_what_export_fixtures_writes(db, tmp_path):
    """fixtures/ is refreshed with the command (make fixtures), never edited by hand."""
    shipped = fixtures_export.file_names(with_history=False)
    assert load_fixtures.SHIPPED == shipped
    for name in shipped:
        call_command("loaddata", str(FIXTURES / name), verbosity=0)
    assert exported(tmp_path) == {
        name: (FIXTURES / name).read_bytes() for name in shipped
    }
