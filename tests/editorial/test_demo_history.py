"""The shipped demo carries a real history: the demo's people, at the demo's dates,
creating highlights and claims, adding evidence, giving a verdict with its reason,
opening disputes and reverting a slip; loaded as it happened, not "Loaded from fixture"."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from editorial.exports.demo_clock import DemoClock
from editorial.exports.fixtures_export import file_names
from editorial.exports.fixtures_load import fixtures_load
from editorial.exports.fixtures_story import STORY_FILE
from editorial.models import Claim, Dispute, Highlight

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


@pytest.fixture
def demo_desk(db):
    return fixtures_load(
        paths=[FIXTURES / name for name in file_names(with_history=False)],
        story=FIXTURES / STORY_FILE,
    )


def test_the_demo_claims_history_names_the_demo_people_at_the_demo_dates(demo_desk):
    sunak = Claim.objects.get(statement__startswith="Rishi Sunak")
    rows = list(sunak.history.order_by("history_date", "history_id"))
    assert [row.history_type for row in rows][0] == "+"
    assert {row.history_user.username for row in rows} == {"editor", "reviewer"}
    assert all(row.history_date.year == 2026 for row in rows)
    assert not any("Loaded from fixture" in row.history_change_reason for row in rows)
    verdict = rows[-1]
    assert (verdict.status, verdict.history_user.username) == ("false", "reviewer")
    assert verdict.history_change_reason == "The official record contradicts it"
    assert verdict.verdict_note
    assert sunak.created_at == rows[0].history_date


def test_the_demo_shows_a_revert_and_disputes_opened_by_the_editor(demo_desk):
    claim = Claim.objects.get(statement__startswith="34 countries")
    reasons = [r.history_change_reason for r in claim.history.order_by("history_id")]
    assert reasons[-2] == "Update the count"
    assert reasons[-1].startswith("Restored version 1 of ")
    for dispute in Dispute.objects.all():
        (first,) = dispute.history.filter(history_type="+")
        assert first.history_user.username == "editor"
    for highlight in Highlight.objects.all():
        first = highlight.history.earliest("history_id")
        assert first.history_user.username == "editor"


def test_the_demo_history_page_reads_like_a_newsroom_log(demo_desk, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="reviewer"))
    claim = Claim.objects.get(statement__startswith="Rishi Sunak")
    page = client.get(reverse("history:claim", args=[claim.pk])).content.decode()
    assert "Demo Reviewer" in page and "Demo Editor" in page
    assert "The official record contradicts it" in page
    assert "Loaded from fixture" not in page


def test_the_demo_clock_sets_now_for_the_services_and_the_models_defaults(db):
    moment = datetime.datetime(2026, 1, 9, 9, 5, tzinfo=datetime.UTC)
    clock = DemoClock(moment)
    with clock.running():
        assert timezone.now() == moment
        assert Claim(statement="x").created_at == moment
        clock.tick(10)
        assert timezone.now() == moment + datetime.timedelta(minutes=10)
        clock.at(moment)  # never back
        assert timezone.now() == moment + datetime.timedelta(minutes=10)
    assert timezone.now() != moment
