"""Tags on claims and sources: free-form, normalised, in history, listed and filtered."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from editorial.models import Claim, ClaimTag, SourceTag, Tag
from editorial.tags import names
from editorial.tags import services as tag_services


def test_a_tag_is_case_folded_trimmed_and_single_spaced():
    assert names.normalise("  #Trade   Deals. ") == "trade deals"
    assert names.parse("Trade, trade ,  ELECTIONS,,") == ["trade", "elections"]


@pytest.mark.parametrize("typed", ["#", "  ", "x" * 51])
def test_an_empty_or_overlong_tag_is_refused_with_a_reason(typed):
    with pytest.raises(names.BadTag):
        names.normalise(typed)


def test_tags_on_a_claim_are_added_and_taken_off_in_history(
    source_factory, claim_factory, editor
):
    claim = claim_factory(source_factory(), "Some body")
    tag_services.claim_set_tags(
        claim=claim, text="Elections, budget", user=editor, reason="Sorting"
    )
    assert sorted(t.tag.name for t in claim.taggings.all()) == ["budget", "elections"]
    tag_services.claim_set_tags(
        claim=claim, text="elections", user=editor, reason="Not about the budget"
    )
    assert [t.tag.name for t in claim.taggings.all()] == ["elections"]
    removed = ClaimTag.history.filter(history_type="-").get()
    assert removed.history_user == editor
    assert removed.history_change_reason == "Not about the budget"
    assert Tag.objects.count() == 2  # the tag stays for others to use


def test_tags_never_change_a_claims_status(source_factory, claim_factory, editor):
    claim = claim_factory(source_factory(), "Some body")
    tag_services.claim_set_tags(claim=claim, text="false", user=editor, reason="x")
    claim.refresh_from_db()
    assert claim.status == Claim.Status.UNVERIFIED


def test_only_editors_tag(source_factory, user_factory):
    source = source_factory()
    outsider = user_factory("reader")
    with pytest.raises(PermissionDenied):
        tag_services.source_set_tags(source=source, text="x", user=outsider, reason="x")
    assert not SourceTag.objects.exists()


def test_a_bad_tag_changes_nothing(source_factory, editor):
    source = source_factory()
    tag_services.source_set_tags(source=source, text="kept", user=editor, reason="x")
    with pytest.raises(ValidationError):
        tag_services.source_set_tags(
            source=source, text="kept, " + "y" * 60, user=editor, reason="x"
        )
    assert [t.tag.name for t in source.taggings.all()] == ["kept"]


def test_the_claim_page_sets_tags_and_the_list_filters_on_them(
    editor_client, source_factory, claim_factory
):
    source = source_factory()
    tagged = claim_factory(source, "Some body", "Tagged claim")
    claim_factory(source, "Title", "Other claim")
    response = editor_client.post(
        reverse("tags:claim", args=[tagged.pk]),
        {"tags": "Ceasefire, hostages", "reason": "Filing"},
    )
    assert response.status_code == 302
    page = editor_client.get(reverse("claims:detail", args=[tagged.pk]))
    assert b'rel="tag"' in page.content and b"ceasefire" in page.content
    listed = editor_client.get(reverse("claims:list") + "?tag=ceasefire")
    assert b"Tagged claim" in listed.content
    assert b"Other claim" not in listed.content


def test_the_reader_sets_a_sources_tags_and_the_sources_list_filters(
    editor_client, source_factory
):
    tagged = source_factory("Tagged source\nText.")
    source_factory("Plain source\nText.")
    editor_client.post(
        reverse("tags:source", args=[tagged.pk]), {"tags": "G7", "reason": "Filing"}
    )
    reader = editor_client.get(reverse("sources:detail", args=[tagged.pk]))
    assert b"g7" in reader.content
    listed = editor_client.get(reverse("sources:list") + "?tag=g7")
    assert b"Tagged source" in listed.content
    assert b"Plain source" not in listed.content


def test_the_tags_page_lists_each_tag_with_its_claims_and_sources(
    editor_client, source_factory, claim_factory, editor
):
    source = source_factory("A source\nText here.")
    claim = claim_factory(source, "Text here", "A tagged claim")
    tag_services.claim_set_tags(claim=claim, text="trade", user=editor, reason="x")
    tag_services.source_set_tags(source=source, text="trade", user=editor, reason="x")
    listing = editor_client.get(reverse("tags:list"))
    assert b"trade" in listing.content
    page = editor_client.get(reverse("tags:detail", args=["trade"]))
    assert b"A tagged claim" in page.content and b"A source" in page.content
    assert editor_client.get(reverse("tags:detail", args=["nope"])).status_code == 404


def test_an_invalid_tag_on_the_page_is_explained_and_saves_nothing(
    editor_client, source_factory, claim_factory
):
    claim = claim_factory(source_factory(), "Some body")
    response = editor_client.post(
        reverse("tags:claim", args=[claim.pk]),
        {"tags": "z" * 80, "reason": "Filing"},
        follow=True,
    )
    assert "longer than 50 characters" in response.content.decode()
    assert not ClaimTag.objects.exists()


def test_the_tags_page_costs_the_same_few_queries_however_many_tags(
    client, editor, source_factory, django_assert_max_num_queries
):
    source = source_factory()
    client.force_login(editor)
    for number in range(3):
        tag_services.source_set_tags(
            source=source, text=f"tag {number}", user=editor, reason="x"
        )
    # The session, the user, counting the tags, one page of them with their counts.
    with django_assert_max_num_queries(5) as small:
        client.get(reverse("tags:list"))
    tag_services.source_set_tags(
        source=source,
        text=", ".join(f"more {n}" for n in range(15)),
        user=editor,
        reason="x",
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("tags:list"))


def test_the_tags_page_lists_a_hundred_tags_a_page_in_name_order(
    editor_client, source_factory, editor
):
    sources = [source_factory(f"Source {n}\nText.") for n in range(7)]
    for n, source in enumerate(sources):
        tag_services.source_set_tags(
            source=source,
            text=", ".join(f"tag {n:02d}{m:02d}" for m in range(20)),
            user=editor,
            reason="Filing",
        )
    first = editor_client.get(reverse("tags:list")).content.decode()
    assert "140 tags, 1–100 here." in first
    assert "tag 0000" in first and "tag 0419" in first and "tag 0500" not in first
    assert "Later in the alphabet" in first
    second = editor_client.get(reverse("tags:list"), {"page": 2}).content.decode()
    assert "tag 0500" in second and "tag 0619" in second and "tag 0419" not in second


def test_the_tags_page_finds_tags_by_name_with_their_counts(
    editor_client, source_factory, claim_factory, editor
):
    source = source_factory("A source\nText here.")
    claim = claim_factory(source, "Text here", "A claim")
    tag_services.claim_set_tags(
        claim=claim, text="trade deals, elections", user=editor, reason="x"
    )
    tag_services.source_set_tags(
        source=source, text="trade deals", user=editor, reason="x"
    )
    found = editor_client.get(reverse("tags:list"), {"q": "  Trade "}).content.decode()
    assert "1 tag named with “Trade”." in found
    assert "trade deals" in found and "elections" not in found
    assert f'{reverse("claims:list")}?tag=trade-deals">1</a>' in found
    assert f'{reverse("sources:list")}?tag=trade-deals">1</a>' in found
    none = editor_client.get(reverse("tags:list"), {"q": "weather"}).content.decode()
    assert "No tag is named with “weather”." in none


def test_tag_changes_read_in_the_claim_and_source_history_and_recent_changes(
    editor_client, source_factory, claim_factory, editor
):
    source = source_factory("Trade story\nThe tariff rose to 25%.")
    claim = claim_factory(source, "The tariff rose", "The tariff rose to 25%")
    tag_services.claim_set_tags(
        claim=claim, text="tariffs", user=editor, reason="Filing"
    )
    tag_services.claim_set_tags(claim=claim, text="", user=editor, reason="Wrong tag")
    tag_services.source_set_tags(
        source=source, text="trade", user=editor, reason="Desk"
    )
    claim_page = editor_client.get(reverse("history:claim", args=[claim.pk]))
    text = claim_page.content.decode()
    assert "the tag “tariffs” on the claim “The tariff rose to 25%”" in text
    assert "Wrong tag" in text
    source_page = editor_client.get(reverse("history:source", args=[source.pk]))
    assert "the tag “trade” on" in source_page.content.decode()
    recent = editor_client.get(reverse("history:changes"), {"kind": "claim-tag"})
    assert "the tag “tariffs”" in recent.content.decode()


def test_the_admin_reads_tags_and_their_history_but_changes_none(
    client, source_factory, claim_factory, editor, user_factory
):
    claim = claim_factory(source_factory(), "Some body")
    tag_services.claim_set_tags(claim=claim, text="budget", user=editor, reason="x")
    client.force_login(user_factory("boss", is_staff=True, is_superuser=True))
    tagging = claim.taggings.get()
    for name, obj in (("tag", tagging.tag), ("claimtag", tagging)):
        assert (
            client.get(reverse(f"admin:editorial_{name}_changelist")).status_code == 200
        )
        assert (
            client.get(
                reverse(f"admin:editorial_{name}_history", args=[obj.pk])
            ).status_code
            == 200
        )
        change = client.post(
            reverse(f"admin:editorial_{name}_change", args=[obj.pk]), {}
        )
        assert change.status_code == 403
    assert (
        client.get(reverse("admin:editorial_sourcetag_changelist")).status_code == 200
    )
    assert ClaimTag.objects.get().tag.name == "budget"
