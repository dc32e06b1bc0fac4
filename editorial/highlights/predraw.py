"""What asks for a pre-drawing: any saved or deleted highlight, claim link, claim or
revision, once its transaction commits.

Model signals, not calls in each service, on purpose: pre-drawing is a cache warm, not a
rule of the desk, and it must follow every write path (services, the admin, the
history's reverts, fixture loads) without each one remembering it. Bulk writes send no
signals; the one that moves highlights (re-anchoring) comes with a new revision, whose
save is heard. A missed warm costs only the first reader's wait.

One task per transaction: the ids are gathered in one pending callback on the
connection's on-commit list (dropped with it on rollback).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

logger = logging.getLogger(__name__)


class _Pending:
    """The ids one transaction changed; enqueues one ``draw_readers`` on commit."""

    def __init__(self):
        self.ids = {"source_ids": set(), "claim_ids": set(), "highlight_ids": set()}
        self.sent = False

    def __call__(self):
        from editorial.highlights.tasks import draw_readers

        self.sent = True

        try:
            draw_readers.enqueue(
                **{name: sorted(ids) for name, ids in self.ids.items()}
            )
        except Exception:  # a warm that cannot be queued never breaks the write
            logger.exception("Could not queue the reader's pre-drawing")


def _pending() -> _Pending:
    if connection.in_atomic_block:
        for _, callback, _ in connection.run_on_commit:
            if isinstance(callback, _Pending) and not callback.sent:
                return callback
    pending = _Pending()
    transaction.on_commit(pending)
    return pending


def predraw_after_commit(*, source_id=None, claim_id=None, highlight_id=None) -> None:
    """Ask for the readers these ids concern to be drawn once the transaction commits."""
    if not settings.EDITORIAL_PREDRAW:
        return
    # Not in a transaction, ``on_commit`` runs the callback at once: gather first.
    if not connection.in_atomic_block:
        pending = _Pending()
    else:
        pending = _pending()
    for name, value in (
        ("source_ids", source_id),
        ("claim_ids", claim_id),
        ("highlight_ids", highlight_id),
    ):
        if value is not None:
            pending.ids[name].add(value)
    if not connection.in_atomic_block:
        pending()


def _highlight_changed(sender, instance, **kwargs):
    predraw_after_commit(source_id=instance.source_id)


def _link_changed(sender, instance, **kwargs):
    predraw_after_commit(highlight_id=instance.highlight_id)


def _claim_changed(sender, instance, created=False, **kwargs):
    if not created:  # a new claim has no highlights yet; its links are heard
        predraw_after_commit(claim_id=instance.pk)


def _revision_saved(sender, instance, created=False, **kwargs):
    if created:
        predraw_after_commit(source_id=instance.source_id)


def connect() -> None:
    """Listen to the models whose changes change a reader (from ``EditorialConfig``)."""
    from editorial.models import Claim, ClaimHighlight, Highlight
    from sources.models import Revision

    uid = "editorial.highlights.predraw"
    for model, receiver in (
        (Highlight, _highlight_changed),
        (ClaimHighlight, _link_changed),
    ):
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}.save.{model}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}.del.{model}")
    post_save.connect(_claim_changed, sender=Claim, dispatch_uid=f"{uid}.claim")
    post_save.connect(_revision_saved, sender=Revision, dispatch_uid=f"{uid}.revision")
