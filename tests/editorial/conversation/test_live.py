"""The live endpoints: a small JSON stamp with an ETag, and 304 while nothing changed."""

from django.urls import reverse

from editorial.claims import services as claim_services
from editorial.conversation import services


def ask(client, url, etag=None):
    headers = {"HTTP_IF_NONE_MATCH": etag} if etag else {}
    return client.get(url, **headers)


def test_a_claim_page_stamp_answers_304_until_a_comment_or_status_changes(
    editor_client, claim, editor, colleague
):
    url = reverse("conversation:live", args=["claim", claim.pk])
    first = ask(editor_client, url)
    assert first.status_code == 200 and first["ETag"]
    assert first.json()["status"] == "unverified"
    same = ask(editor_client, url, first["ETag"])
    assert same.status_code == 304 and same["ETag"] == first["ETag"]
    assert same.content == b""

    services.comment_post(claim=claim, body="New words", user=colleague)
    moved = ask(editor_client, url, first["ETag"])
    assert moved.status_code == 200 and moved["ETag"] != first["ETag"]

    claim_services.claim_set_status(
        claim=claim, status="in_review", user=colleague, reason="Checking"
    )
    again = ask(editor_client, url, moved["ETag"])
    assert again.status_code == 200
    assert again.json()["status_label"] == "In review"


def test_an_edit_or_removal_moves_the_stamp(editor_client, claim, editor):
    url = reverse("conversation:live", args=["claim", claim.pk])
    comment = services.comment_post(claim=claim, body="One", user=editor)
    before = ask(editor_client, url)["ETag"]
    services.comment_edit(comment=comment, body="Two", user=editor)
    edited = ask(editor_client, url, before)
    assert edited.status_code == 200
    services.comment_remove(comment=comment, user=editor)
    assert ask(editor_client, url, edited["ETag"]).status_code == 200


def test_a_new_notification_moves_the_stamp_of_any_page(
    client, claim, editor, colleague, deliver
):
    client.force_login(colleague)
    url = reverse("conversation:live-inbox")
    first = ask(client, url)
    assert first.json()["unread"] == 0
    deliver(services.comment_post, claim=claim, body="@ana here", user=editor)
    moved = ask(client, url, first["ETag"])
    assert moved.status_code == 200 and moved.json()["unread"] == 1


def test_dispute_and_reader_stamps_move_with_their_changes(
    editor_client, source_factory, claim_factory, editor
):
    from editorial.disputes import services as dispute_services

    source = source_factory("Title\nThe envoy met the leaders here.")
    one = claim_factory(source, "envoy")
    two = claim_factory(source, "leaders")
    dispute = dispute_services.dispute_open(
        question="Who?", claims=[one, two], user=editor, reason="Differ"
    )
    dispute_url = reverse("conversation:live", args=["dispute", dispute.pk])
    reader_url = reverse("conversation:live", args=["source", source.pk])
    tags = {url: ask(editor_client, url)["ETag"] for url in (dispute_url, reader_url)}
    assert ask(editor_client, dispute_url, tags[dispute_url]).status_code == 304
    assert ask(editor_client, reader_url, tags[reader_url]).status_code == 304
    claim_services.claim_set_status(
        claim=one, status="in_review", user=editor, reason="Checking"
    )
    answer = ask(editor_client, dispute_url, tags[dispute_url])
    assert answer.status_code == 200
    assert answer.json()["positions"][str(one.pk)] == ["in_review", "In review"]
    assert ask(editor_client, reader_url, tags[reader_url]).status_code == 200
    tags[reader_url] = ask(editor_client, reader_url)["ETag"]
    services.comment_post(highlight=one.highlights.get(), body="Hm", user=editor)
    assert ask(editor_client, reader_url, tags[reader_url]).status_code == 200


def test_the_live_stamp_costs_the_same_queries_however_long_the_thread(
    editor_client, claim, editor, django_assert_num_queries
):
    url = reverse("conversation:live", args=["claim", claim.pk])
    ask(editor_client, url)
    for size in (1, 12):
        while claim.comments.count() < size:
            services.comment_post(claim=claim, body="More", user=editor)
        with django_assert_num_queries(5):
            ask(editor_client, url)


def test_unknown_pages_have_no_live_stamp(editor_client):
    assert ask(editor_client, "/live/claim/999999/").status_code == 404
    assert ask(editor_client, "/live/story/1/").status_code == 404
