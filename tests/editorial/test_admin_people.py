"""People who acted on the desk are deactivated, not deleted (issue 20, finding 3).

Deleting a user who had edited a claim set ``history_user`` to NULL on that history
row (the change then showed "unknown"), and deleted their tokens without history.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from editorial.accounts import services as account_services
from editorial.claims import services as claim_services
from editorial.history.audit import history_problems

User = get_user_model()


@pytest.fixture
def chief(user_factory):
    return user_factory("chief", is_staff=True, is_superuser=True)


@pytest.fixture
def chief_client(client, chief):
    client.force_login(chief)
    return client


@pytest.fixture
def worker(user_factory, editor):
    """An editor who only edited someone else's claim."""
    from core import roles

    worker = user_factory("worker", group=roles.EDITORS)
    claim = claim_services.claim_create(
        statement="26 nations joined", user=editor, reason="From the article"
    )
    claim_services.claim_update(
        claim=claim, statement="26 nations signed", user=worker, reason="Exact verb"
    )
    return worker


def names_on_history():
    from editorial.models import Claim

    return list(
        Claim.history.order_by("history_id").values_list(
            "history_user__username", flat=True
        )
    )


def test_deleting_someone_who_edited_a_claim_is_refused_with_a_message(
    chief_client, worker
):
    before = names_on_history()
    url = reverse("admin:auth_user_delete", args=[worker.pk])
    change = reverse("admin:auth_user_change", args=[worker.pk])
    for response in (
        chief_client.get(url, follow=True),
        chief_client.post(url, {"post": "yes"}, follow=True),
    ):
        assert response.redirect_chain == [(change, 302)]
        (message,) = [str(m) for m in response.context["messages"]]
        assert message.startswith("worker has acted on the desk")
        assert "Deactivate it instead" in message
    assert User.objects.filter(pk=worker.pk).exists()
    assert names_on_history() == before == ["ed", "worker"]
    assert history_problems() == []


def test_bulk_deleting_people_who_acted_is_refused_and_deletes_nobody(
    chief_client, worker, user_factory
):
    newcomer = user_factory("newcomer")
    url = reverse("admin:auth_user_changelist")
    for confirmed in ({}, {"post": "yes"}):
        response = chief_client.post(
            url,
            {
                "action": "delete_selected",
                "_selected_action": [worker.pk, newcomer.pk],
                **confirmed,
            },
            follow=True,
        )
        text = response.content.decode()
        assert "Nothing was deleted. worker has acted on the desk" in text
    assert User.objects.filter(pk__in=[worker.pk, newcomer.pk]).count() == 2
    assert names_on_history() == ["ed", "worker"]
    assert history_problems() == []


def test_someone_with_only_an_api_token_is_deactivated_not_deleted(
    chief_client, editor
):
    account_services.api_token_create(user=editor, name="script", reason="Test")
    chief_client.post(
        reverse("admin:auth_user_delete", args=[editor.pk]), {"post": "yes"}
    )
    assert User.objects.filter(pk=editor.pk).exists()
    assert editor.api_tokens.count() == 1
    assert history_problems() == []


def test_people_who_never_acted_are_deleted_one_by_one_or_in_bulk(
    chief_client, user_factory
):
    one, two, three = (user_factory(name) for name in ("one", "two", "three"))
    response = chief_client.post(
        reverse("admin:auth_user_delete", args=[one.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    response = chief_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "delete_selected", "_selected_action": [two.pk, three.pk]},
    )
    assert response.status_code == 200  # Django's confirmation page
    chief_client.post(
        reverse("admin:auth_user_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [two.pk, three.pk],
            "post": "yes",
        },
    )
    assert not User.objects.filter(username__in=["one", "two", "three"]).exists()
    assert history_problems() == []


def test_the_service_refuses_deleting_someone_who_acted_and_needs_permission(
    chief, worker, editor, user_factory
):
    with pytest.raises(ValidationError, match="worker has acted on the desk"):
        account_services.user_delete(person=worker, user=chief)
    with pytest.raises(PermissionDenied):
        account_services.user_delete(person=user_factory("idle"), user=editor)
    assert User.objects.filter(username__in=["worker", "idle"]).count() == 2
