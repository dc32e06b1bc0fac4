"""Writes to the conversation: comments and replies, following, the inbox's read marks.

Comments and follows are editorial records: each write is atomic, validated, checked
for who may act, and stamped in history with the user and a reason. A comment's words
are never lost: an edit keeps the earlier words in history, and removing a comment
empties it in the thread ("comment removed by X") while its last words stay in history.

Every comment write announces a desk event (``editorial.events``); the inbox hears it
after commit (``notify.py``).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from core.history import delete_with_history, stamp
from core.roles import is_reviewer, require_editor
from editorial.conversation import selectors, text
from editorial.events import announce
from editorial.models import Claim, Comment, Dispute, Follow, Highlight, Notification


def _thread_of(comment: Comment):
    """The claim, highlight or dispute a comment is about."""
    return comment.claim or comment.highlight or comment.dispute


def comment_url(comment: Comment) -> str:
    """The page where ``comment`` is read, at the comment."""
    if comment.claim_id:
        return (
            reverse("claims:detail", args=[comment.claim_id]) + f"#comment-{comment.pk}"
        )
    if comment.dispute_id:
        return (
            reverse("disputes:detail", args=[comment.dispute_id])
            + f"#comment-{comment.pk}"
        )
    return reverse("conversation:highlight", args=[comment.highlight_id]) + (
        f"#comment-{comment.pk}"
    )


def _followed_by_thread(thread) -> list:
    """What commenting on ``thread`` makes one follow: the claim, the dispute, or for
    highlighted words the source they are in."""
    if isinstance(thread, Highlight):
        return [thread.source]
    return [thread]


def _follow_keys(thread) -> list[list[int]]:
    """(content type, id) pairs whose followers hear of a comment on ``thread``."""
    subjects = _followed_by_thread(thread)
    if isinstance(thread, Highlight):
        subjects += list(thread.claims.all())
        if thread.source.story_id:
            subjects.append(thread.source.story)
    return [
        [ContentType.objects.get_for_model(subject).pk, subject.pk]
        for subject in subjects
    ]


def _describe(thread) -> str:
    if isinstance(thread, Claim):
        return f"the claim “{thread}”"
    if isinstance(thread, Dispute):
        return f"the dispute “{thread}”"
    return f"highlighted words in “{thread.source.title[:60]}”"


def _mentioned_users(body: str, *, author) -> list:
    names = text.mentioned_names(body)
    return [user for user in selectors.desk_users_named(names) if user.pk != author.pk]


def _announce(comment: Comment, *, kind: str, user, mentioned: list, thread) -> None:
    where = _describe(thread)
    data = {
        "comment_id": comment.pk,
        "followed": _follow_keys(thread),
        "mentioned": [person.pk for person in mentioned],
    }
    if comment.parent_id:
        data["parent_author"] = comment.parent.author_id
    verb = "replied on" if kind == "comment.reply" else "commented on"
    url = comment_url(comment)
    announce(
        kind,
        actor=user,
        subject=comment,
        summary=f"{user.get_username()} {verb} {where}",
        url=url,
        **data,
    )
    for person in mentioned:
        announce(
            "comment.mention",
            actor=user,
            subject=comment,
            summary=f"{user.get_username()} mentioned you on {where}",
            url=url,
            user_id=person.pk,
        )


def _write(comment: Comment, *, user, reason: str, fields: list[str] | None = None):
    comment.updated_at = timezone.now()
    comment.full_clean()
    stamp(comment, user=user, reason=reason)
    if fields is None:
        comment.save()
    else:
        comment.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def comment_post(
    *,
    body: str,
    user,
    claim: Claim | None = None,
    highlight: Highlight | None = None,
    dispute: Dispute | None = None,
    reason: str = "Comment written",
) -> Comment:
    """Start a thread on a claim, highlighted words or a dispute; the author follows it."""
    require_editor(user)
    if sum(thing is not None for thing in (claim, highlight, dispute)) != 1:
        raise ValidationError(
            "A comment is about one claim, one highlight or one dispute."
        )
    comment = Comment(
        claim=claim,
        highlight=highlight,
        dispute=dispute,
        author=user,
        body=(body or "").strip(),
    )
    _write(comment, user=user, reason=reason)
    thread = _thread_of(comment)
    for subject in _followed_by_thread(thread):
        follow_ensure(user=user, subject=subject, reason="Follows what they comment on")
    _announce(
        comment,
        kind="comment.created",
        user=user,
        mentioned=_mentioned_users(comment.body, author=user),
        thread=thread,
    )
    return comment


@transaction.atomic
def comment_reply(
    *, parent: Comment, body: str, user, reason: str = "Reply written"
) -> Comment:
    """Answer a comment in its thread. A reply to a reply joins the same thread."""
    require_editor(user)
    if parent.parent_id:
        parent = parent.parent
    comment = Comment(
        claim_id=parent.claim_id,
        highlight_id=parent.highlight_id,
        dispute_id=parent.dispute_id,
        parent=parent,
        author=user,
        body=(body or "").strip(),
    )
    _write(comment, user=user, reason=reason)
    thread = _thread_of(comment)
    for subject in _followed_by_thread(thread):
        follow_ensure(user=user, subject=subject, reason="Follows what they comment on")
    _announce(
        comment,
        kind="comment.reply",
        user=user,
        mentioned=_mentioned_users(comment.body, author=user),
        thread=thread,
    )
    return comment


def _locked(comment: Comment) -> Comment:
    current = Comment.objects.select_for_update().get(pk=comment.pk)
    if current.is_removed:
        raise ValidationError("This comment was removed; it cannot change any more.")
    return current


@transaction.atomic
def comment_edit(
    *, comment: Comment, body: str, user, reason: str = "Comment edited"
) -> Comment:
    """Change a comment's words. Only its author may; the earlier words stay in history.

    Only people mentioned for the first time by the edit are told.
    """
    require_editor(user)
    current = _locked(comment)
    if current.author_id != user.pk:
        raise PermissionDenied("Only its author can edit a comment.")
    before = {person.pk for person in _mentioned_users(current.body, author=user)}
    current.body = (body or "").strip()
    current.edited_at = timezone.now()
    _write(current, user=user, reason=reason, fields=["body", "edited_at"])
    newly = [
        person
        for person in _mentioned_users(current.body, author=user)
        if person.pk not in before
    ]
    thread = _thread_of(current)
    for person in newly:
        announce(
            "comment.mention",
            actor=user,
            subject=current,
            summary=f"{user.get_username()} mentioned you on {_describe(thread)}",
            url=comment_url(current),
            user_id=person.pk,
        )
    return current


@transaction.atomic
def comment_remove(
    *, comment: Comment, user, reason: str = "Comment removed"
) -> Comment:
    """Take a comment out of its thread: its author or a reviewer may.

    The row stays, empty, so the thread says who removed it and replies keep their
    place; the words it had are in its history.
    """
    require_editor(user)
    current = _locked(comment)
    if current.author_id != user.pk and not is_reviewer(user):
        raise PermissionDenied("Only its author or a reviewer can remove a comment.")
    current.body = ""
    current.removed_at = timezone.now()
    current.removed_by = user
    _write(
        current, user=user, reason=reason, fields=["body", "removed_at", "removed_by"]
    )
    return current


def comments_delete_with(*, user, reason: str, **thread) -> None:
    """Delete the comments of a claim, highlight or dispute about to be deleted, each
    with a history row (the database's cascade would write none). Replies go first.

    Must run inside ``transaction.atomic``, before the thread itself is deleted.
    """
    # Replies first on every database (PostgreSQL sorts NULLs first when descending).
    replies_first = F("parent_id").desc(nulls_last=True)
    for comment in Comment.objects.filter(**thread).order_by(replies_first, "-id"):
        delete_with_history(comment, user=user, reason=reason)


# Following ----------------------------------------------------------------------


def _subject_key(subject) -> tuple[ContentType, int]:
    if subject is None or subject.pk is None:
        raise ValidationError("There is nothing to follow.")
    return ContentType.objects.get_for_model(subject), subject.pk


@transaction.atomic
def follow_ensure(*, user, subject, reason: str = "Followed") -> Follow:
    """``user`` follows ``subject`` (a claim, source, dispute or story), once."""
    content_type, object_id = _subject_key(subject)
    found = Follow.objects.filter(
        user=user, content_type=content_type, object_id=object_id
    ).first()
    if found:
        return found
    follow = Follow(user=user, content_type=content_type, object_id=object_id)
    follow.full_clean()
    stamp(follow, user=user, reason=reason)
    follow.save()
    return follow


@transaction.atomic
def follow(*, user, subject, reason: str = "Followed") -> Follow:
    """Follow from a page's button: anyone on the desk may follow what they read."""
    require_editor(user)
    if selectors.followable_kind(subject) is None:
        raise ValidationError(
            "Only claims, sources, disputes and stories are followed."
        )
    return follow_ensure(user=user, subject=subject, reason=reason)


@transaction.atomic
def unfollow(*, user, subject, reason: str = "Unfollowed") -> None:
    """Stop following ``subject``; nothing happens when one did not follow it."""
    require_editor(user)
    content_type, object_id = _subject_key(subject)
    for found in Follow.objects.filter(
        user=user, content_type=content_type, object_id=object_id
    ):
        delete_with_history(found, user=user, reason=reason)


# The inbox --------------------------------------------------------------------------


def notifications_mark_read(*, user, ids=None) -> int:
    """Mark ``user``'s notifications read (those in ``ids``, or all); returns how many.

    Another person's notifications are never touched: the filter is on the recipient.
    """
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    # Inbox marks are not records (no history): a plain update is the whole write.
    return unread.update(read_at=timezone.now())
