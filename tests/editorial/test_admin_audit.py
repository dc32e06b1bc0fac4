"""Every admin action leaves the history complete (issue 20, finding 3).

After each action ``history_problems()`` (what ``manage.py audit_history`` reports) is
empty: every row changed or deleted, cascades included, has a history row naming the
admin and the admin's reason. Deleting a claim in the admin once wrote its links and
evidence away without a reason and cleared suggestions' ``claim`` without history.
"""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from editorial.claims import services as claim_services
from editorial.exports.fixtures_load import fixtures_load
from editorial.history.audit import history_problems
from editorial.models import (
    Claim,
    ClaimHighlight,
    Dispute,
    DisputeClaim,
    Evidence,
    Highlight,
    Suggestion,
)
from tests.conftest import FIXTURES

DELETED = "Deleted in the admin"


@pytest.fixture
def checked(shipped_desk):
    """The shipped desk, its reference data, and the checks' open suggestions."""
    fixtures_load(paths=[FIXTURES / "reference.json"])
    call_command("check_sources", stdout=io.StringIO())
    assert history_problems() == []


@pytest.fixture
def chief(user_factory):
    return user_factory("chief", is_staff=True, is_superuser=True)


@pytest.fixture
def chief_client(client, chief):
    client.force_login(chief)
    return client


def clean():
    assert history_problems() == []


def action(client, model, name, pks, **extra):
    url = reverse(f"admin:editorial_{model}_changelist")
    data = {"action": name, "_selected_action": list(pks), **extra}
    return client.post(url, data, follow=True)


def claim_form(claim, **changes):
    return {
        "statement": claim.statement,
        "status": claim.status,
        "verdict_note": claim.verdict_note,
        "assigned_to": claim.assigned_to_id or "",
        "priority": claim.priority,
        "due_on": "",
        "change_reason": "Checked in the admin",
        "links-TOTAL_FORMS": 0,
        "links-INITIAL_FORMS": 0,
        "evidence-TOTAL_FORMS": 0,
        "evidence-INITIAL_FORMS": 0,
        **changes,
    }


def open_suggestions():
    return Suggestion.objects.filter(status="open", group="").exclude(kind="restated")


def accepted_claim(client) -> tuple[Suggestion, Claim]:
    """Accept one suggestion in the admin: a highlight, a claim and a link are made."""
    suggestion = open_suggestions().order_by("pk").first()
    response = action(client, "suggestion", "accept", [suggestion.pk])
    assert "1 suggestion(s) accepted." in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.claim is not None and suggestion.highlight is not None
    return suggestion, suggestion.claim


def deletion_row(model, pk):
    return model.history.filter(id=pk).order_by("history_id").last()


def test_suggestions_accepted_and_dismissed_in_the_admin_keep_the_history_clean(
    checked, chief_client, chief
):
    accepted_claim(chief_client)
    clean()
    dismissed = open_suggestions().order_by("pk").first()
    action(chief_client, "suggestion", "dismiss", [dismissed.pk])
    dismissed.refresh_from_db()
    assert dismissed.status == "dismissed"
    clean()


def test_claim_change_revert_and_delete_in_the_admin_keep_the_history_clean(
    checked, chief_client, chief
):
    suggestion, claim = accepted_claim(chief_client)
    evidence = claim_services.evidence_add(
        claim=claim, supports=False, url="https://example.org/", user=chief, reason="r"
    )
    clean()

    change = reverse("admin:editorial_claim_change", args=[claim.pk])
    response = chief_client.post(change, claim_form(claim, statement="Reworded."))
    assert response.status_code == 302
    assert Claim.objects.get(pk=claim.pk).statement == "Reworded."
    clean()

    first = claim.history.order_by("history_id").first()
    revert = reverse("admin:editorial_claim_simple_history", args=[claim.pk, first.pk])
    response = chief_client.post(revert, claim_form(first, change_reason="Back"))
    assert response.status_code == 302
    assert Claim.objects.get(pk=claim.pk).statement == first.statement
    clean()

    links = list(claim.links.values_list("pk", flat=True))
    delete = reverse("admin:editorial_claim_delete", args=[claim.pk])
    assert chief_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Claim.objects.filter(pk=claim.pk).exists()
    for model, pk in [
        (Claim, claim.pk),
        (Evidence, evidence.pk),
        *[(ClaimHighlight, link) for link in links],
    ]:
        row = deletion_row(model, pk)
        assert (row.history_type, row.history_user, row.history_change_reason) == (
            "-",
            chief,
            DELETED,
        ), model
    row = deletion_row(Suggestion, suggestion.pk)
    assert (row.history_type, row.claim_id, row.history_change_reason) == (
        "~",
        None,
        DELETED,
    )
    clean()


