"""Triage on /suggestions/: grouped by story and question, counted, paged, decided in bulk."""

import pytest
from django.urls import reverse

from editorial.checks.services import checks_run
from editorial.models import Dispute, Suggestion
from sources.stories import services as story_services

pytestmark = pytest.mark.django_db

FIRST = (
    "Allies meet in {place}\n{place} - All 32 allied nations attended the summit in "
    "{place}, officials said."
)
SECOND = (
    "{place} summit ends\n{place} - Only 30 allied nations attended the summit in "
    "{place}, the host said."
)
PLACES = ["Vilnius", "Madrid", "Oslo", "Riga", "Tallinn", "Sofia"]


def _pairs(editor, source_factory, count: int):
    for place in PLACES[:count]:
        story = story_services.story_create(name=place, user=editor, reason="t")
        for text in (FIRST, SECOND):
            source_factory(
                text.format(place=place), story=story, published_on="2025-07-01"
            )
    checks_run(user=editor, reason="Run")


@pytest.mark.parametrize("count", [1, 5])
def test_the_page_makes_the_same_queries_for_few_or_many_suggestions(
    editor_client, editor, source_factory, django_assert_max_num_queries, count
):
    _pairs(editor, source_factory, count)
    assert Suggestion.objects.count() == 2 * count
    editor_client.get(reverse("suggestions:list"))
    with django_assert_max_num_queries(14):
        response = editor_client.get(reverse("suggestions:list"))
    assert len(response.context["groups"]) == count


def test_each_story_s_dispute_is_one_group_under_its_story_with_counts_by_kind(
    editor_client, editor, source_factory
):
    _pairs(editor, source_factory, 2)
    response = editor_client.get(reverse("suggestions:list"))
    groups = response.context["groups"]
    assert [group["story"].name for group in groups] == ["Madrid", "Vilnius"]
    assert [len(group["items"]) for group in groups] == [2, 2]
    assert ("Conflicting figures", 4) in response.context["by_kind"]
    page = response.content.decode()
    assert "Conflicting figures: 4" in page
    assert "manage.py" not in page


def test_the_page_is_paged_by_groups(
    editor_client, editor, source_factory, monkeypatch
):
    from editorial.checks import views

    monkeypatch.setattr(views, "UNITS_PER_PAGE", 2)
    _pairs(editor, source_factory, 3)
    first = editor_client.get(reverse("suggestions:list"))
    assert len(first.context["groups"]) == 2 and first.context["page"].has_next()
    second = editor_client.get(reverse("suggestions:list"), {"page": 2})
    assert [group["story"].name for group in second.context["groups"]] == ["Vilnius"]


def test_repeated_identical_single_findings_are_one_group(
    editor_client, editor, source_factory, claim_factory
):
    story = story_services.story_create(name="Fund", user=editor, reason="t")
    sentence = "The summit agreed a drought relief fund of two billion euros."
    first = source_factory(f"Fund agreed\n{sentence}", story=story)
    claim_factory(first, sentence, sentence)
    for n in range(5):
        source_factory(f"Report {n}\nDelegates said: {sentence}", story=story)
    checks_run(user=editor, reason="Run")
    restated = Suggestion.objects.filter(kind="restated")
    assert restated.count() == 5
    response = editor_client.get(reverse("suggestions:list"))
    (group,) = response.context["groups"]
    assert (group["mentions"], len(group["items"]), group["hidden"]) == (5, 3, 2)
    assert "the same finding 5 times" in response.content.decode()


def test_bulk_dismiss_of_the_chosen_groups_keeps_one_reason_in_each_history_row(
    editor_client, editor, source_factory
):
    _pairs(editor, source_factory, 2)
    units = [
        g["unit"]
        for g in editor_client.get(reverse("suggestions:list")).context["groups"]
    ]
    editor_client.post(
        reverse("suggestions:bulk"),
        {"action": "dismiss", "reason": "Different summits", "units": units[:1]},
    )
    dismissed = Suggestion.objects.filter(status="dismissed")
    assert dismissed.count() == 2
    assert {s.history.first().history_change_reason for s in dismissed} == {
        "Different summits"
    }
    assert Suggestion.objects.filter(status="open").count() == 2


def test_bulk_accept_of_everything_filtered_opens_each_story_s_dispute(
    editor_client, editor, source_factory
):
    _pairs(editor, source_factory, 2)
    editor_client.post(
        reverse("suggestions:bulk"),
        {
            "action": "accept",
            "reason": "Checked",
            "scope": "filtered",
            "status": "open",
        },
    )
    assert Dispute.objects.count() == 2
    assert not Suggestion.objects.filter(status="open").exists()


def test_bulk_without_a_reason_or_past_the_limit_changes_nothing(
    editor_client, editor, source_factory, monkeypatch
):
    from editorial.checks.services import suggestions

    _pairs(editor, source_factory, 2)
    editor_client.post(
        reverse("suggestions:bulk"), {"action": "dismiss", "scope": "filtered"}
    )
    monkeypatch.setattr(suggestions, "BULK_LIMIT", 3)
    response = editor_client.post(
        reverse("suggestions:bulk"),
        {"action": "dismiss", "reason": "r", "scope": "filtered"},
        follow=True,
    )
    assert "at most 3 at once" in response.content.decode()
    assert Suggestion.objects.filter(status="open").count() == 4
