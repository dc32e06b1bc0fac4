"""Comment services: every write in history, who may do what, bad input changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core import roles
from editorial.conversation import services
from editorial.highlights import services as highlight_services
from editorial.models import Comment


def rows(comment):
    return list(comment.history.order_by("history_id"))


def test_posting_a_comment_records_its_author_and_reason_and_follows_the_claim(
    claim, colleague
):
    comment = services.comment_post(
        claim=claim, body="Who said it first?", user=colleague
    )
    (row,) = rows(comment)
    assert (row.history_user, row.history_change_reason, row.body) == (
        colleague,
        "Comment written",
        "Who said it first?",
    )
    from editorial.conversation import selectors

    assert selectors.is_following(user=colleague, subject=claim)


def test_a_reply_to_a_reply_joins_the_same_thread(claim, editor, colleague):
    first = services.comment_post(claim=claim, body="Source?", user=editor)
    reply = services.comment_reply(parent=first, body="The minutes.", user=colleague)
    again = services.comment_reply(parent=reply, body="Thanks", user=editor)
    assert (reply.parent, again.parent, again.claim) == (first, first, claim)


def test_editing_keeps_the_earlier_words_in_history(claim, editor):
    comment = services.comment_post(claim=claim, body="First words", user=editor)
    services.comment_edit(comment=comment, body="Second words", user=editor)
    comment.refresh_from_db()
    assert comment.body == "Second words" and comment.edited_at is not None
    assert [row.body for row in rows(comment)] == ["First words", "Second words"]
    assert rows(comment)[-1].history_change_reason == "Comment edited"


def test_an_editor_cannot_edit_anothers_comment_and_nothing_changes(
    claim, editor, colleague, reviewer
):
    comment = services.comment_post(claim=claim, body="Mine", user=editor)
    for other in (colleague, reviewer):
        with pytest.raises(PermissionDenied):
            services.comment_edit(comment=comment, body="Theirs", user=other)
    comment.refresh_from_db()
    assert comment.body == "Mine" and len(rows(comment)) == 1


def test_removing_leaves_the_thread_a_trace_and_the_words_in_history(
    claim, editor, reviewer
):
    comment = services.comment_post(claim=claim, body="Say it *now*", user=editor)
    services.comment_remove(comment=comment, user=reviewer, reason="Off topic")
    comment.refresh_from_db()
    assert comment.is_removed and comment.removed_by == reviewer and comment.body == ""
    history = rows(comment)
    assert history[0].body == "Say it *now*"
    assert (history[-1].history_user, history[-1].history_change_reason) == (
        reviewer,
        "Off topic",
    )
    with pytest.raises(ValidationError):
        services.comment_edit(comment=comment, body="Back", user=editor)


def test_an_editor_cannot_remove_anothers_comment(claim, editor, colleague):
    comment = services.comment_post(claim=claim, body="Mine", user=editor)
    with pytest.raises(PermissionDenied):
        services.comment_remove(comment=comment, user=colleague)
    comment.refresh_from_db()
    assert not comment.is_removed
    services.comment_remove(comment=comment, user=editor)
    comment.refresh_from_db()
    assert comment.is_removed


def test_only_people_on_the_desk_write_comments(claim, user_factory):
    clerk = user_factory("clerk", is_staff=True)
    with pytest.raises(PermissionDenied):
        services.comment_post(claim=claim, body="Hello", user=clerk)
    assert not Comment.objects.exists()


def test_an_empty_comment_is_refused_and_nothing_is_saved(claim, editor):
    with pytest.raises(ValidationError, match="Write the comment"):
        services.comment_post(claim=claim, body="   ", user=editor)
    assert not Comment.objects.exists()


def test_a_comment_is_about_exactly_one_thing(claim, editor):
    with pytest.raises(ValidationError):
        services.comment_post(body="Both", user=editor)
    assert not Comment.objects.exists()


def test_deleting_a_claim_or_highlight_deletes_its_comments_with_history(
    source_factory, claim_factory, editor
):
    from editorial.claims import services as claim_services

    source = source_factory("Title\nThe envoy met the leaders.")
    claim = claim_factory(source, "envoy")
    highlight = claim.highlights.get()
    on_claim = services.comment_post(claim=claim, body="a", user=editor)
    services.comment_reply(parent=on_claim, body="b", user=editor)
    services.comment_post(highlight=highlight, body="c", user=editor)
    claim_services.claim_delete(claim=claim, user=editor, reason="Mistake")
    highlight_services.highlight_delete(highlight=highlight, user=editor, reason="Gone")
    assert not Comment.objects.exists()
    gone = Comment.history.filter(history_type="-")
    assert sorted(gone.values_list("history_change_reason", flat=True)) == [
        "Gone",
        "Mistake",
        "Mistake",
    ]
    assert set(gone.values_list("history_user", flat=True)) == {editor.pk}


def test_following_and_unfollowing_are_in_history(claim, colleague, user_factory):
    follow = services.follow(user=colleague, subject=claim)
    services.unfollow(user=colleague, subject=claim)
    history = list(follow.history.order_by("history_id"))
    assert [row.history_type for row in history] == ["+", "-"]
    assert {row.history_user for row in history} == {colleague}
    with pytest.raises(PermissionDenied):
        services.follow(user=user_factory("clerk", is_staff=True), subject=claim)


def test_a_superuser_may_remove_as_a_reviewer(claim, editor, user_factory):
    chief = user_factory("chief", is_superuser=True, is_staff=True)
    comment = services.comment_post(claim=claim, body="x", user=editor)
    assert roles.is_reviewer(chief)
    services.comment_remove(comment=comment, user=chief)
    comment.refresh_from_db()
    assert comment.removed_by == chief


def test_a_story_is_followed_like_any_other_record(colleague, editor):
    from core.history import stamp
    from editorial.conversation import selectors
    from sources.models import Story

    story = stamp(Story(name="G7 summit", slug="g7-summit"), user=editor, reason="New")
    story.save()
    services.follow(user=colleague, subject=story)
    assert selectors.is_following(user=colleague, subject=story)
    with pytest.raises(ValidationError):
        services.follow(user=colleague, subject=editor)  # a person is not followed
