"""Story figures and events: what an editor tells the checks about one story, as data."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from editorial.checks import Document, ReferenceData, run_checks
from editorial.checks.reference import watch_from

STORY = "harbour-strike"

NATIONS = {
    "key": "strike-ports",
    "question": "How many ports did the strike close?",
    "statement": "The strike closed {value} ports.",
    "counted": "ports\nharbours",
    "context": "strike\nwalkout",
    "excluded": "container terminals",
}
FOUNDED = {
    "key": "union-founding",
    "question": "When was the dockers' union founded?",
    "statement": "The dockers' union was founded {when}.",
    "names": "founding congress of the dockers' union\nlaunched as a dockers' union",
    "as_news": "at the founding congress",
}


def reference(*watches, story=STORY) -> ReferenceData:
    data = ReferenceData()
    for model, fields in watches:
        data.watched.setdefault(story, []).append(watch_from(model, fields))
    return data


def figure(**changes):
    return ("reference.storyfigure", NATIONS | changes)


def event(**changes):
    return ("reference.storyevent", FOUNDED | changes)


def doc(key, body, day="2026-03-02", story=STORY):
    return Document(key, body, date.fromisoformat(day), story=story)


def run(data, *documents):
    return run_checks(targets=list(documents), corpus=list(documents), reference=data)


def test_a_story_figure_compares_counts_the_general_rules_keep_apart():
    # One source, two modifiers: the general rules compare sources, and “striking
    # ports” is another thing than “ports” for them.
    found = run(
        reference(figure()),
        doc(
            "a",
            "The strike closed 12 ports on Monday. By evening the walkout had shut "
            "nine striking harbours, officials said.",
        ),
    )
    assert sorted((f.exact, f.statement) for f in found) == [
        ("12 ports", "The strike closed 12 ports."),
        ("nine striking harbours", "The strike closed 9 ports."),
    ]
    assert {f.question for f in found} == {"How many ports did the strike close?"}
    assert {f.group for f in found} == {"figures:story:strike-ports"}
    assert all(f.evidence[0].document == "a" for f in found)


def test_a_story_figure_needs_its_context_and_skips_excluded_and_marked_counts():
    found = run(
        reference(figure()),
        doc("a", "The strike closed 12 ports."),
        doc("b", "Tourists visited 30 ports this summer."),  # no context word
        doc("c", "The strike closed 40 container terminals and ports."),  # excluded
        doc("d", "Before the strike, 3 ports had closed earlier in the year."),
    )
    assert found == []


def test_when_most_sources_agree_only_the_other_figure_is_flagged():
    found = run(
        reference(figure()),
        doc("a", "The strike closed 12 ports."),
        doc("b", "The walkout shut 12 ports along the coast."),
        doc("c", "The strike closed 15 ports, the union said."),
    )
    assert [(f.document, f.exact) for f in found] == [("c", "15 ports")]
    assert "Most of the story's sources agree" in found[0].explanation


def test_a_story_figure_applies_to_its_own_story_only():
    found = run(
        reference(figure(), story="another-story"),
        doc("a", "The strike closed 12 ports."),
        doc("b", "The walkout shut 15 ports along the coast."),
    )
    assert not [f for f in found if f.group.startswith("figures:story:")]


def test_the_general_finding_on_the_same_words_is_not_proposed_twice():
    documents = (
        doc("a", "The strike closed 12 ports, the ministry said."),
        doc("b", "The strike closed 15 ports, the ministry said."),
    )
    general = run(ReferenceData(), *documents)
    assert {f.exact for f in general} == {"12 ports", "15 ports"}
    told = run(reference(figure()), *documents)
    assert {(f.exact, f.group) for f in told} == {
        ("12 ports", "figures:story:strike-ports"),
        ("15 ports", "figures:story:strike-ports"),
    }


def test_a_story_event_is_dated_by_its_sentence_or_as_news_by_the_publication():
    found = run(
        reference(event()),
        doc(
            "a",
            "The agreement was signed at the founding congress of the Dockers' Union, "
            "officials said.",
            day="2026-03-02",
        ),
        doc("b", "It was launched as a 'dockers' union' in May 2019 in Antwerp."),
        doc("c", "Members recalled the founding congress of the dockers' union."),
    )
    by_source = {f.document: f for f in found}
    assert set(by_source) == {"a", "b"}  # c gives no date and does not report news
    assert by_source["a"].statement == (
        "The dockers' union was founded in the week to 2 March 2026."
    )
    assert by_source["b"].statement == "The dockers' union was founded in May 2019."
    assert by_source["b"].exact == "launched as a 'dockers' union' in May 2019"
    assert by_source["a"].question == "When was the dockers' union founded?"
    assert by_source["a"].group == "figures:date:story:union-founding"


def test_a_story_figures_words_are_plain_text_not_patterns():
    documents = (
        doc("a", "The strike closed 12 ports."),
        doc("b", "The strike closed 15 ports."),
    )
    as_pattern = run(reference(figure(context=".*")), *documents)
    assert not [f for f in as_pattern if f.group.startswith("figures:story:")]


def _story(user):
    from sources.stories.services import story_create

    return story_create(name="Harbour strike", user=user, reason="New story")


@pytest.mark.django_db
def test_a_story_figure_is_refused_without_its_value_or_nouns(editor):
    from reference.models import StoryFigure

    story = _story(editor)
    row = StoryFigure(
        key="ports", story=story, question="How many?", statement="Ports closed."
    )
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    assert "{value}" in str(refused.value) and "noun" in str(refused.value)


@pytest.mark.django_db
def test_an_admin_adds_a_story_figure_with_a_reason_in_its_history(
    admin_client, admin_user
):
    from reference.models import StoryFigure

    story = _story(admin_user)
    url = reverse("admin:reference_storyfigure_add")
    data = {
        "key": "ports",
        "story": story.pk,
        "question": "How many ports did the strike close?",
        "statement": "The strike closed {value} ports.",
        "counted": "ports",
        "context": "",
        "excluded": "",
        "note": "",
    }
    refused = admin_client.post(url, {**data, "change_reason": ""})
    assert refused.status_code == 200 and not StoryFigure.objects.exists()
    admin_client.post(url, {**data, "change_reason": "The strike's own count"})
    row = StoryFigure.objects.get()
    assert row.history.get().history_change_reason == "The strike's own count"


def test_the_story_page_shows_what_the_checks_are_told_and_links_admins_to_change_it(
    shipped_desk, editor_client, admin_client
):
    from sources.models import Story

    story = Story.objects.get()
    url = reverse("stories:detail", args=[story.slug])
    seen = editor_client.get(url).content.decode()
    assert (
        "How many nations joined the coalition or pledged forces for Ukraine?" in seen
    )
    assert "Counted as: nations, countries, nation-contributors; not with JEF" in seen
    assert "When was the Coalition of the Willing founded?" in seen
    assert "2 story figures and 1 story event" in seen
    assert "An admin adds and changes them" in seen
    assert reverse("admin:reference_storyfigure_add") not in seen
    admin = admin_client.get(url).content.decode()
    assert f"{reverse('admin:reference_storyfigure_add')}?story={story.pk}" in admin
    assert "Add a story event" in admin
