"""Every editorial and sources model keeps history: who did what, and why."""

import pytest
from django.apps import apps

from core.history import delete_with_history, stamp
from editorial.claims import services as claim_services
from editorial.disputes import services as dispute_services
from editorial.highlights import services as highlight_services
from editorial.models import (
    Claim,
    ClaimHighlight,
    Dispute,
    DisputeClaim,
    Evidence,
    Highlight,
)
from sources.models import Revision, Source
from sources.services import source_update_metadata

#: Scratch rows, not records: articles read on the import page wait in PendingImport
#: for review and are deleted when saved, dropped or expired (the saved source and
#: revision keep the history).
SCRATCH = {"editorial.PendingImport"}
#: An export job says how far a background export got; the file it makes is the record.
SCRATCH |= {"editorial.ExportJob"}
#: Each person's inbox is derived from events whose changes are in history already,
#: and a read mark is no record: notifications keep no history of their own.
SCRATCH |= {"editorial.Notification"}
#: A webhook delivery is a log line of what was sent where; the event it carries is a
#: change already in history.
SCRATCH |= {"editorial.WebhookDelivery"}


def test_every_model_of_editorial_and_sources_keeps_history():
    missing = [
        model._meta.label
        for app in ("editorial", "sources")
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
        and model._meta.label not in SCRATCH
        and getattr(model._meta, "simple_history_manager_attribute", None) is None
    ]
    assert missing == []


def last(model, pk):
    return model.history.filter(id=pk).order_by("-history_id").first()


@pytest.fixture
def claim_on_words(source_factory, editor):
    source = source_factory("Title\nStarmer met Macron in Paris.")
    highlight = highlight_services.highlight_create(
        source=source, start=6, end=13, user=editor, reason="mark name"
    )
    claim = claim_services.claim_create(
        statement="Starmer met Macron.", user=editor, reason="new claim"
    )
    link = claim_services.claim_link_highlight(
        claim=claim, highlight=highlight, user=editor, reason="link"
    )
    return source, highlight, claim, link


def test_creating_each_model_records_the_user_and_reason(
    claim_on_words, editor, reviewer
):
    source, highlight, claim, link = claim_on_words
    evidence = claim_services.evidence_add(
        claim=claim,
        supports=True,
        url="https://example.org/a",
        user=editor,
        reason="cite",
    )
    other = claim_services.claim_create(
        statement="Someone else met Macron.", user=editor, reason="rival"
    )
    dispute = dispute_services.dispute_open(
        question="Who met Macron?", claims=[claim, other], user=editor, reason="open"
    )
    position = DisputeClaim.objects.filter(dispute=dispute).first()
    expected = [
        (Source, source.pk, "Test source"),
        (Revision, source.current_revision.pk, "Test source"),
        (Highlight, highlight.pk, "mark name"),
        (Claim, claim.pk, "new claim"),
        (ClaimHighlight, link.pk, "link"),
        (Evidence, evidence.pk, "cite"),
        (Dispute, dispute.pk, "open"),
        (DisputeClaim, position.pk, "open"),
    ]
    for model, pk, reason in expected:
        row = last(model, pk)
        assert (row.history_type, row.history_user, row.history_change_reason) == (
            "+",
            editor,
            reason,
        ), model


def test_updating_records_the_user_and_reason(claim_on_words, editor, reviewer):
    source, highlight, claim, link = claim_on_words
    claim_services.claim_set_status(
        claim=claim,
        status="verified",
        verdict_note="Test verdict note",
        user=reviewer,
        reason="checked the readout",
    )
    row = last(Claim, claim.pk)
    assert (
        row.history_type,
        row.status,
        row.history_user,
        row.history_change_reason,
    ) == (
        "~",
        "verified",
        reviewer,
        "checked the readout",
    )
    source_update_metadata(
        source=source, user=reviewer, reason="found the outlet", publisher="Le Monde"
    )
    row = last(Source, source.pk)
    assert (
        row.history_type,
        row.publisher,
        row.history_user,
        row.history_change_reason,
    ) == (
        "~",
        "Le Monde",
        reviewer,
        "found the outlet",
    )