def test_a_disputed_claim_is_not_deleted_in_the_admin_and_its_service_keeps_history(
    checked, chief_client, chief
):
    """The admin refuses (its positions have no delete permission there); the desk's
    ``claim_delete`` deletes the positions with the same reason as the claim."""
    position = DisputeClaim.objects.order_by("pk").first()
    claim = position.claim
    delete = reverse("admin:editorial_claim_delete", args=[claim.pk])
    assert chief_client.post(delete, {"post": "yes"}).status_code == 403
    assert Claim.objects.filter(pk=claim.pk).exists()
    clean()
    claim_services.claim_delete(claim=claim, user=chief, reason=DELETED)
    row = deletion_row(DisputeClaim, position.pk)
    assert (row.history_type, row.history_user, row.history_change_reason) == (
        "-",
        chief,
        DELETED,
    )
    clean()


def test_bulk_deleting_claims_in_the_admin_keeps_the_history_clean(
    checked, chief_client
):
    """The shipped desk's published claim among them: its fact check is deleted with
    the admin's reason too."""
    _, claim = accepted_claim(chief_client)
    spare = Claim.objects.exclude(pk=claim.pk).filter(dispute_positions__isnull=True)
    published = spare.filter(fact_check__isnull=False).first()
    pks = [claim.pk, published.pk, *spare.values_list("pk", flat=True)[:2]]
    fact_check = published.fact_check
    response = action(chief_client, "claim", "delete_selected", pks, post="yes")
    assert response.status_code == 200
    assert not Claim.objects.filter(pk__in=pks).exists()
    row = deletion_row(type(fact_check), fact_check.pk)
    assert (row.history_type, row.history_change_reason) == ("-", DELETED)
    clean()


def test_links_evidence_and_highlights_added_and_deleted_in_the_admin_keep_it_clean(
    checked, chief_client
):
    suggestion, claim = accepted_claim(chief_client)
    other = Claim.objects.exclude(pk=claim.pk).order_by("pk").first()
    words = suggestion.highlight
    chief_client.post(
        reverse("admin:editorial_claimhighlight_add"),
        {
            "claim": other.pk,
            "highlight": words.pk,
            "stance": "assert",
            "change_reason": "Same words, second claim",
        },
    )
    link = ClaimHighlight.objects.get(claim=other, highlight=words)
    clean()
    delete = reverse("admin:editorial_claimhighlight_delete", args=[link.pk])
    chief_client.post(delete, {"post": "yes"})
    assert not ClaimHighlight.objects.filter(pk=link.pk).exists()
    clean()

    evidence = claim.evidence.first() or claim_services.evidence_add(
        claim=claim, supports=True, note="Seen", user=suggestion.decided_by, reason="r"
    )
    delete = reverse("admin:editorial_evidence_delete", args=[evidence.pk])
    chief_client.post(delete, {"post": "yes"})
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    clean()

    delete = reverse("admin:editorial_highlight_delete", args=[words.pk])
    chief_client.post(delete, {"post": "yes"})
    assert not Highlight.objects.filter(pk=words.pk).exists()
    row = deletion_row(Suggestion, suggestion.pk)
    assert (row.highlight_id, row.history_change_reason) == (None, DELETED)
    clean()


def test_disputes_opened_and_resolved_in_the_admin_keep_the_history_clean(
    checked, chief_client, chief
):
    one, two = (
        claim_services.claim_create(statement=words, user=chief, reason="r")
        for words in ("They met in Paris", "They met in Rome")
    )
    chief_client.post(
        reverse("admin:editorial_dispute_add"),
        {
            "question": "Which is right?",
            "positions": f"{one.pk},{two.pk}",
            "change_reason": "They differ",
            "positions-TOTAL_FORMS": 0,
            "positions-INITIAL_FORMS": 0,
        },
    )
    dispute = Dispute.objects.get(question="Which is right?")
    clean()
    chief_client.post(
        reverse("admin:editorial_dispute_change", args=[dispute.pk]),
        {
            "status": "resolved",
            "chosen": one.pk,
            "resolution_note": "Two agencies agree with the first",
            "change_reason": "Settled",
            "positions-TOTAL_FORMS": 0,
            "positions-INITIAL_FORMS": 0,
        },
    )
    assert Dispute.objects.get(pk=dispute.pk).status == "resolved"
    clean()


def test_token_revoke_and_refused_user_deletions_keep_the_history_clean(
    checked, chief_client, editor
):
    from django.contrib.auth import get_user_model

    from editorial.accounts import services as account_services

    token, _ = account_services.api_token_create(user=editor, name="s", reason="r")
    action(chief_client, "apitoken", "revoke", [token.pk])
    clean()
    people = get_user_model().objects.exclude(username="chief")
    url = reverse("admin:auth_user_changelist")
    chief_client.post(
        url,
        {
            "action": "delete_selected",
            "_selected_action": list(people.values_list("pk", flat=True)),
            "post": "yes",
        },
    )
    chief_client.post(
        reverse("admin:auth_user_delete", args=[editor.pk]), {"post": "yes"}
    )
    assert get_user_model().objects.filter(pk=editor.pk).exists()
    clean()
