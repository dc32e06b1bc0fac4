"""Writes to stories: create, rename, confirm, assign a source, merge, split, propose.

Every write is atomic, checks that the acting user may do an editor's work
(``core.roles.require_editor``; commands and imports act as the system account) and
keeps a history row with the user and the reason on each story and source it changes.
A story's ``profile`` (what its sources share, ``sources.stories.match``) is kept up to
date without history: it is derived from the sources' texts and excluded from history.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from core.history import clean_reason, delete_with_history, stamp
from core.roles import require_editor
from sources.models import Source, Story
from sources.stories import match
from sources.stories.match import RECENT_STORIES


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": "Give the story a name."})
    if len(name) > 200:
        raise ValidationError(
            {"name": f"The name has {len(name)} characters; the limit is 200."}
        )
    return name


def _name_free(name: str, *, story: Story | None = None) -> None:
    taken = Story.objects.filter(name__iexact=name)
    if story is not None:
        taken = taken.exclude(pk=story.pk)
    if taken.exists():
        raise ValidationError(
            {
                "name": f"A story named “{name}” already exists; choose another name, "
                "or merge the two stories."
            }
        )


def _free_slug(name: str, *, story: Story | None = None) -> str:
    base = slugify(name)[:200] or "story"
    taken = Story.objects.filter(slug__startswith=base)
    if story is not None:
        taken = taken.exclude(pk=story.pk)
    used = set(taken.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in used:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _free_name(name: str) -> str:
    """``name``, or ``name (2)`` and so on when a story has it (for proposals)."""
    candidate, number = name[:190], 2
    while Story.objects.filter(name__iexact=candidate).exists():
        candidate, number = f"{name[:190]} ({number})", number + 1
    return candidate


def _save(story: Story, fields: list[str], *, user, reason: str) -> Story:
    story.full_clean()
    stamp(story, user=user, reason=reason)
    story.save(update_fields=fields)
    return story


def _refresh_profile(story: Story) -> None:
    """Rebuild the story's profile from its sources' current texts (no history)."""
    rows = Source.objects.filter(story=story).values_list(
        "current_revision__body", "published_on"
    )
    built = match.story_profile(
        [(match.profile(body or ""), day) for body, day in rows]
    )
    Story.objects.filter(pk=story.pk).update(profile=built)
    story.profile = built


def _place(source: Source, story: Story | None, *, user, reason: str) -> Source:
    source.story = story
    stamp(source, user=user, reason=reason)
    source.save(update_fields=["story"])
    return source


@transaction.atomic
def story_create(
    *, name: str, user, reason: str, confirmed: bool = True, sources=()
) -> Story:
    """A new story named ``name``, holding ``sources`` (moved from their stories)."""
    require_editor(user)
    reason = clean_reason(reason)
    name = _clean_name(name)
    _name_free(name)
    story = Story(
        name=name, slug=_free_slug(name), confirmed=confirmed, created_by=user
    )
    story.full_clean()
    stamp(story, user=user, reason=reason)
    story.save()
    left = set()
    for source in sources:
        if source.story_id:
            left.add(source.story_id)
        _place(source, story, user=user, reason=reason)
    for old in Story.objects.filter(pk__in=sorted(left)):
        _refresh_profile(old)
    if sources:
        _refresh_profile(story)
    return story


@transaction.atomic
def story_get_or_create(*, name: str, user, reason: str) -> Story:
    """The story named ``name`` (any case), made and confirmed when the desk has none."""
    require_editor(user)
    name = _clean_name(name)
    found = Story.objects.filter(name__iexact=name).first()
    return found or story_create(name=name, user=user, reason=reason)


@transaction.atomic
def story_rename(*, story: Story, name: str, user, reason: str) -> Story:
    require_editor(user)
    reason = clean_reason(reason)
    name = _clean_name(name)
    story = Story.objects.select_for_update().get(pk=story.pk)
    if name == story.name:
        raise ValidationError({"name": "That is already the story's name."})
    _name_free(name, story=story)
    story.name = name
    story.slug = _free_slug(name, story=story)
    return _save(story, ["name", "slug"], user=user, reason=reason)


@transaction.atomic
def story_confirm(*, story: Story, user, reason: str) -> Story:
    """An editor confirms the desk's proposed grouping."""
    require_editor(user)
    reason = clean_reason(reason)
    story = Story.objects.select_for_update().get(pk=story.pk)
    if story.confirmed:
        raise ValidationError({"story": "This story is already confirmed."})
    story.confirmed = True
    return _save(story, ["confirmed"], user=user, reason=reason)


