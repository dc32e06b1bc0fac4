"""The desk events the dispute services tell: a dispute opened, a dispute resolved.
Called inside the services' transactions (see ``editorial.events``)."""

from __future__ import annotations

from django.urls import reverse

from editorial import events


def announce_dispute(kind: str, dispute, user) -> None:
    verb = "opened" if kind == "dispute.opened" else "resolved"
    events.announce(
        kind,
        actor=user,
        subject=dispute,
        summary=f"{user.get_username()} {verb} the dispute “{dispute}”",
        url=reverse("disputes:detail", args=[dispute.pk]),
    )
