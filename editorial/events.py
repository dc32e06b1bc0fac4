"""What happened on the desk, told once to everyone who listens.

A service that changes something people care about (a comment, a mention, an
assignment, a status or a verdict, a dispute opened or resolved) calls ``announce``
inside its transaction. The event reaches the listeners only after the transaction
commits, so a rolled-back write tells nobody, and a listener that fails (a webhook
receiver that is down, say) never breaks or slows the save: each listener is called
on its own, its failure logged.

Listeners (the notification inbox, the outgoing webhooks) register with ``listen``
from their app's ``ready``; they read the event, never the request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)

#: The kinds of event, in the newsroom's words (webhooks subscribe to these names).
KINDS = {
    "comment.created": "A comment was written",
    "comment.reply": "A reply was written",
    "comment.mention": "Someone was mentioned in a comment",
    "claim.created": "A claim was written",
    "claim.assigned": "A claim was assigned",
    "claim.status": "A claim's status changed",
    "claim.verdict": "A reviewer gave a verdict",
    "dispute.opened": "A dispute was opened",
    "dispute.resolved": "A dispute was resolved",
    "factcheck.published": "A fact check was published",
    "source.imported": "A source was imported",
}


@dataclass(frozen=True)
class DeskEvent:
    """One change: who made it, what it is about, one line saying it, and its page."""

    kind: str
    actor: Any
    subject: Any
    summary: str
    url: str
    data: dict = field(default_factory=dict)


_listeners: list[Callable[[DeskEvent], None]] = []


def listen(listener: Callable[[DeskEvent], None]) -> Callable[[DeskEvent], None]:
    """Register ``listener`` (once) to hear every event after its transaction commits."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def announce(kind: str, *, actor, subject, summary: str, url: str, **data) -> DeskEvent:
    """Tell the listeners about a change once the surrounding transaction commits."""
    if kind not in KINDS:
        raise ValueError(f"Unknown desk event {kind!r}.")
    event = DeskEvent(kind, actor, subject, summary, url, data)
    transaction.on_commit(lambda: _deliver(event))
    return event


def _deliver(event: DeskEvent) -> None:
    for listener in list(_listeners):
        try:
            listener(event)
        except Exception:  # one listener's failure never stops the others
            logger.exception("Listener %r failed on %s", listener, event.kind)