@transaction.atomic
def story_assign(*, source: Source, story: Story | None, user, reason: str) -> Source:
    """Move ``source`` into ``story`` (or out of any story, with ``None``)."""
    require_editor(user)
    reason = clean_reason(reason)
    source = Source.objects.select_for_update().get(pk=source.pk)
    if story is not None:
        story = Story.objects.select_for_update().get(pk=story.pk)
    if source.story_id == (story.pk if story else None):
        raise ValidationError({"story": "The source is already in that story."})
    old = source.story
    _place(source, story, user=user, reason=reason)
    for changed in (old, story):
        if changed is not None:
            _refresh_profile(changed)
    return source


@transaction.atomic
def story_merge(*, into: Story, other: Story, user, reason: str) -> Story:
    """Move every source of ``other`` into ``into``; ``other`` is deleted, with history."""
    require_editor(user)
    reason = clean_reason(reason)
    if into.pk == other.pk:
        raise ValidationError({"other": "Choose another story to merge."})
    locked = {
        story.pk: story
        for story in Story.objects.select_for_update().filter(
            pk__in=[into.pk, other.pk]
        )
    }
    if len(locked) != 2:
        raise ValidationError({"other": "One of the stories no longer exists."})
    into, other = locked[into.pk], locked[other.pk]
    for source in Source.objects.select_for_update().filter(story=other):
        _place(source, into, user=user, reason=reason)
    delete_with_history(other, user=user, reason=reason)
    _refresh_profile(into)
    return into


@transaction.atomic
def story_split(*, story: Story, sources, name: str, user, reason: str) -> Story:
    """Move the chosen ``sources`` of ``story`` into a new, confirmed story ``name``."""
    require_editor(user)
    reason = clean_reason(reason)
    story = Story.objects.select_for_update().get(pk=story.pk)
    chosen = {getattr(source, "pk", source) for source in sources}
    members = list(Source.objects.select_for_update().filter(story=story))
    moving = [source for source in members if source.pk in chosen]
    if not moving or len(moving) != len(chosen):
        raise ValidationError(
            {"sources": "Choose one or more of this story's sources to split off."}
        )
    if len(moving) == len(members):
        raise ValidationError(
            {
                "sources": "Leave at least one source in the story; to move them all, "
                "rename the story."
            }
        )
    return story_create(name=name, user=user, reason=reason, sources=moving)


@transaction.atomic
def story_for_new_source(
    *,
    text: str,
    published_on: date | None,
    title: str,
    user,
    reason: str,
    story: Story | None = None,
) -> Story:
    """The story a source about to be imported goes in: ``story``, or the one its text
    fits best (``sources.stories.match``), or a new one.

    A proposed story is left unconfirmed, so an editor sees the desk's proposal on the
    Stories page (a confirmed story the desk adds a source to asks again). The story's
    profile takes in the new text. The caller saves the source with the story, so the
    source's first history row names it.
    """
    require_editor(user)
    reason = clean_reason(reason)
    terms = match.profile(text)
    if story is None:
        recent = {
            found.pk: {**found.profile, "name": found.name}
            for found in Story.objects.order_by("-created_at", "-pk")[:RECENT_STORIES]
        }
        proposal, terms = match.propose(text, published_on, recent, title=title)
        why = f"{reason}: the desk's proposal"
        if proposal.key is None:
            name = _free_name(proposal.name)
            story = Story(
                name=name, slug=_free_slug(name), confirmed=False, created_by=user
            )
            story.full_clean()
            stamp(story, user=user, reason=why)
            story.save()
        else:
            story = Story.objects.select_for_update().get(pk=proposal.key)
            if story.confirmed:
                story.confirmed = False
                _save(story, ["confirmed"], user=user, reason=why)
    built = match.story_add(story.profile, terms, published_on)
    Story.objects.filter(pk=story.pk).update(profile=built)
    story.profile = built
    return story
