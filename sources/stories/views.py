"""The Stories page: the desk's groups of sources, to confirm, rename, merge, split and
move sources between. Every change goes through ``sources.stories.services``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from core import roles
from sources import extensions
from sources.models import Source, Story
from sources.stories import selectors, services
from sources.stories.forms import (
    MergeForm,
    MoveForm,
    ReasonForm,
    RenameForm,
    SplitForm,
)

PER_PAGE = 25


def _story(slug) -> Story:
    return get_object_or_404(Story, slug=slug)


def _act(request, form, action, success: str, *, back: str, after=None):
    """Run ``action`` with the form's data and say what happened; go ``back``, or
    where ``after`` says for the action's result."""
    # Refused before reading the form, so anyone outside the desk gets a 403 whatever
    # they post; the service checks again.
    roles.require_editor(request.user)
    if not form.is_valid():
        problems = "; ".join(
            f"{form.fields[name].label or name}: {' '.join(errors)}"
            if name in form.fields
            else " ".join(errors)
            for name, errors in form.errors.items()
        )
        messages.error(request, f"Nothing was changed. {problems}")
        return redirect(back)
    try:
        result = action(form.cleaned_data)
    except ValidationError as error:
        messages.error(request, f"Nothing was changed: {' '.join(error.messages)}")
        return redirect(back)
    messages.success(request, success)
    return redirect(after(result) if after else back)


@login_required
@require_safe
def story_list(request):
    """Every story with its sources; the desk's proposals first."""
    page = Paginator(selectors.stories_for_list(), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "sources/stories/story_list.html",
        {"page": page, "can_edit": roles.is_editor(request.user)},
    )


@login_required
@require_safe
def story_detail(request, slug):
    story = selectors.story_for_page(slug=slug)
    if story is None:
        raise Http404("No such story.")
    return render(
        request,
        "sources/stories/story_detail.html",
        {
            "story": story,
            "sources": list(story.sources.all()),
            "others": selectors.story_choices(story=story),
            "can_edit": roles.is_editor(request.user),
            "panels": extensions.story_panels(story=story, request=request),
        },
    )


@login_required
@require_POST
def story_confirm(request, slug):
    story = _story(slug)
    return _act(
        request,
        ReasonForm(request.POST),
        lambda data: services.story_confirm(
            story=story, user=request.user, reason=data["reason"]
        ),
        f"Story “{story.name}” confirmed.",
        back=reverse("stories:list")
        if request.POST.get("next") == "list"
        else story.get_absolute_url(),
    )


@login_required
@require_POST
def story_rename(request, slug):
    story = _story(slug)
    return _act(
        request,
        RenameForm(request.POST),
        lambda data: services.story_rename(
            story=story, name=data["name"], user=request.user, reason=data["reason"]
        ),
        "Story renamed.",
        back=story.get_absolute_url(),
        after=lambda renamed: renamed.get_absolute_url(),
    )


@login_required
@require_POST
def story_merge(request, slug):
    story = _story(slug)

    def merge(data):
        other = Story.objects.filter(pk=data["other"]).first()
        if other is None:
            raise ValidationError("That story no longer exists.")
        return services.story_merge(
            into=story, other=other, user=request.user, reason=data["reason"]
        )

    return _act(
        request,
        MergeForm(request.POST),
        merge,
        "Stories merged.",
        back=story.get_absolute_url(),
    )


@login_required
@require_POST
def story_split(request, slug):
    story = _story(slug)
    form = SplitForm(request.POST, story_sources=story.sources.only("pk", "title"))
    return _act(
        request,
        form,
        lambda data: services.story_split(
            story=story,
            sources=data["sources"],
            name=data["name"],
            user=request.user,
            reason=data["reason"],
        ),
        "Sources split off into a new story.",
        back=story.get_absolute_url(),
        after=lambda new: new.get_absolute_url(),
    )


@login_required
@require_POST
def story_move(request, slug):
    """Move one of this story's sources to another story (or out of any)."""
    story = _story(slug)

    def move(data):
        source = Source.objects.filter(pk=data["source"], story=story).first()
        if source is None:
            raise ValidationError("That source is not in this story.")
        target = None
        if data["story"] is not None:
            target = Story.objects.filter(pk=data["story"]).first()
            if target is None:
                raise ValidationError("That story no longer exists.")
        services.story_assign(
            source=source, story=target, user=request.user, reason=data["reason"]
        )
        return target or story

    return _act(
        request,
        MoveForm(request.POST),
        move,
        "Source moved.",
        back=story.get_absolute_url(),
    )
