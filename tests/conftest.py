"""Factories and clients shared by the whole suite. Test data is made through services."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core import roles
from editorial.checks.memory import checks_memory
from editorial.claims import services as claim_services
from editorial.exports.fixtures_load import fixtures_load
from editorial.highlights import services as highlight_services
from editorial.intake.services import source_import_text
from editorial.models import Claim

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
SEEDS = FIXTURES / "seeds"
SHARED_SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"

_counter = itertools.count(1)

DB_FIXTURES = ("transactional_db", "live_server", "db")


@pytest.fixture(autouse=True)
def checks_start_from_nothing():
    """Each test starts with nothing kept by the checks, as a new process does.

    ``checks_memory`` keeps readings, the claim index and sentences for the life of
    the process; this is the one place tests forget them.
    """
    checks_memory.reset(encoders=True)
    yield


@pytest.fixture(autouse=True)
def every_write_is_in_history(request):
    """After each test that touched the database, no write may have skipped history.

    Mark a test ``history_exempt`` only when it writes around the services on purpose
    (plain ``loaddata``, a constraint test); say why next to the mark.
    """
    used = [name for name in DB_FIXTURES if name in request.fixturenames]
    if not used or request.node.get_closest_marker("history_exempt"):
        yield
        return
    # Set the database up first, so it is torn down after this check.
    request.getfixturevalue(used[0])
    yield
    from editorial.history.audit import history_problems

    problems = history_problems()
    assert problems == [], (
        "A write skipped history (see editorial/history/audit.py):\n"
        + "\n".join(problems)
    )


@pytest.fixture
def user_factory(db):
    def make(
        username: str | None = None,
        *,
        group: str | None = None,
        password: str = "desk-pass-123",
        **extra,
    ):
        user = get_user_model().objects.create_user(
            username=username or f"user{next(_counter)}", password=password, **extra
        )
        if group:
            user.groups.add(Group.objects.get_or_create(name=group)[0])
        return user

    return make


@pytest.fixture
def editor(user_factory):
    return user_factory("ed", group=roles.EDITORS)


@pytest.fixture
def reviewer(user_factory):
    return user_factory("rev", group=roles.REVIEWERS)


@pytest.fixture
def source_factory(db, editor):
    def make(text: str | None = None, **metadata):
        text = (
            text
            if text is not None
            else f"Title {next(_counter)}\nSome body text about the coalition."
        )
        return source_import_text(
            text=text, user=editor, reason="Test source", **metadata
        ).source

    return make


@pytest.fixture
def claim_factory(db, editor):
    """Highlight ``words`` (their first occurrence) in a source and attach a new claim.

    ``status`` is set after, by ``status_by`` (a reviewer for verdicts).
    """

    def make(
        source,
        words: str,
        statement: str | None = None,
        *,
        user=None,
        stance: str = "assert",
        status: str | None = None,
        status_by=None,
    ):
        user = user or editor
        start = source.current_revision.body.index(words)
        highlight = highlight_services.highlight_create(
            source=source,
            start=start,
            end=start + len(words),
            exact=words,
            user=user,
            reason="Test highlight",
        )
        claim = claim_services.claim_create(
            statement=statement or words, user=user, reason="Test claim"
        )
        claim_services.claim_link_highlight(
            claim=claim, highlight=highlight, stance=stance, user=user, reason="Test"
        )
        if status:
            claim = claim_services.claim_set_status(
                claim=claim,
                status=status,
                # A verdict is always given with its note (the public explanation).
                verdict_note="Test verdict note" if status in Claim.VERDICTS else None,
                user=status_by or user,
                reason="Test status",
            )
        return claim

    return make


@pytest.fixture
def people(editor, reviewer, user_factory):
    """One user for each role the access tests compare, and an API token of the editor's."""
    from editorial.accounts import services as account_services

    token, _ = account_services.api_token_create(
        user=editor, name="script", reason="Test"
    )
    return {
        "users": {
            "editor": editor,
            "reviewer": reviewer,
            "staff": user_factory("clerk", is_staff=True),
            "superuser": user_factory("chief", is_staff=True, is_superuser=True),
        },
        "token": token,
    }


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


@pytest.fixture
def shipped_desk(db):
    """The shipped fixtures (seed corpus, demo accounts without passwords, demo data), loaded as make run does."""
    return [
        fixtures_load(paths=[FIXTURES / name])
        for name in ("accounts.json", "sources.json", "editorial.json")
    ]
