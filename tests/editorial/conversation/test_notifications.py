"""Who hears of what: the inbox's rules, each after the write commits."""

import pytest

from core import roles
from editorial.claims import services as claim_services
from editorial.conversation import services
from editorial.disputes import services as dispute_services
from editorial.models import Notification


def inbox(user) -> list[tuple[str, str]]:
    return [
        (n.kind, n.summary)
        for n in Notification.objects.filter(recipient=user).order_by("id")
    ]


def kinds(user) -> list[str]:
    return [kind for kind, _ in inbox(user)]


def test_a_mention_tells_the_person_mentioned_once_with_a_link_to_the_comment(
    deliver, claim, editor, colleague
):
    comment = deliver(
        services.comment_post, claim=claim, body="@ana can you check?", user=editor
    )
    (note,) = Notification.objects.filter(recipient=colleague)
    assert note.kind == "comment.mention" and note.actor == editor
    assert note.summary == f"ed mentioned you on the claim “{claim}”"
    assert note.url == f"/claims/{claim.pk}/#comment-{comment.pk}"
    assert note.read_at is None


def test_nobody_is_told_of_their_own_action(deliver, claim, editor):
    deliver(services.comment_post, claim=claim, body="Note to self @ed", user=editor)
    deliver(
        claim_services.claim_set_status,
        claim=claim,
        status="in_review",
        user=editor,
        reason="Checking",
    )
    assert inbox(editor) == []


def test_a_new_comment_tells_the_followers_but_not_the_writer(
    deliver, claim, editor, colleague, reviewer
):
    services.follow(user=reviewer, subject=claim)
    deliver(services.comment_post, claim=claim, body="First", user=colleague)
    # ed created the claim, so follows it; the reviewer follows by choice.
    assert kinds(editor) == ["comment.created"]
    assert kinds(reviewer) == ["comment.created"]
    assert kinds(colleague) == []


def test_a_reply_tells_the_author_replied_to_once_even_when_following(
    deliver, claim, editor, colleague
):
    first = deliver(services.comment_post, claim=claim, body="Why?", user=editor)
    deliver(services.comment_reply, parent=first, body="Because.", user=colleague)
    assert kinds(editor) == ["comment.reply"]


def test_someone_mentioned_hears_of_it_as_a_mention_only(
    deliver, claim, editor, colleague
):
    services.follow(user=colleague, subject=claim)
    deliver(services.comment_post, claim=claim, body="@ana look", user=editor)
    assert kinds(colleague) == ["comment.mention"]


def test_an_edit_tells_only_people_newly_mentioned(
    deliver, claim, editor, colleague, reviewer
):
    comment = deliver(services.comment_post, claim=claim, body="@ana", user=editor)
    deliver(services.comment_edit, comment=comment, body="@ana and @rev", user=editor)
    assert kinds(colleague) == ["comment.mention"]
    assert kinds(reviewer) == ["comment.mention"]


def test_unknown_and_off_desk_names_tell_nobody(deliver, claim, editor, user_factory):
    outsider = user_factory("clerk", is_staff=True)
    gone = user_factory("left", group=roles.EDITORS, is_active=False)
    deliver(
        services.comment_post, claim=claim, body="@clerk @left @nobody", user=editor
    )
    assert Notification.objects.filter(recipient__in=[outsider, gone]).count() == 0


def test_status_and_verdict_changes_tell_the_claims_followers(
    deliver, claim, editor, reviewer, colleague
):
    services.follow(user=colleague, subject=claim)
    deliver(
        claim_services.claim_set_status,
        claim=claim,
        status="in_review",
        user=editor,
        reason="Checking",
    )
    deliver(
        claim_services.claim_set_status,
        claim=claim,
        status="verified",
        verdict_note="Minutes published.",
        user=reviewer,
        reason="Confirmed",
    )
    assert kinds(colleague) == ["claim.status", "claim.verdict"]
    assert inbox(colleague)[1][1].startswith("rev gave the verdict verified on")
    # The creator follows what they create.
    assert kinds(editor) == ["claim.verdict"]


def test_an_unchanged_status_tells_nobody(deliver, claim, editor, colleague):
    services.follow(user=colleague, subject=claim)
    deliver(
        claim_services.claim_set_status,
        claim=claim,
        status="unverified",
        user=editor,
        reason="Same",
    )
    assert inbox(colleague) == []


def test_an_assignment_tells_the_assignee_who_then_follows_the_claim(
    deliver, claim, editor, colleague
):
    from django.db import transaction

    from editorial import events
    from editorial.conversation import selectors

    # The assignment service (editorial/claims/assignment.py) announces it so.
    with transaction.atomic():
        deliver(
            events.announce,
            "claim.assigned",
            actor=editor,
            subject=claim,
            summary="ed assigned the claim to ana",
            url=f"/claims/{claim.pk}/",
            assignee_id=colleague.pk,
        )
    assert kinds(colleague) == ["claim.assigned"]
    assert selectors.is_following(user=colleague, subject=claim)


def test_disputes_tell_their_claims_followers_when_opened_and_followers_when_resolved(
    deliver, claim, editor, reviewer, colleague
):
    other = deliver(
        claim_services.claim_create,
        statement="Nobody met.",
        user=colleague,
        reason="Seen",
    )
    dispute = deliver(
        dispute_services.dispute_open,
        question="Did they meet?",
        claims=[claim, other],
        user=reviewer,
        reason="Differ",
    )
    assert kinds(editor) == ["dispute.opened"]
    assert kinds(colleague) == ["dispute.opened"]
    deliver(
        dispute_services.dispute_resolve,
        dispute=dispute,
        chosen=claim,
        note="Minutes.",
        user=reviewer,
        reason="Evidence",
    )
    # Each follows their claim (a verdict each); the reviewer opened the dispute.
    assert kinds(editor)[1:] == ["claim.verdict"]
    assert "dispute.resolved" not in kinds(reviewer)


def test_comments_on_highlighted_words_tell_the_sources_followers(
    deliver, source_factory, claim_factory, editor, colleague
):
    source = source_factory("Title\nThe envoy met the leaders.")
    claim = claim_factory(source, "envoy")
    services.follow(user=colleague, subject=source)
    deliver(
        services.comment_post,
        highlight=claim.highlights.get(),
        body="Which envoy?",
        user=editor,
    )
    assert kinds(colleague) == ["comment.created"]


def test_a_rolled_back_write_tells_nobody(claim, editor, colleague, monkeypatch):
    from django.db import transaction

    with pytest.raises(RuntimeError):
        with transaction.atomic():
            services.comment_post(claim=claim, body="@ana", user=editor)
            raise RuntimeError("the request failed")
    assert inbox(colleague) == []
