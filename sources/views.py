"""A source's revisions: the list, one revision's text, and a word diff between two."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from core import roles
from core.diffs import compare
from sources import extensions
from sources import selectors as source_selectors
from sources.models import Revision, Source


def _source(pk) -> Source:
    return get_object_or_404(Source.objects.select_related("current_revision"), pk=pk)


@login_required
@require_GET
def revision_list(request, pk):
    """A source's texts, newest first, with what each did to the highlights."""
    source = _source(pk)
    revisions = list(source_selectors.revisions_for_source(source=source))
    return render(
        request,
        "sources/revision_list.html",
        {
            "source": source,
            "revisions": revisions,
            "can_edit": roles.is_editor(request.user),
        },
    )


@login_required
@require_GET
def revision_detail(request, pk, number):
    """One revision's text exactly as it was, with what other apps show for it (the
    desk: what re-anchoring did to the highlights when it came)."""
    source = _source(pk)
    revision = get_object_or_404(
        Revision.objects.select_related("created_by"), source=source, number=number
    )
    return render(
        request,
        "sources/revision_detail.html",
        {
            "source": source,
            "revision": revision,
            "panels": extensions.revision_panels(revision=revision),
            "revision_count": source.current_revision.number,
        },
    )


@login_required
@require_GET
def revision_compare(request, pk):
    """A word diff between two revisions (``?from=1&to=2``)."""
    source = _source(pk)
    revisions = {
        revision.number: revision for revision in source.revisions.order_by("number")
    }
    try:
        old = revisions[
            int(request.GET.get("from", source.current_revision.number - 1))
        ]
        new = revisions[int(request.GET.get("to", source.current_revision.number))]
    except (KeyError, ValueError) as error:
        raise Http404("No such revision.") from error
    full = request.GET.get("full") == "1"
    comparison = compare(old.body, new.body, trim=not full)
    return render(
        request,
        "sources/revision_compare.html",
        {
            "source": source,
            "old": old,
            "new": new,
            "numbers": sorted(revisions),
            "pieces": comparison.pieces,
            "word_by_word": comparison.word_by_word,
            "changes": comparison.changes,
            "full": full,
            "changed": comparison.changed,
        },
    )
