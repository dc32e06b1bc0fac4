"""The conversation in the browser's pages: threads, forms, follow buttons, the inbox."""

import pytest
from django.urls import reverse

from editorial.conversation import services
from editorial.models import Comment, Notification


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_claim_page_shows_its_thread_with_markdown_lite_and_raw_html_as_text(
    editor_client, claim, colleague
):
    first = services.comment_post(
        claim=claim, body="See **the minutes** <script>x()</script>", user=colleague
    )
    services.comment_reply(parent=first, body="[link](javascript:x)", user=colleague)
    html = page(editor_client, reverse("claims:detail", args=[claim.pk]))
    assert f'id="comment-{first.pk}"' in html
    assert "<strong>the minutes</strong>" in html
    assert "&lt;script&gt;x()&lt;/script&gt;" in html and "<script>x()" not in html
    assert 'href="javascript' not in html
    assert 'class="replies"' in html


def test_a_removed_comment_says_who_removed_it_and_not_its_words(
    editor_client, claim, editor, reviewer
):
    comment = services.comment_post(claim=claim, body="Rude words", user=editor)
    services.comment_remove(comment=comment, user=reviewer, reason="Rude")
    html = page(editor_client, reverse("claims:detail", args=[claim.pk]))
    assert "Comment removed by rev" in html and "Rude words" not in html


def test_posting_from_the_form_adds_the_comment_and_returns_to_it(
    editor_client, claim, editor
):
    response = editor_client.post(
        reverse("conversation:post", args=["claim", claim.pk]), {"body": "Why *now*?"}
    )
    comment = Comment.objects.get()
    assert response["Location"] == f"/claims/{claim.pk}/#comment-{comment.pk}"
    assert comment.author == editor and comment.history.count() == 1


def test_an_empty_post_changes_nothing_and_says_why(editor_client, claim):
    response = editor_client.post(
        reverse("conversation:post", args=["claim", claim.pk]),
        {"body": " "},
        follow=True,
    )
    assert not Comment.objects.exists()
    assert "Write the comment before posting it." in response.content.decode()


def test_a_next_address_off_the_desk_is_ignored(editor_client, claim):
    response = editor_client.post(
        reverse("conversation:post", args=["claim", claim.pk]),
        {"body": "x", "next": "https://evil.example/"},
    )
    assert response["Location"].startswith(f"/claims/{claim.pk}/")


def test_only_the_author_opens_the_edit_page_and_an_edit_keeps_history(
    client, claim, editor, colleague
):
    comment = services.comment_post(claim=claim, body="First", user=editor)
    url = reverse("conversation:edit", args=[comment.pk])
    client.force_login(colleague)
    assert client.get(url).status_code == 403
    assert client.post(url, {"body": "Hijack"}).status_code == 403
    client.force_login(editor)
    assert client.get(url).status_code == 200
    response = client.post(url, {"body": "Second"})
    assert response.status_code == 302
    assert [row.body for row in comment.history.order_by("history_id")] == [
        "First",
        "Second",
    ]


