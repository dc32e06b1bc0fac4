"""Reads for the account page."""

from __future__ import annotations

from django.db.models import QuerySet

from editorial.models import ApiToken


def api_tokens_for(*, user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")
