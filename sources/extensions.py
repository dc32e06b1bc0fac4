"""Where another app adds to the sources app's pages without the sources app knowing it.

The sources app knows nothing of what other apps keep about a source (the desk's
highlights, for one), and imports none of them. An app that wants its part shown on a
revision's or a story's page registers a panel here from its ``AppConfig.ready()``: a
function of the revision (or of the story and the request) that returns a ``Panel`` (a
template and its context) or ``None`` when it has nothing to show. Panels are registered once, when apps load, and live as long as
the process; registering the same function twice keeps one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict = field(default_factory=dict)


_revision_panels: list[Callable] = []


def add_revision_panel(panel: Callable) -> None:
    """Show ``panel(revision=...)`` on every revision's page, in registration order."""
    if panel not in _revision_panels:
        _revision_panels.append(panel)


def revision_panels(*, revision) -> list[Panel]:
    """The registered panels that have something to show for ``revision``."""
    panels = (panel(revision=revision) for panel in _revision_panels)
    return [panel for panel in panels if panel is not None]


_story_panels: list[Callable] = []


def add_story_panel(panel: Callable) -> None:
    """Show ``panel(story=..., request=...)`` on every story's page, in registration order."""
    if panel not in _story_panels:
        _story_panels.append(panel)


def story_panels(*, story, request) -> list[Panel]:
    """The registered panels that have something to show on ``story``'s page."""
    panels = (panel(story=story, request=request) for panel in _story_panels)
    return [panel for panel in panels if panel is not None]
