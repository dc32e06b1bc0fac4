"""Pages about sources."""

from collections import Counter
from operator import itemgetter
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from editorial import check_selectors, dispute_selectors, marks, reader, roles
from editorial import selectors as editorial_selectors
from editorial.models import ClaimStatus, Stance

from . import selectors
from .models import Source
from .revision_views import orphan_panel_context

SOURCES_PER_PAGE = 25


@login_required
@require_safe
def source_list(request):
    search = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    if kind not in Source.Kind.values:
        kind = ""
    page = Paginator(
        selectors.sources_for_list(search=search, kind=kind), SOURCES_PER_PAGE
    ).get_page(request.GET.get("page"))
    sources = list(page.object_list)
    for source in sources:
        source.status_bar = marks.status_bar(
            {status: getattr(source, f"claims_{status}") for status in ClaimStatus},
            dict(ClaimStatus.choices),
        )
    return render(
        request,
        "sources/source_list.html",
        {
            "sources": sources,
            "page": page,
            "query": urlencode({"q": search, "kind": kind}),
            "search": search,
            "kind": kind,
            "kinds": Source.Kind.choices,
            "statuses": STATUS_LEGEND,
            "can_import": roles.is_editor(request.user),
        },
    )


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
    highlights = editorial_selectors.highlight_marks_for_reader(source=source)
    counts = Counter(map(itemgetter(3), highlights))
    return render(
        request,
        "sources/source_detail.html",
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
            "can_edit": roles.is_editor(request.user),
            **orphan_panel_context(source=source),
            "disputes": dispute_selectors.dispute_counts_for_source(
                source_id=source.pk
            ),
            "suggestions": check_selectors.suggestion_counts(source=source),
        },
    )
