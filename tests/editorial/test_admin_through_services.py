"""The admin writes links, disputes and positions through the services, as the desk does.

Linking a claim to words goes through ``claim_link_highlight`` and unlinking through
``claim_unlink_highlight`` (editors); a dispute is opened with ``dispute_open``
(editors) and resolved with ``dispute_resolve`` (reviewers). Staff status and model
permissions open the admin's pages, not the desk's rules: a refusal is shown as an
error message and nothing is written.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from core import roles
from editorial.disputes import services as dispute_services
from editorial.models import Claim, ClaimHighlight, Dispute, DisputeClaim, Highlight

TEXT = "Summit\nThe envoy met the leaders in Paris on Tuesday."
ADMIN_PERMISSIONS = [
    f"{action}_{model}"
    for action in ("view", "add", "change", "delete")
    for model in ("claimhighlight", "dispute", "disputeclaim")
]
DESK_MODELS = (ClaimHighlight, Dispute, DisputeClaim, Claim)


def _staff(user_factory, username, group):
    user = user_factory(username, group=group, is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=ADMIN_PERMISSIONS)
    )
    return user


@pytest.fixture
def clerk(user_factory):
    """Staff with every admin permission here, but neither editor nor reviewer."""
    return _staff(user_factory, "clerk", None)


@pytest.fixture
def staff_editor(user_factory):
    return _staff(user_factory, "deskhand", roles.EDITORS)


@pytest.fixture
def staff_reviewer(user_factory):
    return _staff(user_factory, "senior", roles.REVIEWERS)


@pytest.fixture
def desk(source_factory, claim_factory, editor):
    """Two linked claims answering differently, their open dispute, and spare words."""
    source = source_factory(TEXT)
    paris = claim_factory(source, "Paris", "They met in Paris")
    tuesday = claim_factory(source, "Tuesday", "They met on Tuesday")
    dispute = dispute_services.dispute_open(
        question="Where did they meet?",
        claims=[paris, tuesday],
        user=editor,
        reason="They differ",
    )
    return {
        "paris": paris,
        "tuesday": tuesday,
        "dispute": dispute,
        "paris_words": Highlight.objects.get(exact="Paris"),
    }


def rows() -> dict[str, int]:
    """How many rows the records touched here and their history hold."""
    counts = {}
    for model in DESK_MODELS:
        counts[model.__name__] = model.objects.count()
        counts[f"{model.__name__} history"] = model.history.count()
    return counts


def add_link(client, claim, highlight):
    return client.post(
        reverse("admin:editorial_claimhighlight_add"),
        {
            "claim": claim.pk,
            "highlight": highlight.pk,
            "stance": "assert",
            "change_reason": "Same words, second claim",
        },
        follow=True,
    )


def resolve(client, dispute, chosen, note="Two agencies place it in Paris"):
    return client.post(
        reverse("admin:editorial_dispute_change", args=[dispute.pk]),
        {
            "status": "resolved",
            "chosen": chosen.pk,
            "resolution_note": note,
            "change_reason": "Settled",
            "positions-TOTAL_FORMS": 0,
            "positions-INITIAL_FORMS": 0,
        },
        follow=True,
    )


def test_staff_outside_the_desk_cannot_link_a_claim_to_words_in_the_admin(
    client, clerk, desk
):
    client.force_login(clerk)
    before = rows()
    response = add_link(client, desk["tuesday"], desk["paris_words"])
    assert "Only editors and reviewers" in response.content.decode()
    assert rows() == before


def test_staff_outside_the_desk_cannot_delete_a_claim_link_in_the_admin(
    client, clerk, desk
):
    link = ClaimHighlight.objects.get(claim=desk["paris"])
    client.force_login(clerk)
    before = rows()
    response = client.post(
        reverse("admin:editorial_claimhighlight_delete", args=[link.pk]),
        {"post": "yes"},
        follow=True,
    )
    assert "Only editors and reviewers" in response.content.decode()
    assert rows() == before


def test_staff_outside_the_desk_cannot_bulk_delete_claim_links_in_the_admin(
    client, clerk, desk
):
    client.force_login(clerk)
    before = rows()
    response = client.post(
        reverse("admin:editorial_claimhighlight_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": list(
                ClaimHighlight.objects.values_list("pk", flat=True)
            ),
            "post": "yes",
        },
        follow=True,
    )
    assert "Only editors and reviewers" in response.content.decode()
    assert rows() == before


def test_an_editors_admin_link_is_made_through_the_service_with_history(
    client, staff_editor, desk
):
    client.force_login(staff_editor)
    add_link(client, desk["tuesday"], desk["paris_words"])
    link = ClaimHighlight.objects.get(
        claim=desk["tuesday"], highlight=desk["paris_words"]
    )
    assert link.created_by == staff_editor
    row = link.history.get()
    assert row.history_type == "+"
    assert row.history_user == staff_editor
    assert row.history_change_reason == "Same words, second claim"


def test_staff_outside_the_desk_cannot_open_a_dispute_in_the_admin(client, clerk, desk):
    client.force_login(clerk)
    before = rows()
    response = client.post(
        reverse("admin:editorial_dispute_add"),
        {
            "question": "When did they meet?",
            "positions": f"{desk['paris'].pk},{desk['tuesday'].pk}",
            "change_reason": "They differ",
            "positions-TOTAL_FORMS": 0,
            "positions-INITIAL_FORMS": 0,
        },
        follow=True,
    )
    assert "Only editors and reviewers" in response.content.decode()
    assert rows() == before


def test_an_editor_opens_a_dispute_in_the_admin_with_its_positions_in_history(
    client, staff_editor, desk
):
    client.force_login(staff_editor)
    client.post(
        reverse("admin:editorial_dispute_add"),
        {
            "question": "When did they meet?",
            "positions": f"{desk['paris'].pk},{desk['tuesday'].pk}",
            "change_reason": "They differ",
            "positions-TOTAL_FORMS": 0,
            "positions-INITIAL_FORMS": 0,
        },
    )
    dispute = Dispute.objects.get(question="When did they meet?")
    assert dispute.created_by == staff_editor
    assert set(dispute.positions.values_list("claim_id", flat=True)) == {
        desk["paris"].pk,
        desk["tuesday"].pk,
    }
    for position in dispute.positions.all():
        row = position.history.get()
        assert (row.history_user, row.history_change_reason) == (
            staff_editor,
            "They differ",
        )


def test_staff_outside_the_desk_cannot_resolve_a_dispute_in_the_admin(
    client, clerk, desk
):
    client.force_login(clerk)
    before = rows()
    response = resolve(client, desk["dispute"], desk["paris"])
    assert "Only reviewers can resolve a dispute" in response.content.decode()
    assert rows() == before
    assert Dispute.objects.get().status == "open"


def test_an_editor_who_is_not_a_reviewer_cannot_resolve_a_dispute_in_the_admin(
    client, staff_editor, desk
):
    client.force_login(staff_editor)
    before = rows()
    response = resolve(client, desk["dispute"], desk["paris"])
    assert "Only reviewers can resolve a dispute" in response.content.decode()
    assert rows() == before
    assert Claim.objects.get(pk=desk["paris"].pk).status == "unverified"


def test_a_reviewer_resolves_a_dispute_in_the_admin_and_its_claims_get_verdicts(
    client, staff_reviewer, desk
):
    client.force_login(staff_reviewer)
    resolve(client, desk["dispute"], desk["paris"])
    dispute = Dispute.objects.get()
    assert dispute.status == "resolved"
    assert dispute.resolved_by == staff_reviewer
    assert dispute.resolution_note == "Two agencies place it in Paris"
    assert Claim.objects.get(pk=desk["paris"].pk).status == "verified"
    assert Claim.objects.get(pk=desk["tuesday"].pk).status == "false"


def test_an_editor_cannot_revert_a_dispute_from_its_history_page(
    client, staff_editor, desk
):
    """A dispute moves only by resolving and reopening; a revert is refused."""
    dispute = desk["dispute"]
    first = dispute.history.earliest("history_id")
    client.force_login(staff_editor)
    before = rows()
    response = client.post(
        reverse("admin:editorial_dispute_simple_history", args=[dispute.pk, first.pk]),
        {
            "status": "open",
            "resolution_note": "",
            "change_reason": "Back",
            "positions-TOTAL_FORMS": 0,
            "positions-INITIAL_FORMS": 0,
        },
        follow=True,
    )
    assert "A dispute is not reverted" in response.content.decode()
    assert rows() == before


def test_staff_outside_the_desk_cannot_add_a_position_in_the_admin(
    client, clerk, desk, claim_factory
):
    extra = claim_factory(desk["paris"].links.get().highlight.source, "envoy")
    client.force_login(clerk)
    before = rows()
    response = client.post(
        reverse("admin:editorial_disputeclaim_add"),
        {
            "dispute": desk["dispute"].pk,
            "claim": extra.pk,
            "change_reason": "Another answer",
        },
        follow=True,
    )
    assert "Only editors and reviewers" in response.content.decode()
    assert rows() == before


def test_a_dispute_and_its_positions_are_not_deleted_in_the_admin(
    client, staff_reviewer, desk
):
    """No service deletes them, so the admin offers no delete."""
    dispute = desk["dispute"]
    position = dispute.positions.first()
    client.force_login(staff_reviewer)
    before = rows()
    for url in (
        reverse("admin:editorial_dispute_delete", args=[dispute.pk]),
        reverse("admin:editorial_disputeclaim_delete", args=[position.pk]),
    ):
        assert client.post(url, {"post": "yes"}).status_code == 403
    assert rows() == before
