"""Comments in the admin: read with their history, removed only through the service."""

import pytest
from django.urls import reverse

from editorial.conversation import services


@pytest.fixture
def chief_client(client, user_factory):
    client.force_login(user_factory("chief", is_staff=True, is_superuser=True))
    return client


def test_the_comment_admin_lists_shows_and_keeps_history(chief_client, claim, editor):
    comment = services.comment_post(claim=claim, body="In the admin", user=editor)
    for name, args in (
        ("changelist", []),
        ("change", [comment.pk]),
        ("history", [comment.pk]),
    ):
        url = reverse(f"admin:editorial_comment_{name}", args=args)
        assert chief_client.get(url).status_code == 200, name


def test_removing_in_the_admin_goes_through_the_service(chief_client, claim, editor):
    comment = services.comment_post(claim=claim, body="Remove me", user=editor)
    chief_client.post(
        reverse("admin:editorial_comment_changelist"),
        {"action": "remove", "_selected_action": [comment.pk]},
    )
    comment.refresh_from_db()
    assert comment.is_removed and comment.body == ""
    last = comment.history.order_by("-history_id").first()
    assert last.history_change_reason == "Removed in the admin"
    assert comment.history.order_by("history_id").first().body == "Remove me"
