"""A failure in the middle of a write leaves no partial state: all of it is saved or none.

Each operation is first run once (and rolled back) to count the SQL statements that
write; then it is run again once per write, with the database failing at that write.
Whatever the implementation does, wherever it fails, the full dump must not change.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from editorial.claims import services as claim_services
from editorial.disputes import services as dispute_services
from editorial.highlights import services as highlight_services
from editorial.history import services as history_services
from editorial.intake.services import source_import_text
from tests.dbdump import dump_difference, full_dump

WRITES = ("INSERT", "UPDATE", "DELETE")


class FailAtWrite:
    """A database execute wrapper that fails the ``nth`` writing statement (0: never)."""

    def __init__(self, nth: int = 0):
        self.nth, self.writes = nth, 0

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(WRITES):
            self.writes += 1
            if self.writes == self.nth:
                raise DatabaseError(f"simulated failure at write {self.nth}")
        return execute(sql, params, many, context)


class RolledBack(Exception):
    pass


def count_writes(operation) -> int:
    counter = FailAtWrite()
    try:
        with transaction.atomic(), connection.execute_wrapper(counter):
            operation()
            raise RolledBack
    except RolledBack:
        pass
    return counter.writes


def assert_all_or_nothing(operation):
    total = count_writes(operation)
    assert total >= 2, "an operation with one write cannot fail halfway"
    before = full_dump()
    for nth in range(1, total + 1):
        with connection.execute_wrapper(FailAtWrite(nth)):
            with pytest.raises(DatabaseError):
                operation()
        assert dump_difference(before, full_dump()) == {}, f"failure at write {nth}"


@pytest.fixture
def desk(source_factory, editor, reviewer):
    source = source_factory("Envoy\nThe envoy Steve Witkoff met the coalition leaders.")
    claim = claim_services.claim_create(
        statement="Witkoff is the envoy", user=editor, reason="Seen in the text"
    )
    for start, end in [(6, 35), (40, 49)]:
        highlight = highlight_services.highlight_create(
            source=source, start=start, end=end, user=editor, reason="States it"
        )
        claim_services.claim_link_highlight(
            claim=claim, highlight=highlight, user=editor, reason="States it"
        )
    claim_services.evidence_add(
        claim=claim,
        supports=True,
        url="https://example.org/envoy",
        user=editor,
        reason="Source found",
    )
    other = claim_services.claim_create(
        statement="Someone else is the envoy", user=editor, reason="Other article"
    )
    return {
        "source": source,
        "claim": claim,
        "other": other,
        "editor": editor,
        "reviewer": reviewer,
    }


# Each entry prepares what its write needs (committed, outside the failure) and returns
# the write itself. The write reads its objects afresh each time: a failed delete leaves
# Python objects without their primary key even though the database rolled it back.
def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def import_source(desk):
    return lambda: source_import_text(
        text="Title\nA body.", user=desk["editor"], reason="Import", title="T"
    )


def delete_claim(desk):
    return lambda: claim_services.claim_delete(
        claim=fresh(desk["claim"]), user=desk["editor"], reason="Duplicate"
    )


def delete_highlight(desk):
    return lambda: highlight_services.highlight_delete(
        highlight=fresh(desk["claim"]).highlights.first(),
        user=desk["editor"],
        reason="Wrong",
    )


def open_dispute(desk):
    return lambda: dispute_services.dispute_open(
        question="Who is the envoy?",
        claims=[fresh(desk["claim"]), fresh(desk["other"])],
        user=desk["editor"],
        reason="They differ",
    )


def give_verdict(desk):
    return lambda: claim_services.claim_set_status(
        claim=fresh(desk["claim"]),
        status="verified",
        verdict_note="Confirmed",
        user=desk["reviewer"],
        reason="Checked",
    )


def resolve_dispute(desk):
    dispute = open_dispute(desk)()
    return lambda: dispute_services.dispute_resolve(
        dispute=fresh(dispute),
        chosen=fresh(desk["claim"]),
        note="The State Department names Witkoff",
        user=desk["reviewer"],
        reason="Evidence found",
    )


def revert_claim(desk):
    claim = claim_services.claim_update(
        claim=fresh(desk["claim"]),
        statement="Witkoff is the special envoy",
        user=desk["editor"],
        reason="Sharper",
    )
    first = claim.history.order_by("history_id").first()
    return lambda: history_services.claim_revert(
        claim=fresh(claim),
        history_id=first.history_id,
        user=desk["editor"],
        reason="Undo",
    )


def restore_claim(desk):
    delete_claim(desk)()
    return lambda: history_services.claim_restore(
        claim_id=desk["claim"].pk, user=desk["editor"], reason="Not a duplicate"
    )


OPERATIONS = [
    import_source,
    delete_claim,
    delete_highlight,
    open_dispute,
    give_verdict,
    resolve_dispute,
    revert_claim,
    restore_claim,
]


@pytest.mark.parametrize("prepare", OPERATIONS, ids=lambda f: f.__name__)
def test_a_database_failure_at_any_write_leaves_no_partial_state(desk, prepare):
    assert_all_or_nothing(prepare(desk))


@pytest.fixture
def chief_client(client, db):
    chief = get_user_model().objects.create_superuser("chief", password="x-long-pass-1")
    client.force_login(chief)
    client.raise_request_exception = False
    return client


def source_form(source, **changes):
    return {
        "title": source.title,
        "publisher": "",
        "url": "",
        "kind": source.kind,
        "language": "en",
        "published_on": "",
        "published_on_note": "",
        "revisions-TOTAL_FORMS": 0,
        "revisions-INITIAL_FORMS": 0,
        "highlights-TOTAL_FORMS": 0,
        "highlights-INITIAL_FORMS": 0,
        **changes,
    }


def test_an_admin_save_that_fails_saves_nothing_and_the_page_says_so(
    chief_client, desk
):
    source = desk["source"]
    url = reverse("admin:sources_source_change", args=[source.pk])
    data = source_form(source, title="A new title", change_reason="Retitled")
    before = full_dump()
    # The admin's save writes the source, then its history row: fail at the history.
    with connection.execute_wrapper(FailAtWrite(2)):
        response = chief_client.post(url, data)
    assert response.status_code == 500
    page = response.content.decode()
    assert "was not saved, not even in part" in page and "Traceback" not in page
    assert dump_difference(before, full_dump()) == {}


def test_an_admin_revert_that_fails_changes_nothing(chief_client, desk):
    claim = claim_services.claim_update(
        claim=desk["claim"],
        statement="Witkoff is the special envoy",
        user=desk["editor"],
        reason="Sharper",
    )
    first = claim.history.order_by("history_id").first()
    url = reverse("admin:editorial_claim_simple_history", args=[claim.pk, first.pk])
    data = {
        "statement": first.statement,
        "status": first.status,
        "verdict_note": "",
        "change_reason": "Back to the first wording",
        "links-TOTAL_FORMS": 0,
        "links-INITIAL_FORMS": 0,
        "evidence-TOTAL_FORMS": 0,
        "evidence-INITIAL_FORMS": 0,
    }
    before = full_dump()
    with connection.execute_wrapper(FailAtWrite(2)):
        response = chief_client.post(url, data)
    assert response.status_code == 500
    assert dump_difference(before, full_dump()) == {}


def page_writes(desk):
    """The desk's own pages that write several rows: (URL, form, who) for each."""
    dispute = dispute_services.dispute_open(
        question="Who is the envoy?",
        claims=[fresh(desk["claim"]), fresh(desk["other"])],
        user=desk["editor"],
        reason="They differ",
    )
    claim = claim_services.claim_update(
        claim=fresh(desk["claim"]),
        statement="Witkoff is the special envoy",
        user=desk["editor"],
        reason="Sharper",
    )
    first = claim.history.order_by("history_id").first()
    return {
        "dispute resolution": (
            reverse("disputes:resolve", args=[dispute.pk]),
            {
                "chosen": claim.pk,
                "note": "The State Department names Witkoff",
                "reason": "Evidence found",
                "version": fresh(dispute).version,
            },
            desk["reviewer"],
        ),
        "revert": (
            reverse("history:claim-revert", args=[claim.pk]),
            {
                "history_id": first.history_id,
                "version": fresh(claim).version,
                "reason": "Back to the first wording",
            },
            desk["editor"],
        ),
    }


@pytest.mark.parametrize("write", ["dispute resolution", "revert"])
def test_a_page_whose_write_fails_halfway_says_so_and_saves_nothing(
    client, desk, write
):
    url, form, user = page_writes(desk)[write]
    client.force_login(user)
    client.raise_request_exception = False
    before = full_dump()
    with connection.execute_wrapper(FailAtWrite(2)):
        response = client.post(url, form)
    assert response.status_code == 500
    page = response.content.decode()
    assert "was not saved, not even in part" in page and "Traceback" not in page
    assert dump_difference(before, full_dump()) == {}
