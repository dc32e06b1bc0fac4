"""Pieces of the desk's security set-up that settings point to (see the README's Security)."""

from __future__ import annotations

from axes.helpers import get_client_username
from django.conf import settings
from django.shortcuts import render


def client_ip(request) -> str:
    """The address a request came from, as log-in throttling counts it.

    Without a proxy that is the connection's address: an ``X-Forwarded-For`` header
    is the client's own words and would let it claim a new address for every guess.
    Behind the TLS proxy named by ``DJANGO_BEHIND_TLS_PROXY`` the connection is the
    proxy's, so the address is the last one in ``X-Forwarded-For``: the one the proxy
    appended, whatever the client put before it.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if forwarded:
            return forwarded[-1]
    return remote


def lockout_response(request, original_response=None, credentials=None):
    """The page django-axes shows instead of logging in once a username is locked out."""
    cooloff = settings.AXES_COOLOFF_TIME
    return render(
        request,
        "registration/lockout.html",
        {
            "username": get_client_username(request, credentials) or "",
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": round(cooloff.total_seconds() / 60) if cooloff else None,
        },
        status=429,
    )
