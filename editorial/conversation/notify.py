"""The inbox's listener: who hears of each desk event, as a notification.

The rules, in one place:
- a mention tells the person mentioned;
- a reply tells the author of the comment replied to;
- a new comment or reply tells the followers of its thread (the claim, the dispute,
  or for highlighted words their source, its story and the claims on them), except
  those told already by a mention or as the author replied to;
- an assignment tells the assignee, who follows the claim from then on;
- a status or verdict change tells the claim's followers;
- a dispute opened tells the followers of its claims; resolved, the dispute's;
- whoever created a claim or opened a dispute follows it;
- nobody is told of their own action, and inactive accounts are told nothing.

Registered in ``EditorialConfig.ready``; it runs after the event's transaction commits.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from editorial.conversation import selectors, services
from editorial.events import DeskEvent
from editorial.models import Notification


def _keys(*subjects) -> list[list[int]]:
    return [
        [ContentType.objects.get_for_model(subject).pk, subject.pk]
        for subject in subjects
        if subject is not None
    ]


def recipients(event: DeskEvent) -> set[int]:
    """Ids of the people ``event`` is news for, before its actor is taken out."""
    data, kind = event.data, event.kind
    if kind == "comment.mention":
        return {data["user_id"]}
    if kind in ("comment.created", "comment.reply"):
        told = set(selectors.followers(data.get("followed", [])))
        if data.get("parent_author"):
            told.add(data["parent_author"])
        return told - set(data.get("mentioned", []))
    if kind == "claim.assigned":
        return {data["assignee_id"]} if data.get("assignee_id") else set()
    if kind in ("claim.status", "claim.verdict"):
        return selectors.followers(_keys(event.subject))
    if kind == "dispute.opened":
        return selectors.followers(_keys(*event.subject.claims.all()))
    if kind == "dispute.resolved":
        return selectors.followers(_keys(event.subject))
    return set()


def _follows_from(event: DeskEvent) -> tuple[object, object] | None:
    """Who starts following what, for an event that makes someone follow."""
    if event.kind in ("claim.created", "dispute.opened"):
        return event.actor, event.subject
    if event.kind == "claim.assigned" and event.data.get("assignee_id"):
        assignee = get_user_model().objects.filter(pk=event.data["assignee_id"]).first()
        return assignee, event.subject
    return None


def on_desk_event(event: DeskEvent) -> None:
    follows = _follows_from(event)
    if follows and follows[0] is not None and follows[0].is_active:
        reason = (
            "Follows the claims assigned to them"
            if event.kind == "claim.assigned"
            else "Follows what they create"
        )
        services.follow_ensure(user=follows[0], subject=follows[1], reason=reason)
    actor_id = getattr(event.actor, "pk", None)
    told = recipients(event) - {actor_id}
    if not told:
        return
    active = get_user_model().objects.filter(pk__in=told, is_active=True)
    with transaction.atomic():
        Notification.objects.bulk_create(
            Notification(
                recipient_id=pk,
                actor_id=actor_id,
                kind=event.kind,
                summary=event.summary[:300],
                url=event.url[:500],
            )
            for pk in active.values_list("pk", flat=True)
        )
