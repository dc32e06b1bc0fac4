"""Reads for the conversation: threads, who follows what, the inbox, live stamps."""

from __future__ import annotations

import hashlib

from django.contrib.auth import get_user_model
from django.db.models import Count, Max, Q, Sum

from core.roles import EDITORS, REVIEWERS
from editorial.models import Claim, Comment, Dispute, Follow, Highlight, Notification
from sources.models import Source, Story

#: What may be followed, by the name used in URLs.
FOLLOWABLE = {"claim": Claim, "source": Source, "dispute": Dispute, "story": Story}
INBOX_PAGE = 50
PEOPLE_SHOWN = 8


def followable_kind(subject) -> str | None:
    for kind, model in FOLLOWABLE.items():
        if isinstance(subject, model):
            return kind
    return None


def desk_users():
    """The people one can mention: active accounts in the desk's groups, or superusers."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name__in=[EDITORS, REVIEWERS]) | Q(is_superuser=True))
        .distinct()
        .order_by("username")
    )


def desk_users_named(names: list[str]) -> list:
    """The desk users whose usernames are ``names`` (case-insensitive), in one query."""
    if not names:
        return []
    wanted = Q()
    for name in names:
        wanted |= Q(username__iexact=name)
    return list(desk_users().filter(wanted))


def desk_users_matching(prefix: str) -> list[dict]:
    """A few desk users whose username or name starts with ``prefix``, for @-completion."""
    prefix = (prefix or "").strip().lstrip("@")[:150]
    people = desk_users()
    if prefix:
        people = people.filter(
            Q(username__istartswith=prefix)
            | Q(first_name__istartswith=prefix)
            | Q(last_name__istartswith=prefix)
        )
    return [
        {"username": person.username, "name": person.get_full_name()}
        for person in people[:PEOPLE_SHOWN]
    ]


def thread(**about) -> list[Comment]:
    """A thread's top-level comments in order, each with ``shown_replies`` in order.

    Two queries however long the thread: the comments with their authors and removers,
    then grouped in Python (replies are one level deep).
    """
    comments = list(
        Comment.objects.filter(**about)
        .select_related("author", "removed_by")
        .order_by("created_at", "id")
    )
    replies: dict[int, list[Comment]] = {}
    for comment in comments:
        if comment.parent_id:
            replies.setdefault(comment.parent_id, []).append(comment)
    top = [comment for comment in comments if not comment.parent_id]
    for comment in top:
        comment.shown_replies = replies.get(comment.pk, [])
        latest = max(item.updated_at for item in [comment, *comment.shown_replies])
        # What live.js compares to know whether this part of the thread changed.
        comment.thread_version = f"{latest.timestamp()}-{len(comment.shown_replies)}"
    return top


def is_following(*, user, subject) -> bool:
    if not getattr(user, "is_authenticated", False) or subject is None:
        return False
    # Named through the join, not ContentType's cache: one query on every page,
    # the first of a process included (page query counts stay fixed).
    meta = type(subject)._meta
    return Follow.objects.filter(
        user=user,
        content_type__app_label=meta.app_label,
        content_type__model=meta.model_name,
        object_id=subject.pk,
    ).exists()


def followers(keys) -> set[int]:
    """Ids of the active people following any of ``keys`` ((content type id, id) pairs)."""
    wanted = Q()
    for content_type_id, object_id in keys:
        wanted |= Q(content_type_id=content_type_id, object_id=object_id)
    if not wanted:
        return set()
    return set(
        Follow.objects.filter(wanted, user__is_active=True).values_list(
            "user_id", flat=True
        )
    )


def inbox(*, user, unread_only: bool = False):
    """``user``'s notifications, newest first, with who acted, in one query."""
    found = Notification.objects.filter(recipient=user).select_related("actor")
    if unread_only:
        found = found.filter(read_at__isnull=True)
    return found.order_by("-created_at", "-id")


def unread_count(*, user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


# Live stamps: one aggregate per page, hashed into an ETag -----------------------------


def _comments_stamp(**about) -> tuple:
    found = Comment.objects.filter(**about).aggregate(
        n=Count("id"), at=Max("updated_at")
    )
    return found["n"], found["at"]


def etag(*parts) -> str:
    return '"' + hashlib.sha256(repr(parts).encode()).hexdigest()[:20] + '"'


def claim_live(*, claim_id: int) -> dict | None:
    """What a claim page shows that others change: its status and version, its thread."""
    claim = Claim.objects.filter(pk=claim_id).values("status", "version").first()
    if claim is None:
        return None
    return {
        "status": claim["status"],
        "status_label": Claim.Status(claim["status"]).label,
        "version": claim["version"],
        "comments": _comments_stamp(claim_id=claim_id),
    }


def dispute_live(*, dispute_id: int) -> dict | None:
    """A dispute page's moving parts: its status, its positions' statuses, its thread."""
    dispute = Dispute.objects.filter(pk=dispute_id).values("status", "version").first()
    if dispute is None:
        return None
    positions = {
        str(pk): [status, Claim.Status(status).label]
        for pk, status in Claim.objects.filter(disputes=dispute_id).values_list(
            "pk", "status"
        )
    }
    return {
        "status": dispute["status"],
        "version": dispute["version"],
        "positions": positions,
        "comments": _comments_stamp(dispute_id=dispute_id),
    }


def source_live(*, source_id: int) -> dict | None:
    """The reader's moving parts: the source's highlights, their claims' statuses, and
    the comments on its highlights."""
    source = Source.objects.filter(pk=source_id).values("current_revision_id").first()
    if source is None:
        return None
    marked = Highlight.history.filter(source_id=source_id).aggregate(
        n=Count("history_id"), at=Max("history_date")
    )
    claims = Highlight.objects.filter(source_id=source_id).aggregate(
        versions=Sum("claims__version"), links=Count("claims")
    )
    return {
        "revision": source["current_revision_id"],
        "highlights": [marked["n"], marked["at"], claims["versions"], claims["links"]],
        "comments": _comments_stamp(highlight__source_id=source_id),
    }
