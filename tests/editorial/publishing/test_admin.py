"""Fact checks and their updates in the admin: shown with their history, never written there."""

from __future__ import annotations

from django.urls import reverse

from editorial.models import FactCheck, FactCheckUpdate
from editorial.publishing import services as publishing_services


def test_fact_checks_and_updates_are_read_only_in_the_admin(
    client, published, reviewer, user_factory
):
    publishing_services.fact_check_update(
        fact_check=published, summary="Shorter.", user=reviewer, reason="Shorter"
    )
    client.force_login(user_factory("chief", is_staff=True, is_superuser=True))
    for model in (FactCheck, FactCheckUpdate):
        prefix = f"admin:editorial_{model._meta.model_name}"
        obj = model.objects.get()
        assert client.get(reverse(f"{prefix}_changelist")).status_code == 200
        assert client.get(reverse(f"{prefix}_change", args=[obj.pk])).status_code == 200
        assert (
            client.get(reverse(f"{prefix}_history", args=[obj.pk])).status_code == 200
        )
        assert client.get(reverse(f"{prefix}_add")).status_code == 403
    headline = FactCheck.objects.get().headline
    client.post(
        reverse("admin:editorial_factcheck_change", args=[published.pk]),
        {"headline": "Changed in the admin"},
    )
    assert FactCheck.objects.get().headline == headline
