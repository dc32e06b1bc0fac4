"""Pages about sources."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from editorial import check_selectors, dispute_selectors, marks, roles
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
    """The reader: the source's text with its highlights, a legend, and the claim panel."""
    source = get_object_or_404(Source.objects.select_related("current_revision"), pk=pk)
    body = source.current_revision.body if source.current_revision else ""
    highlights = list(editorial_selectors.highlights_for_reader(source=source))
    statuses = {
        highlight.pk: marks.highlight_status(
            link.claim.status for link in highlight.reader_links
        )
        for highlight in highlights
    }
    runs = marks.runs(
        body, [(h.pk, h.start, h.end, statuses[h.pk]) for h in highlights]
    )
    counts = {status: 0 for status, _ in STATUS_LEGEND}
    for status in statuses.values():
        counts[status] += 1
    return render(
        request,
        "sources/source_detail.html",
        {
            "source": source,
            "runs": runs,
            "body_html": marks.body_html(runs),
            "highlight_count": len(highlights),
            "legend": [
                (status, label, counts[status]) for status, label in STATUS_LEGEND
            ],
            "panel_data": _panel_data(highlights, statuses),
            "stances": Stance.choices,
            "can_edit": roles.is_editor(request.user),
            **orphan_panel_context(source=source),
            "disputes": dispute_selectors.dispute_counts_for_source(
                source_id=source.pk
            ),
            "suggestions": check_selectors.suggestion_counts(source=source),
        },
    )


def _panel_data(highlights, statuses) -> dict:
    """What the side panel shows for each highlight, handed to the reader's script as JSON.

    Built for thousands of highlights: labels come from dicts and claim URLs from one
    ``reverse`` with the id put in, not one ``reverse`` per link.
    """
    status_labels = dict(ClaimStatus.choices)
    stance_labels = dict(Stance.choices)
    claim_url = reverse("claims:detail", args=[0]).removesuffix("0/") + "{}/"
    return {
        str(highlight.pk): {
            "id": highlight.pk,
            "start": highlight.start,
            "end": highlight.end,
            "exact": highlight.exact,
            "status": statuses[highlight.pk],
            "claims": [
                {
                    "id": link.claim.pk,
                    "statement": link.claim.statement,
                    "status": link.claim.status,
                    "statusLabel": status_labels[link.claim.status],
                    "stance": link.stance,
                    "stanceLabel": stance_labels[link.stance],
                    "url": claim_url.format(link.claim.pk),
                    "evidence": [
                        {
                            "url": evidence.url,
                            "citation": evidence.citation,
                            "note": evidence.note,
                            "supports": evidence.supports,
                        }
                        for evidence in link.claim.reader_evidence
                    ],
                }
                for link in highlight.reader_links
            ],
        }
        for highlight in highlights
    }
