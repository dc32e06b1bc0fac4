"""The story page's panel of what editors told the checks about the story."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from reference.models import StoryEvent, StoryFigure, lines
from sources.extensions import Panel


def story_figures_panel(*, story, request):
    """The story's figures and events, with links to change them in the admin for
    whoever may (``sources.extensions``)."""
    figures = list(StoryFigure.objects.filter(story=story).order_by("key"))
    events = list(StoryEvent.objects.filter(story=story).order_by("key"))
    user = request.user
    can_change = user.is_staff and user.has_perms(
        ["reference.change_storyfigure", "reference.change_storyevent"]
    )
    query = urlencode({"story": story.pk})
    return Panel(
        "reference/_story_figures.html",
        {
            "figures": [
                (
                    figure,
                    lines(figure.counted),
                    lines(figure.context),
                    lines(figure.excluded),
                )
                for figure in figures
            ],
            "events": [(event, lines(event.names)) for event in events],
            "can_change": can_change,
            "add_figure": f"{reverse('admin:reference_storyfigure_add')}?{query}",
            "add_event": f"{reverse('admin:reference_storyevent_add')}?{query}",
        },
    )
