"""A large run searches for restated claims in a forked child while it reads the
stories' sources: the same suggestions as searching in one process, and the same
when the child fails."""

import logging

import pytest
from django.db import transaction

from core import roles
from editorial.checks import background
from editorial.checks.memory import checks_memory
from editorial.checks.services import runs
from editorial.exports.fixtures_load import fixtures_load
from editorial.models import Suggestion
from tests.conftest import FIXTURES

FIELDS = ["kind", "source_id", "start", "end", "claim_id", "exact", "statement"]
FIELDS += ["explanation", "stance", "evidence", "group", "question", "fingerprint"]

pytestmark = pytest.mark.skipif(
    not background.can_fork(), reason="needs os.fork and two cores"
)


def test_a_forked_computation_comes_back_and_a_failed_one_gives_none():
    assert background.Forked(lambda: {"1": [(2, 3.5)]}).result() == {"1": [(2, 3.5)]}
    assert background.Forked(lambda: 1 / 0).result() is None
    child = background.Forked(lambda: sum(range(10**9)))
    child.abandon()  # stopped, not waited for
    assert child.result() is None


def _stored_by(run) -> list[tuple]:
    """The suggestions ``run`` stores on the shipped desk, then rolled back."""
    with transaction.atomic():
        checks_memory.reset()
        run()
        rows = sorted(Suggestion.objects.values_list(*FIELDS))
        transaction.set_rollback(True)
    return rows


def test_restated_claims_searched_in_a_child_make_the_same_suggestions(
    shipped_desk, monkeypatch, caplog
):
    fixtures_load(paths=[FIXTURES / "reference.json"])

    def run():
        runs.checks_run(user=roles.system_user())

    monkeypatch.setattr(runs, "FORK_FROM", 10**9)
    alone = _stored_by(run)
    assert any(row[0] == Suggestion.Kind.RESTATED for row in alone)

    forked = []
    real = background.Forked
    monkeypatch.setattr(runs, "FORK_FROM", 1)
    monkeypatch.setattr(
        background, "Forked", lambda compute: forked.append(compute) or real(compute)
    )
    assert _stored_by(run) == alone
    assert len(forked) == 1
    assert checks_memory.claim_index(runs.check_selectors.known_claims()).remembered()

    # A child that fails: the run searches in this process and stores the same.
    monkeypatch.setattr(background, "Forked", lambda compute: real(lambda: 1 / 0))
    with caplog.at_level(logging.WARNING):
        assert _stored_by(run) == alone
    assert "search in a second process failed" in caplog.text