def test_a_reviewer_removes_an_editors_comment_from_the_page(
    reviewer_client, claim, editor
):
    comment = services.comment_post(claim=claim, body="Words", user=editor)
    reviewer_client.post(reverse("conversation:remove", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.is_removed


def test_the_follow_button_follows_and_unfollows(editor_client, source_factory):
    source = source_factory()
    url = reverse("conversation:follow", args=["source", source.pk])
    reader = reverse("sources:detail", args=[source.pk])
    assert ">Follow</button>" in page(editor_client, reader)
    editor_client.post(url, {"action": "follow", "next": reader})
    assert "Following · Unfollow" in page(editor_client, reader)
    editor_client.post(url, {"action": "unfollow", "next": reader})
    assert ">Follow</button>" in page(editor_client, reader)


def test_the_inbox_lists_notifications_and_opening_one_marks_it_read(
    client, claim, editor, colleague, deliver
):
    comment = deliver(services.comment_post, claim=claim, body="@ana", user=editor)
    client.force_login(colleague)
    html = page(client, reverse("conversation:inbox"))
    assert f"ed mentioned you on the claim “{claim}”" in html
    assert "data-unread-count>1<" in html.replace(" hidden", "")
    note = Notification.objects.get(recipient=colleague)
    response = client.get(reverse("conversation:notification", args=[note.pk]))
    assert response["Location"] == f"/claims/{claim.pk}/#comment-{comment.pk}"
    note.refresh_from_db()
    assert note.read_at is not None


def test_another_persons_notification_is_not_found(
    client, claim, editor, colleague, deliver
):
    deliver(services.comment_post, claim=claim, body="@ana", user=editor)
    note = Notification.objects.get(recipient=colleague)
    client.force_login(editor)
    assert (
        client.get(reverse("conversation:notification", args=[note.pk])).status_code
        == 404
    )
    client.post(reverse("conversation:inbox-read"), {"id": note.pk})
    note.refresh_from_db()
    assert note.read_at is None


def test_mark_all_read_empties_the_unread_count(
    client, claim, editor, colleague, deliver
):
    for words in ("@ana one", "@ana two"):
        deliver(services.comment_post, claim=claim, body=words, user=editor)
    client.force_login(colleague)
    client.post(reverse("conversation:inbox-read"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_the_people_list_offers_desk_users_only(editor_client, colleague, user_factory):
    user_factory("anakin", is_staff=True)  # staff, not on the desk
    found = editor_client.get(reverse("conversation:people"), {"q": "an"}).json()
    assert found == {"people": [{"username": "ana", "name": "Ana Lima"}]}


def test_highlighted_words_have_a_thread_page_and_a_fragment_for_the_reader(
    editor_client, source_factory, claim_factory, editor
):
    source = source_factory("Title\nThe envoy met the leaders.")
    highlight = claim_factory(source, "envoy").highlights.get()
    services.comment_post(highlight=highlight, body="Which envoy?", user=editor)
    assert "Which envoy?" in page(
        editor_client, reverse("conversation:highlight", args=[highlight.pk])
    )
    fragment = page(
        editor_client,
        reverse("conversation:thread", args=["highlight", highlight.pk])
        + f"?next=/sources/{source.pk}/%23highlight-{highlight.pk}",
    )
    assert "Which envoy?" in fragment and "<html" not in fragment
    assert f'value="/sources/{source.pk}/#highlight-{highlight.pk}"' in fragment


@pytest.mark.parametrize("kind", ["claim", "dispute"])
def test_a_thread_costs_the_same_queries_at_two_sizes(
    kind, editor_client, claim, editor, colleague, django_assert_num_queries
):
    from editorial.claims import services as claim_services
    from editorial.disputes import services as dispute_services

    other = claim_services.claim_create(statement="No.", user=editor, reason="Seen")
    subject = (
        claim
        if kind == "claim"
        else dispute_services.dispute_open(
            question="Q?", claims=[claim, other], user=editor, reason="Differ"
        )
    )
    url = reverse("conversation:thread", args=[kind, subject.pk])
    counts = []
    for size in (2, 10):
        while Comment.objects.filter(**{kind: subject}, parent=None).count() < size:
            top = services.comment_post(body="Top @ana", user=editor, **{kind: subject})
            services.comment_reply(parent=top, body="Re", user=colleague)
        services.comment_remove(comment=top, user=editor)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(url).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def test_the_inbox_costs_the_same_queries_at_two_sizes(
    client, claim, editor, colleague, reviewer, deliver
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(colleague)
    counts = []
    for size in (2, 12):
        while Notification.objects.filter(recipient=colleague).count() < size:
            actor = editor if size % 2 else reviewer
            deliver(services.comment_post, claim=claim, body="@ana", user=actor)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("conversation:inbox")).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def test_the_dispute_page_shows_its_thread_and_a_follow_button(
    editor_client, claim, editor
):
    from editorial.claims import services as claim_services
    from editorial.disputes import services as dispute_services

    other = claim_services.claim_create(statement="No.", user=editor, reason="Seen")
    dispute = dispute_services.dispute_open(
        question="Did they meet?", claims=[claim, other], user=editor, reason="Differ"
    )
    services.comment_post(dispute=dispute, body="Ask the *embassy*", user=editor)
    html = page(editor_client, reverse("disputes:detail", args=[dispute.pk]))
    assert "Ask the <em>embassy</em>" in html
    assert f'action="/conversation/follow/dispute/{dispute.pk}/"' in html


def test_a_story_page_has_a_follow_button_that_follows_the_story(editor_client, editor):
    from editorial.conversation import selectors
    from sources.stories import services as story_services

    story = story_services.story_create(name="G7 summit", user=editor, reason="New")
    url = reverse("stories:detail", args=[story.slug])
    assert "Follow" in page(editor_client, url)
    follow = reverse("conversation:follow", args=["story", story.pk])
    editor_client.post(follow, {"action": "follow", "next": url})
    assert selectors.is_following(user=editor, subject=story)
    assert "Following · Unfollow" in page(editor_client, url)