def test_deleting_records_the_user_and_reason(claim_on_words, editor):
    source, highlight, claim, link = claim_on_words
    evidence = claim_services.evidence_add(
        claim=claim, supports=False, citation="A book", user=editor, reason="cite"
    )
    ids = {
        "evidence": evidence.pk,
        "claim": claim.pk,
        "link": link.pk,
        "highlight": highlight.pk,
    }
    claim_services.evidence_delete(evidence=evidence, user=editor, reason="wrong book")
    claim_services.claim_delete(claim=claim, user=editor, reason="duplicate claim")
    highlight_services.highlight_delete(
        highlight=highlight, user=editor, reason="stray mark"
    )
    for model, pk, reason in [
        (Evidence, ids["evidence"], "wrong book"),
        (Claim, ids["claim"], "duplicate claim"),
        (ClaimHighlight, ids["link"], "duplicate claim"),
        (Highlight, ids["highlight"], "stray mark"),
    ]:
        row = last(model, pk)
        assert (row.history_type, row.history_user, row.history_change_reason) == (
            "-",
            editor,
            reason,
        )


def test_every_history_row_written_by_services_names_a_user_and_reason(
    claim_on_words, editor
):
    for model in [Source, Revision, Highlight, Claim, ClaimHighlight]:
        assert not model.history.filter(history_user__isnull=True).exists()
        assert not model.history.filter(history_change_reason__in=["", None]).exists()


def test_stamp_refuses_an_empty_reason(claim_on_words, editor):
    from django.core.exceptions import ValidationError

    _, _, claim, _ = claim_on_words
    with pytest.raises(ValidationError):
        stamp(claim, user=editor, reason="")
    with pytest.raises(ValidationError):
        delete_with_history(claim, user=editor, reason=None)
    assert Claim.objects.filter(pk=claim.pk).exists()


@pytest.mark.history_exempt  # writes around the services on purpose, to show the audit sees it
def test_history_audit_catches_writes_that_skip_history(claim_on_words, editor):
    from django.core.management import CommandError, call_command

    from editorial.history.audit import history_problems

    _, highlight, claim, _ = claim_on_words
    assert history_problems() == []
    Claim.objects.filter(pk=claim.pk).update(status="false")
    Evidence.objects.bulk_create([Evidence(claim=claim, supports=True, citation="raw")])
    Highlight.objects.filter(pk=highlight.pk).update(
        exact=highlight.exact
    )  # no real change
    problems = history_problems()
    assert f"editorial.Claim {claim.pk}: changed without history (status)" in problems
    assert any("editorial.Evidence" in p and "has no history" in p for p in problems)
    assert not any("editorial.Highlight" in p for p in problems)
    with pytest.raises(CommandError, match="history problem"):
        call_command("audit_history")


def test_admin_bulk_delete_records_each_deletion_with_user_and_reason(
    client, claim_on_words, editor, django_user_model
):
    from django.urls import reverse

    _, _, claim, _ = claim_on_words
    items = [
        claim_services.evidence_add(
            claim=claim, supports=True, citation=f"Ref {n}", user=editor, reason="cite"
        )
        for n in range(3)
    ]
    chief = django_user_model.objects.create_superuser(
        "chief", password="x-long-pass-1"
    )
    client.force_login(chief)
    client.post(
        reverse("admin:editorial_evidence_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [e.pk for e in items],
            "post": "yes",
        },
    )
    assert not Evidence.objects.exists()
    deletions = Evidence.history.filter(history_type="-")
    assert deletions.count() == 3
    assert {(row.history_user, row.history_change_reason) for row in deletions} == {
        (chief, "Deleted in the admin")
    }
