"""The reader, and the orphaned highlights it offers to re-attach or retire."""

from collections import Counter
from operator import itemgetter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import (
    require_POST,
    require_safe,
)

from core import roles
from core.views import error_text, require_editor
from editorial.checks import selectors as check_selectors
from editorial.claims import selectors as claim_selectors
from editorial.conversation import views as conversation_views
from editorial.disputes import selectors as dispute_selectors
from editorial.highlights import marks, reader
from editorial.highlights import selectors as highlight_selectors
from editorial.highlights.forms import ReattachForm, RetireForm
from editorial.highlights.reanchoring import highlight_reattach, highlight_retire
from editorial.intake.forms import browser_text
from editorial.models import Claim, ClaimStatus, Highlight, Stance
from sources.extensions import Panel
from sources.models import Source

#: Every colour the reader uses, most urgent first, with the words the legend gives it.
STATUS_LEGEND = [
    *((status, ClaimStatus(status).label) for status in marks.STATUS_PRIORITY),
    (marks.NO_CLAIM, "No claim yet"),
]


@login_required
@require_safe
def source_detail(request, pk):
    """The reader: the source's text with its highlights, a legend, and the claim panel.

    The page carries only what draws the marks (ids, spans and statuses); the side
    panel fetches a highlight's claims and evidence from the API when it opens
    (``api:source-highlights``), so the page's cost hardly grows with the highlights.
    """
    source = get_object_or_404(Source.objects.select_related("current_revision"), pk=pk)
    highlights = highlight_selectors.highlight_marks_for_reader(source=source)
    can_edit = roles.is_editor(request.user)
    counts = Counter(map(itemgetter(3), highlights))
    response = render(
        request,
        "editorial/highlights/source_detail.html",
        {
            "source": source,
            "body_html": reader.drawn_text(
                revision=source.current_revision, highlights=highlights
            ),
            "highlight_count": len(highlights),
            "legend": [
                (status, label, counts.get(status, 0))
                for status, label in STATUS_LEGEND
            ],
            "stances": Stance.choices,
            "can_edit": can_edit,
            **orphan_panel_context(source=source),
            "disputes": dispute_selectors.dispute_counts_for_source(
                source_id=source.pk
            ),
            "suggestions": check_selectors.suggestion_counts(source=source),
            **conversation_views.follow_context(request, source),
            "source_taggings": list(source.taggings.select_related("tag")),
            "assignees": claim_selectors.assignees() if can_edit else (),
            "priorities": Claim.Priority.choices,
        },
    )
    # Discovery (Web Annotation Protocol, section 4.1): where this text's annotations live.
    container = request.build_absolute_uri(
        reverse("protocol:container", args=[source.pk])
    )
    response["Link"] = f'<{container}>; rel="http://www.w3.org/ns/oa#annotationService"'
    return response


def _orphan(pk, highlight_id) -> Highlight:
    return get_object_or_404(
        Highlight.objects.select_related("source__current_revision"),
        pk=highlight_id,
        source_id=pk,
    )


@login_required
@require_POST
def highlight_reattach_view(request, pk, highlight_id):
    """Re-attach an orphan to words of the current text: selected (offsets) or typed."""
    require_editor(request)
    highlight = _orphan(pk, highlight_id)
    form = ReattachForm(request.POST)
    back = reverse("sources:detail", args=[pk]) + "#orphaned-highlights"
    if not form.is_valid():
        messages.error(
            request,
            "Not re-attached: "
            + " ".join(
                f"{name}: {' '.join(errs)}" for name, errs in form.errors.items()
            ),
        )
        return redirect(back)
    data = form.cleaned_data
    body = highlight.source.current_revision.body
    quote = browser_text(data["quote"], body).strip()
    start, end = data["start"], data["end"]
    if start is None or end is None or body[start:end] != quote:
        count = body.count(quote) if quote else 0
        if count != 1:
            messages.error(
                request,
                f"Not re-attached: “{quote[:80]}” appears {count} times in the current "
                "text. Select the words in the text, then press Re-attach.",
            )
            return redirect(back)
        start = body.index(quote)
        end = start + len(quote)
    try:
        highlight_reattach(
            highlight=highlight,
            start=start,
            end=end,
            exact=quote,
            user=request.user,
            reason=data["reason"],
        )
    except ValidationError as error:
        messages.error(request, f"Not re-attached: {error_text(error)}")
        return redirect(back)
    messages.success(request, f"Re-attached the highlight to “{quote[:80]}”.")
    return redirect(reverse("sources:detail", args=[pk]) + f"#highlight-{highlight.pk}")


@login_required
@require_POST
def highlight_retire_view(request, pk, highlight_id):
    require_editor(request)
    highlight = _orphan(pk, highlight_id)
    form = RetireForm(request.POST)
    back = reverse("sources:detail", args=[pk]) + "#orphaned-highlights"
    if not form.is_valid():
        messages.error(
            request, "Not retired: give a reason; it is kept in the history."
        )
        return redirect(back)
    try:
        highlight_retire(
            highlight=highlight, user=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, f"Not retired: {error_text(error)}")
        return redirect(back)
    messages.success(
        request,
        f"Retired “{highlight.exact[:80]}”; it keeps its claims and stays in the history.",
    )
    return redirect(back)


def orphan_panel_context(*, source: Source) -> dict:
    """What the reader's "Orphaned highlights" panel shows (``includes/orphaned_panel.html``)."""
    return {"orphans": list(highlight_selectors.orphans_for_source(source=source))}


def revision_changes_panel(*, revision) -> Panel | None:
    """The desk's panel on a revision's page (``sources.extensions``): the highlights that
    moved or were orphaned when the revision came; none when all stayed."""
    changes = list(highlight_selectors.revision_highlight_changes(revision=revision))
    if not changes:
        return None
    return Panel("editorial/highlights/revision_changes.html", {"changes": changes})
