"""The desk events a claim's services tell (see ``editorial.events``): a claim written,
its status changed, a verdict given. Called inside the services' transactions."""

from __future__ import annotations

from django.urls import reverse

from editorial import events


def _url(claim) -> str:
    return reverse("claims:detail", args=[claim.pk])


def announce_created(claim, user) -> None:
    events.announce(
        "claim.created",
        actor=user,
        subject=claim,
        summary=f"{user.get_username()} wrote the claim “{claim}”",
        url=_url(claim),
    )


def announce_status(claim, user, *, before: str, reason: str) -> None:
    """Tell of a status change; a verdict is its own kind of event. No change, no news."""
    if claim.status == before:
        return
    label = claim.get_status_display().lower()
    verdict = claim.status in claim.VERDICTS
    summary = (
        f"{user.get_username()} gave the verdict {label} on “{claim}”"
        if verdict
        else f"{user.get_username()} marked “{claim}” {label}"
    )
    events.announce(
        "claim.verdict" if verdict else "claim.status",
        actor=user,
        subject=claim,
        summary=summary,
        url=_url(claim),
        status=claim.status,
        before=before,
        reason=reason,
    )
